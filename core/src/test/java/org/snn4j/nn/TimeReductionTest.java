package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class TimeReductionTest {
    /** Steps 1, 4, 2 of one value and −1, −3, 5 of another. */
    private static final Tensor X = new Tensor(new float[] {1, -1, 4, -3, 2, 5}, 3, 1, 2);

    private static float[] reduce(TimeReduction.Mode mode, Tensor x, ForwardContext ctx) {
        return new TimeReduction("r", mode).forward(x, ctx).output().data();
    }

    @Test
    void reducesOverTime() {
        assertArrayEquals(new float[] {7, 1}, reduce(TimeReduction.Mode.SUM, X, ForwardContext.evaluation()));
        assertArrayEquals(new float[] {7f / 3, 1f / 3}, reduce(TimeReduction.Mode.MEAN, X, ForwardContext.evaluation()), 1e-6f);
        assertArrayEquals(new float[] {4, 5}, reduce(TimeReduction.Mode.MAX, X, ForwardContext.evaluation()));
        assertArrayEquals(new float[] {2, 5}, reduce(TimeReduction.Mode.LAST, X, ForwardContext.evaluation()));
    }

    @Test
    void aHeldInputStandsForTEqualSteps() {
        Tensor held = new Tensor(new float[] {2, -1}, 1, 1, 2);
        assertArrayEquals(new float[] {8, -4}, reduce(TimeReduction.Mode.SUM, held, ForwardContext.evaluation().withSteps(4)));
        assertArrayEquals(new float[] {2, -1}, reduce(TimeReduction.Mode.MEAN, held, ForwardContext.evaluation().withSteps(4)));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor x = Tensor.zeros(5, 2, 3);
        new Rng(8).fillUniform(x.data(), -1f, 1f);
        for (TimeReduction.Mode mode : TimeReduction.Mode.values()) {
            new GradientCheck(1e-3, 1e-4, 1e-3).check(new TimeReduction("r", mode), x, ForwardContext::evaluationWithBackward);
            new GradientCheck(1e-3, 1e-4, 1e-3).check(new TimeReduction("r", mode), new Tensor(new float[] {0.5f, -2f}, 1, 1, 2),
                    () -> ForwardContext.evaluationWithBackward().withSteps(3));
        }
    }
}
