package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class DropoutTest {
    @Test
    void maskHeldOverTimeAndDrawnPerSample() {
        int steps = 4, samples = 8, features = 50;
        Tensor x = Tensor.full(1f, steps, samples, features);
        float[] y = new Dropout("drop", 0.5).forward(x, ForwardContext.training(new Rng(11))).output().data();
        for (float v : y) assertTrue(v == 0f || v == 2f, "values are 0 or 1/(1-p), was " + v);
        int sample = samples * features;
        for (int t = 1; t < steps; t++) {
            assertArrayEquals(Arrays.copyOfRange(y, 0, sample), Arrays.copyOfRange(y, t * sample, (t + 1) * sample),
                    "step " + t + " uses the mask of step 0");
        }
        for (int n = 1; n < samples; n++) {
            assertFalse(Arrays.equals(Arrays.copyOfRange(y, 0, features), Arrays.copyOfRange(y, n * features, (n + 1) * features)),
                    "sample " + n + " has its own mask");
        }
    }

    @Test
    void sameSeedSameMask() {
        Dropout d = new Dropout("drop", 0.3);
        Tensor x = Tensor.full(1f, 2, 3, 20);
        float[] a = d.forward(x, ForwardContext.training(new Rng(5))).output().data();
        float[] b = d.forward(x, ForwardContext.training(new Rng(5))).output().data();
        assertArrayEquals(a, b);
    }

    @Test
    void meanPreservedInExpectation() {
        Tensor x = Tensor.full(1f, 1, 100, 1000);
        float[] y = new Dropout("drop", 0.3).forward(x, ForwardContext.training(new Rng(12))).output().data();
        double mean = 0;
        int dropped = 0;
        for (float v : y) {
            mean += v;
            if (v == 0) dropped++;
        }
        assertEquals(1.0, mean / y.length, 0.01); // std of the mean ≈ 0.002
        assertEquals(0.3, (double) dropped / y.length, 0.01);
    }

    @Test
    void identityInEvaluation() {
        Tensor x = LinearTest.random(1, 3, 2, 5);
        Dropout d = new Dropout("drop", 0.5);
        assertSame(x, d.forward(x, ForwardContext.evaluation()).output());
        Pass pass = d.forward(x, ForwardContext.evaluationWithBackward());
        Tensor g = LinearTest.random(2, 3, 2, 5);
        Tensor dx = pass.backward(g, true);
        assertArrayEquals(g.data(), dx.data());
        assertFalse(g.data() == dx.data(), "input gradient is a fresh tensor");
    }

    @Test
    void gradientsWithFixedSeedContext() {
        GradientCheck.standard().check(new Dropout("drop", 0.4), LinearTest.random(3, 3, 2, 2, 2, 2),
                () -> ForwardContext.training(new Rng(21)));
    }

    @Test
    void rejectsBadProbabilityAndShape() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout("d", 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Dropout("d", -0.1));
        ShapeException e = assertThrows(ShapeException.class,
                () -> new Dropout("d", 0.2).forward(Tensor.zeros(5), ForwardContext.training(new Rng(1))));
        assertEquals("d: input shape expected [T, N, ...], was [5]", e.getMessage());
    }
}
