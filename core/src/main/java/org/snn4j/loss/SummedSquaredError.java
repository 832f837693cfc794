package org.snn4j.loss;

import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Squared error between the readout and the one-hot label: Lee et al.'s loss.
 *
 * <p>{@link Reduction#SUM} (Lee et al.'s code, {@code MSELoss(size_average=False)}):
 * E = Σ_n Σ_j (out_nj − onehot_j(y_n))², ∂E/∂out_nj = 2 (out_nj − onehot_j(y_n)). Note that this is a sum
 * over the batch, not a mean: the learning rate absorbs the batch size.
 * <br>{@link Reduction#MEAN} (PyTorch's default {@code MSELoss()}): the same divided by N·K, and so is the
 * gradient.
 */
public final class SummedSquaredError implements Loss {
    /** How the squared errors are combined. */
    public enum Reduction {
        /** Σ over batch and classes (Lee et al.). */
        SUM,
        /** Mean over all N·K elements (PyTorch {@code MSELoss()} default). */
        MEAN
    }

    private final Reduction reduction;

    /** Lee et al.'s summed form. */
    public SummedSquaredError() {
        this(Reduction.SUM);
    }

    public SummedSquaredError(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    public Reduction reduction() {
        return reduction;
    }

    @Override
    public Result evaluate(Tensor readout, int[] labels, Rng rng) {
        String who = reduction == Reduction.SUM ? "sse" : "mse";
        int[] nk = Readouts.batchAndClasses(readout, labels, who);
        int n = nk[0], k = nk[1];
        float[] out = readout.data();
        Tensor gradient = Tensor.zeros(readout.shape());
        float[] g = gradient.data();
        double scale = reduction == Reduction.SUM || n == 0 ? 1 : 1.0 / ((double) n * k);
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                int at = i * k + j;
                double diff = (double) out[at] - (j == labels[i] ? 1 : 0);
                total += diff * diff;
                g[at] = (float) (2 * diff * scale);
            }
        }
        return new Result(total * scale, gradient);
    }

    @Override
    public String toString() {
        return reduction == Reduction.SUM ? "sse" : "mse";
    }
}
