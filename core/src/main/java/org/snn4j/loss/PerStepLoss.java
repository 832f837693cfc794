package org.snn4j.loss;

import java.util.Objects;
import org.snn4j.Snn4jException;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * A loss at every step of a sequence output {@code [T, N, K]} (a leaky integrator's membrane, for sequence
 * labels): the wrapped loss on the T·N rows {@code [T·N, K]} as one batch, so a batch-mean loss becomes the
 * mean over steps and samples. Labels are one per sample and step in time-major order ({@code T·N}: sample n
 * at step t is {@code labels[t·N + n]}), or one per sample (N) for every step. A {@code [1, N, K]} output is
 * the wrapped loss itself.
 */
public final class PerStepLoss implements Loss {
    private final Loss perRow;

    /** @param perRow the loss on each step's {@code [N, K]} rows, e.g. {@link SoftmaxCrossEntropy} */
    public PerStepLoss(Loss perRow) {
        this.perRow = Objects.requireNonNull(perRow);
    }

    @Override
    public Result evaluate(Tensor output, int[] labels, Rng rng) {
        if (output.rank() != 3) throw new Snn4jException("per-step loss: output expected [T, N, K], was " + output.shapeString());
        int steps = output.dim(0), samples = output.dim(1), classes = output.dim(2);
        int[] rowLabels;
        if (labels.length == steps * samples) {
            rowLabels = labels;
        } else if (labels.length == samples) {
            rowLabels = new int[steps * samples];
            for (int t = 0; t < steps; t++) System.arraycopy(labels, 0, rowLabels, t * samples, samples);
        } else {
            throw new Snn4jException("per-step loss: " + labels.length + " labels for " + steps + " steps of " + samples
                    + " samples (expected " + samples + " or " + steps * samples + ")");
        }
        Result rows = perRow.evaluate(output.reshape(steps * samples, classes), rowLabels, rng);
        return new Result(rows.value(), rows.gradient().reshape(steps, samples, classes));
    }

    @Override
    public Loss atProgress(double p) {
        Loss at = perRow.atProgress(p);
        return at == perRow ? this : new PerStepLoss(at);
    }

    @Override
    public Loss forEvaluation() {
        Loss e = perRow.forEvaluation();
        return e == perRow ? this : new PerStepLoss(e);
    }

    @Override
    public String toString() {
        return "PerStepLoss(" + perRow + ")";
    }
}
