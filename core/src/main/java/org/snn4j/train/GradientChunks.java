package org.snn4j.train;

import java.io.Serializable;
import java.util.List;
import org.snn4j.data.DataLoader;
import org.snn4j.loss.Loss;
import org.snn4j.loss.SummedSquaredError;
import org.snn4j.nn.Parameter;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * A mini-batch of n samples cut into fixed chunks of {@code size} samples (chunk k holds samples
 * [k·size, min(n, (k+1)·size)) of the batch), as {@link TrainConfig#gradientChunk} asks. Each chunk's
 * gradients are computed on their own ({@link LocalBackend#chunk}), drawing their randomness (input encoding,
 * dropout) from a stream fixed by (seed, epoch, batch, chunk), and a {@link Sum} adds the chunks' weighted
 * gradients in chunk order in double precision. Nothing in a chunk's result depends on where or with what
 * else it was computed, so machines that compute whole chunks and hand them to one {@link Sum} in chunk order
 * give the single-machine sum bit for bit, whatever the number of machines.
 */
public final class GradientChunks {
    private GradientChunks() {}

    /** The number of chunks of {@code size} in a batch of {@code n}. */
    public static int count(int n, int size) {
        return (n + size - 1) / size;
    }

    /** The first sample of chunk {@code k} in a batch of {@code n} (n for k = {@link #count}). */
    public static int from(int n, int size, int k) {
        return (int) Math.min(n, (long) k * size);
    }

    /** The stream chunk {@code chunk} of batch {@code batch} of epoch {@code epoch} draws from. */
    static Rng rng(long seed, int epoch, int batch, int chunk) {
        long z = Seeds.mix(seed, epoch, batch) + chunk * 0xD6E8FEB86659FD93L + 0x2545F4914F6CDD1DL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Rng(z ^ (z >>> 31));
    }

    /**
     * The weight of a chunk of {@code samples} in a batch of {@code n}: its share for a loss averaged over the
     * batch, 1 for a loss summed over it (Lee's summed squared error).
     */
    public static double weight(Loss loss, int samples, int n) {
        return loss instanceof SummedSquaredError sse && sse.reduction() == SummedSquaredError.Reduction.SUM ? 1
                : (double) samples / n;
    }

    /** Samples {@code [from, from + count)} of {@code b}, as a batch of the same epoch and index. */
    public static DataLoader.Batch slice(DataLoader.Batch b, int from, int count) {
        Tensor all = b.images();
        int per = all.sizeFrom(1);
        Tensor images = Tensor.zeros(Tensor.concat(new int[] {count}, all.shapeFrom(1)));
        System.arraycopy(all.data(), from * per, images.data(), 0, count * per);
        int[] labels = new int[count], indices = new int[count];
        System.arraycopy(b.labels(), from, labels, 0, count);
        System.arraycopy(b.indices(), from, indices, 0, count);
        return new DataLoader.Batch(images, labels, indices, b.epoch(), b.index());
    }

    /**
     * One chunk's result: its index in the batch, its samples, the gradients of its mean (or summed) loss and
     * the buffers (batch-norm statistics) after its forward pass, both laid end to end in the model's order,
     * its loss (with the spike penalty) and correctly classified samples.
     */
    public record Result(int chunk, int samples, float[] gradients, float[] buffers, double loss, long correct)
            implements Serializable {}

    /**
     * The weighted sum of a batch's chunk results, added in chunk order (the caller's duty: {@link #add}
     * refuses any other), in double precision, then rounded once to the model's floats.
     */
    public static final class Sum {
        private final Loss loss;
        private final int n;
        private double[] gradients;
        private double[] buffers;
        private double lossSum;
        private long correct;
        private int next;

        /** An empty sum of the chunks of a batch of {@code n} samples trained with {@code loss}. */
        public Sum(Loss loss, int n) {
            this.loss = loss;
            this.n = n;
        }

        /** Adds chunk {@code r}, which must be the next chunk of the batch. */
        public void add(Result r) {
            if (r.chunk() != next) throw new IllegalStateException("chunk " + r.chunk() + " added where chunk " + next + " belongs");
            next++;
            double w = weight(loss, r.samples(), n);
            if (gradients == null) {
                gradients = new double[r.gradients().length];
                buffers = new double[r.buffers().length];
            }
            for (int i = 0; i < gradients.length; i++) gradients[i] += w * r.gradients()[i];
            double share = (double) r.samples() / n;
            for (int i = 0; i < buffers.length; i++) buffers[i] += share * r.buffers()[i];
            lossSum += w * r.loss();
            correct += r.correct();
        }

        /**
         * Sets {@code params}' gradients and {@code buffers}' values to the sums (the buffers averaged over the
         * chunks, weighted by samples) and returns the batch's loss and correct samples.
         */
        public TrainingBackend.StepOutcome apply(List<Parameter> params, List<Parameter> buffers) {
            if (next == 0) throw new IllegalStateException("no chunk was added");
            setFlat(params, gradients, true);
            setFlat(buffers, this.buffers, false);
            return new TrainingBackend.StepOutcome(lossSum, correct);
        }

        private static void setFlat(List<Parameter> ps, double[] flat, boolean gradient) {
            int at = 0;
            for (Parameter p : ps) {
                float[] d = (gradient ? p.grad() : p.value()).data();
                for (int i = 0; i < d.length; i++) d[i] = (float) flat[at++];
            }
        }
    }

    /** The values ({@code gradient} false) or gradients of {@code ps}, end to end. */
    static float[] flat(List<Parameter> ps, boolean gradient) {
        int size = 0;
        for (Parameter p : ps) size += p.value().size();
        float[] out = new float[size];
        int at = 0;
        for (Parameter p : ps) {
            float[] d = (gradient ? p.grad() : p.value()).data();
            System.arraycopy(d, 0, out, at, d.length);
            at += d.length;
        }
        return out;
    }

    /** Sets the values of {@code ps} from {@code flat}. */
    static void setValues(List<Parameter> ps, float[] flat) {
        int at = 0;
        for (Parameter p : ps) {
            float[] d = p.value().data();
            System.arraycopy(flat, at, d, 0, d.length);
            at += d.length;
        }
    }
}
