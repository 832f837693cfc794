package org.snn4j.spark;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import org.snn4j.data.DataLoader;
import org.snn4j.data.Dataset;
import org.snn4j.data.Transform;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;
import org.snn4j.train.LocalBackend;
import org.snn4j.train.TrainConfig;

/**
 * One synchronous step as the executors see it: the global batch's sample indices, split into
 * {@code partitions} contiguous shards; partition p computes the gradients of shard p with the ordinary
 * single-machine code ({@link LocalBackend}) at the broadcast weights (and buffers) and returns them weighted by its
 * share of the batch. Summed over the partitions that is the gradient of the whole batch, up to summation
 * order. A task that Spark runs again (a lost executor) computes the same result: everything it reads is
 * fixed by the step.
 */
record ShardTask(String run, TrainPayload payload, Broadcast<SampleBlock> data, Broadcast<float[][]> weights,
                 int[] indices, int epoch, int batch, int batches, int partitions) implements Serializable {
    /** Partition {@code p}'s weighted gradients, loss and spikes. */
    ShardResult compute(int p) {
        int n = indices.length;
        int from = (int) ((long) p * n / partitions), to = (int) ((long) (p + 1) * n / partitions);
        ShardResult r = ShardResult.empty();
        if (from == to) return r;
        LocalBackend replica = Replicas.take(run, payload);
        try {
            Flat.setValues(replica.model().parameters(), weights.value()[0]);
            Flat.setValues(replica.model().buffers(), weights.value()[1]);
            TrainConfig cfg = payload.config();
            Dataset d = data.value().dataset();
            int count = to - from;
            Tensor images = Tensor.zeros(Tensor.concat(new int[] {count}, d.sampleShape()));
            int[] labels = new int[count], idx = new int[count];
            d.copyBatch(indices, from, count, images, labels);
            System.arraycopy(indices, from, idx, 0, count);
            long shardSeed = ShardSeeds.of(cfg.seed(), epoch, batch, p);
            Transform[] transforms = cfg.augment().transforms();
            if (transforms.length > 0) {
                Rng rng = new Rng(shardSeed ^ 0x5DEECE66DL);
                for (Transform t : transforms) t.apply(images, rng);
            }
            DataLoader.Batch b = new DataLoader.Batch(images, labels, idx, epoch, batch);
            SpikeRecords tally = new SpikeRecords();
            var outcome = p == 0 ? replica.gradients(b, epoch, batches, tally)
                    : replica.gradients(b, epoch, batches, tally, new Rng(shardSeed));
            double w = payload.shardWeight(count, n);
            r.gradients = new double[Flat.size(replica.model().parameters())];
            Flat.addGradients(replica.model().parameters(), w, r.gradients);
            r.buffers = new double[Flat.size(replica.model().buffers())];
            Flat.addValues(replica.model().buffers(), (double) count / n, r.buffers);
            r.loss = w * outcome.loss();
            r.correct = outcome.correct();
            r.samples = count;
            r.addSpikes(tally);
            return r;
        } finally {
            Replicas.give(run, replica);
        }
    }
}
