package org.snn4j.loss;

import org.snn4j.Snn4jException;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Softmax cross-entropy on logits, averaged over the batch, with optional label smoothing.
 *
 * <p>With p = softmax(z_n) and target q = (1 − ε)·onehot(y_n) + ε/K:
 * L = (1/N) Σ_n Σ_j −q_j log p_j, computed as log-sum-exp around the row maximum (stable for any finite
 * logits) in double precision; ∂L/∂z_nj = (p_j − q_j)/N. ε = 0 gives the plain cross-entropy; the
 * smoothing matches PyTorch's {@code CrossEntropyLoss(label_smoothing=ε)}.
 */
public final class SoftmaxCrossEntropy implements Loss {
    private final double smoothing;

    /** Plain cross-entropy (no label smoothing). */
    public SoftmaxCrossEntropy() {
        this(0);
    }

    /**
     * @param labelSmoothing ε in [0, 1)
     * @throws Snn4jException when ε is outside [0, 1)
     */
    public SoftmaxCrossEntropy(double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new Snn4jException("cross-entropy: label smoothing must be in [0, 1), was " + labelSmoothing);
        }
        this.smoothing = labelSmoothing;
    }

    /** The label smoothing ε. */
    public double labelSmoothing() {
        return smoothing;
    }

    @Override
    public Result evaluate(Tensor readout, int[] labels, Rng rng) {
        int[] nk = Readouts.batchAndClasses(readout, labels, "cross-entropy");
        int n = nk[0], k = nk[1];
        float[] z = readout.data();
        Tensor gradient = Tensor.zeros(readout.shape());
        float[] g = gradient.data();
        double offTarget = smoothing / k, onTarget = 1 - smoothing + offTarget;
        double total = 0;
        double[] p = new double[k];
        for (int i = 0; i < n; i++) {
            int row = i * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) max = Math.max(max, z[row + j]);
            double sum = 0;
            for (int j = 0; j < k; j++) {
                p[j] = Math.exp(z[row + j] - max);
                sum += p[j];
            }
            double logSum = max + Math.log(sum);
            for (int j = 0; j < k; j++) {
                double q = j == labels[i] ? onTarget : offTarget;
                if (q != 0) total -= q * (z[row + j] - logSum);
                g[row + j] = (float) ((p[j] / sum - q) / n);
            }
        }
        return new Result(total / n, gradient);
    }

    @Override
    public String toString() {
        return smoothing == 0 ? "ce" : "ce(label smoothing " + smoothing + ")";
    }
}
