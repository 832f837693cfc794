package org.snn4j.spark;

import org.snn4j.data.DataLoader;
import org.snn4j.data.Dataset;
import org.snn4j.data.Transform;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;
import org.snn4j.train.LocalBackend;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.TrainingBackend;

/** How a global mini-batch is split: partition p of P takes the contiguous samples [p·n/P, (p+1)·n/P). */
final class Shards {
    private Shards() {}

    /** The first sample of partition {@code p}'s shard of a batch of {@code n}. */
    static int from(int n, int partitions, int p) {
        return (int) ((long) p * n / partitions);
    }

    /**
     * Partition {@code p}'s shard of the batch whose samples are {@code indices[at, at + n)}: its images
     * (augmented with a stream of the shard's own, when the run augments) and labels, or null when empty.
     */
    static DataLoader.Batch batch(Dataset d, TrainConfig cfg, int[] indices, int at, int n, int partitions, int p, int epoch,
                                  int batch) {
        int from = at + from(n, partitions, p), to = at + from(n, partitions, p + 1);
        int count = to - from;
        if (count == 0) return null;
        Tensor images = Tensor.zeros(Tensor.concat(new int[] {count}, d.sampleShape()));
        int[] labels = new int[count], idx = new int[count];
        d.copyBatch(indices, from, count, images, labels);
        System.arraycopy(indices, from, idx, 0, count);
        Transform[] transforms = cfg.augment().transforms();
        if (transforms.length > 0) {
            Rng rng = new Rng(ShardSeeds.of(cfg.seed(), epoch, batch, p) ^ 0x5DEECE66DL);
            for (Transform t : transforms) t.apply(images, rng);
        }
        return new DataLoader.Batch(images, labels, idx, epoch, batch);
    }

    /** The gradients of shard {@code b} of partition {@code p}: shard 0 draws the whole batch's stream, the others their own. */
    static TrainingBackend.StepOutcome gradients(LocalBackend replica, DataLoader.Batch b, int batches, SpikeRecords tally,
                                                 TrainConfig cfg, int p) {
        return p == 0 ? replica.gradients(b, b.epoch(), batches, tally)
                : replica.gradients(b, b.epoch(), batches, tally, new Rng(ShardSeeds.of(cfg.seed(), b.epoch(), b.index(), p)));
    }
}
