package org.snn4j.loss;

import org.snn4j.tensor.Tensor;

/**
 * A loss on the network's readout. The readout is {@code [N, K]} (a {@code [1, N, K]} sequence may be
 * passed as is): one score per class per sample. The value is the mean over the batch unless a loss
 * documents otherwise (Lee's summed squared error sums, as the authors' code does).
 */
public interface Loss {
    /**
     * @param readout {@code [N, K]} or {@code [1, N, K]}; read, not modified
     * @param labels  N class indices in [0, K)
     * @param rng     noise source for stochastic losses (ignored by deterministic ones)
     * @return the loss value and ∂L/∂readout, shaped as {@code readout}
     */
    Result evaluate(Tensor readout, int[] labels, org.snn4j.tensor.Rng rng);

    /**
     * The loss to train with at progress {@code p} ∈ [0, 1] (fraction of all mini-batches done): losses
     * with a schedule (the stochastic softmax's noise annealing) return their state at p; others themselves.
     */
    default Loss atProgress(double p) {
        return this;
    }

    /** The loss evaluation reports (a training-only perturbation removed); itself by default. */
    default Loss forEvaluation() {
        return this;
    }

    /** A loss value and its gradient with respect to the readout. */
    record Result(double value, Tensor gradient) {}
}
