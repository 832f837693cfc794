package org.snn4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** Central-difference check of a loss gradient on the loss value (test utility). */
final class LossGradients {
    private LossGradients() {}

    /**
     * For every readout element: (L(z + h) − L(z − h)) / (z⁺ − z⁻) in double, where z± are the perturbed
     * float values actually fed in, compared with the analytic gradient within atol + rtol·|numeric|.
     * Every evaluation gets a fresh stream of the same seed, so a stochastic loss sees the same noise.
     */
    static void check(Loss loss, Tensor readout, int[] labels, double h, double atol, double rtol) {
        Tensor analytic = loss.evaluate(readout, labels, new Rng(1)).gradient();
        float[] z = readout.data();
        for (int i = 0; i < z.length; i++) {
            float keep = z[i];
            z[i] = (float) (keep + h);
            float up = z[i];
            double lUp = loss.evaluate(readout, labels, new Rng(1)).value();
            z[i] = (float) (keep - h);
            float down = z[i];
            double lDown = loss.evaluate(readout, labels, new Rng(1)).value();
            z[i] = keep;
            double numeric = (lUp - lDown) / ((double) up - down);
            assertEquals(numeric, analytic.data()[i], atol + rtol * Math.abs(numeric), "element " + i);
        }
    }
}
