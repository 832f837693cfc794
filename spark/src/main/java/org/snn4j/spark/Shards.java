package org.snn4j.spark;

import org.snn4j.data.DataLoader;
import org.snn4j.data.Dataset;
import org.snn4j.data.Transform;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;
import org.snn4j.train.GradientChunks;
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
     * Partition {@code p}'s shard of the batch whose samples are {@code indices[at, at + n)}: its images and
     * labels, or null when empty.
     */
    static DataLoader.Batch batch(Dataset d, TrainConfig cfg, int[] indices, int at, int n, int partitions, int p, int epoch,
                                  int batch) {
        return range(d, cfg, indices, at, n, from(n, partitions, p), from(n, partitions, p + 1), epoch, batch);
    }

    /**
     * Samples {@code [from, to)} of the batch whose samples are {@code indices[at, at + n)} (null when empty),
     * augmented as the single-machine loader augments them: when the run augments, the whole batch is
     * transformed with the batch's stream ({@link DataLoader#transformRng}) and the range cut from it, so every
     * sample gets the draws it gets on one machine.
     */
    static DataLoader.Batch range(Dataset d, TrainConfig cfg, int[] indices, int at, int n, int from, int to, int epoch, int batch) {
        int count = to - from;
        if (count == 0) return null;
        Transform[] transforms = cfg.augment().transforms();
        boolean whole = transforms.length > 0;
        int first = whole ? at : at + from, copied = whole ? n : count;
        Tensor images = Tensor.zeros(Tensor.concat(new int[] {copied}, d.sampleShape()));
        int[] labels = new int[copied], idx = new int[copied];
        // a streaming set (an image folder) crops each sample as the batch's copy on one machine would
        d.copyBatch(indices, first, copied, images, labels, d.isStreaming() ? DataLoader.streamSeed(cfg.seed(), epoch, batch) : 0, first - at);
        System.arraycopy(indices, first, idx, 0, copied);
        DataLoader.Batch b = new DataLoader.Batch(images, labels, idx, epoch, batch);
        if (!whole) return b;
        Rng rng = DataLoader.transformRng(cfg.seed(), epoch, batch);
        for (Transform t : transforms) t.apply(images, rng);
        return GradientChunks.slice(b, from, count);
    }

    /** The gradients of shard {@code b} of partition {@code p}: shard 0 draws the whole batch's stream, the others their own. */
    static TrainingBackend.StepOutcome gradients(LocalBackend replica, DataLoader.Batch b, int batches, SpikeRecords tally,
                                                 TrainConfig cfg, int p) {
        return p == 0 ? replica.gradients(b, b.epoch(), batches, tally)
                : replica.gradients(b, b.epoch(), batches, tally, new Rng(ShardSeeds.of(cfg.seed(), b.epoch(), b.index(), p)));
    }
}
