package org.snn4j.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.broadcast.Broadcast;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.DataSource;

/**
 * Where a task gets the samples of its shard: from a broadcast the driver sends ({@link #broadcast}) or from the
 * files themselves, opened by each executor from a shared filesystem ({@link #files}).
 */
interface SampleStore extends Serializable {
    /** The data set, opened once per executor JVM. */
    Dataset dataset();

    /** Releases what the driver holds for it (a broadcast). */
    void release();

    /** The samples of {@code block}, sent to each executor once. */
    static SampleStore broadcast(Broadcast<SampleBlock> block) {
        return new Broadcasted(block);
    }

    /** The set {@code source} names, which every executor opens itself (so they must see the same files). */
    static SampleStore files(DataSource source) {
        return new Files(source);
    }

    /** A broadcast block of samples. */
    record Broadcasted(Broadcast<SampleBlock> block) implements SampleStore {
        @Override
        public Dataset dataset() {
            return block.value().dataset();
        }

        @Override
        public void release() {
            block.destroy();
        }
    }

    /**
     * A set opened from its files. An IDX or CIFAR file is read whole, once per executor JVM; an image folder is
     * a streaming set, so a task decodes only the images of its shard.
     */
    record Files(DataSource source) implements SampleStore {
        private static final Map<DataSource, Dataset> OPENED = new ConcurrentHashMap<>();

        @Override
        public Dataset dataset() {
            return OPENED.computeIfAbsent(source, DataSource::load);
        }

        @Override
        public void release() {}
    }
}
