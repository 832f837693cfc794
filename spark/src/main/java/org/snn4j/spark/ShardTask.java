package org.snn4j.spark;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import org.snn4j.data.DataLoader;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.train.GradientChunks;
import org.snn4j.train.LocalBackend;
import org.snn4j.train.TrainConfig;

/**
 * One synchronous step as the executors see it: the global batch's sample indices, split into
 * {@code partitions} contiguous shards; partition p computes the gradients of shard p with the ordinary
 * single-machine code ({@link LocalBackend}) at the broadcast weights (and buffers) and returns them weighted by its
 * share of the batch. Summed over the partitions that is the gradient of the whole batch, up to summation
 * order. With a gradient chunk ({@link TrainConfig#gradientChunk}) partition p computes whole chunks instead and
 * returns each chunk's result, which the driver adds in chunk order: the single-machine step bit for bit. A task
 * that Spark runs again (a lost executor) computes the same result: everything it reads is
 * fixed by the step.
 */
record ShardTask(String run, TrainPayload payload, SampleStore data, Broadcast<float[][]> weights,
                 int[] indices, int epoch, int batch, int batches, int partitions) implements Serializable {
    /** Partition {@code p}'s weighted gradients, loss and spikes. */
    ShardResult compute(int p) {
        int n = indices.length;
        TrainConfig cfg = payload.config();
        if (cfg.gradientChunk() > 0) return computeChunks(p, cfg);
        DataLoader.Batch b = Shards.batch(data.dataset(), cfg, indices, 0, n, partitions, p, epoch, batch);
        ShardResult r = ShardResult.empty();
        if (b == null) return r;
        LocalBackend replica = Replicas.take(run, payload);
        try {
            Flat.setValues(replica.model().parameters(), weights.value()[0]);
            Flat.setValues(replica.model().buffers(), weights.value()[1]);
            SpikeRecords tally = new SpikeRecords();
            var outcome = Shards.gradients(replica, b, batches, tally, cfg, p);
            double w = payload.shardWeight(b.size(), n);
            r.gradients = new double[Flat.size(replica.model().parameters())];
            Flat.addGradients(replica.model().parameters(), w, r.gradients);
            r.buffers = new double[Flat.size(replica.model().buffers())];
            Flat.addValues(replica.model().buffers(), (double) b.size() / n, r.buffers);
            r.loss = w * outcome.loss();
            r.correct = outcome.correct();
            r.samples = b.size();
            r.addSpikes(tally);
            return r;
        } finally {
            Replicas.give(run, payload, replica);
        }
    }

    /**
     * Partition {@code p}'s whole chunks of the batch (chunks [p·K/P, (p+1)·K/P) of its K), each computed from
     * the broadcast weights and buffers with the chunk's own stream, as one machine computes them.
     */
    private ShardResult computeChunks(int p, TrainConfig cfg) {
        int n = indices.length, size = cfg.gradientChunk(), chunks = GradientChunks.count(n, size);
        ShardResult r = ShardResult.empty();
        int first = Shards.from(chunks, partitions, p), end = Shards.from(chunks, partitions, p + 1);
        if (first == end) return r;
        LocalBackend replica = Replicas.take(run, payload);
        try {
            Flat.setValues(replica.model().parameters(), weights.value()[0]);
            SpikeRecords tally = new SpikeRecords();
            for (int k = first; k < end; k++) {
                DataLoader.Batch chunk = Shards.range(data.dataset(), cfg, indices, 0, n, GradientChunks.from(n, size, k),
                        GradientChunks.from(n, size, k + 1), epoch, batch);
                r.chunks.add(replica.chunk(chunk, k, batches, tally, weights.value()[1]));
                r.samples += chunk.size();
            }
            r.addSpikes(tally);
            return r;
        } finally {
            Replicas.give(run, payload, replica);
        }
    }
}
