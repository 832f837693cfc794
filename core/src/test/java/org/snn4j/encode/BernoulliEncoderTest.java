package org.snn4j.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class BernoulliEncoderTest {
    @Test
    void deterministicForASeedAndFreshAtEveryStep() {
        Tensor x = Tensor.zeros(3, 28);
        new Rng(1).fillUniform(x.data(), -1, 1);
        BernoulliEncoder enc = new BernoulliEncoder(1);
        Tensor a = enc.encode(x, 10, new Rng(42));
        assertArrayEquals(new int[] {10, 3, 28}, a.shape());
        assertArrayEquals(a.data(), enc.encode(x, 10, new Rng(42)).data());
        assertFalse(Arrays.equals(a.data(), enc.encode(x, 10, new Rng(43)).data()));
        assertFalse(Arrays.equals(Arrays.copyOfRange(a.data(), 0, 84), Arrays.copyOfRange(a.data(), 84, 168)),
                "steps 0 and 1 drew the same spikes");
    }

    @Test
    void followsTheReferenceFormulaDrawForDraw() {
        Tensor x = new Tensor(new float[] {0.3f, -0.8f, 0, 1.5f, -0.05f, 0.6f}, 2, 3);
        float gain = 0.5f;
        Tensor out = new BernoulliEncoder(gain).encode(x, 50, new Rng(7));
        Rng ref = new Rng(7);
        for (int t = 0; t < 50; t++) {
            for (int i = 0; i < 6; i++) {
                float v = x.data()[i];
                float expected = gain * Math.abs(v) > ref.nextFloat() ? Math.signum(v) : 0;
                assertEquals(expected, out.data()[t * 6 + i], "t " + t + ", i " + i);
            }
        }
    }

    @Test
    void rateIsGainTimesMagnitudeWithTheInputsSign() {
        float[] values = {0.1f, 0.5f, -0.9f, 0.02f, -0.3f};
        Tensor x = new Tensor(values.clone(), 1, values.length);
        double gain = 0.5;
        int steps = 20000;
        Tensor out = new BernoulliEncoder(gain).encode(x, steps, new Rng(2024));
        for (int i = 0; i < values.length; i++) {
            int fired = 0;
            for (int t = 0; t < steps; t++) {
                float s = out.data()[t * values.length + i];
                if (s != 0) {
                    assertEquals(Math.signum(values[i]), s, "spike sign of element " + i);
                    fired++;
                }
            }
            double p = gain * Math.abs(values[i]);
            double sigma = Math.sqrt(p * (1 - p) / steps);
            assertEquals(p, (double) fired / steps, 5 * sigma, "firing rate of element " + i);
        }
        assertArrayEquals(values, x.data());
    }

    @Test
    void saturatedInputsFireEveryStepAndZeroNeverFires() {
        // gain·|x| = 1 (the boundary: u < 1 always), 1.5, and 0 (u ≥ 0 is never below 0)
        Tensor x = new Tensor(new float[] {2, -2, 3, 0, -0f}, 1, 5);
        Tensor out = new BernoulliEncoder(0.5).encode(x, 500, new Rng(3));
        for (int t = 0; t < 500; t++) {
            assertArrayEquals(new float[] {1, -1, 1, 0, 0}, Arrays.copyOfRange(out.data(), t * 5, t * 5 + 5), "step " + t);
        }
        Tensor cifar = new Tensor(new float[] {1, -1, 1.7f, -2.1f}, 1, 4);
        Tensor c = new BernoulliEncoder(1).encode(cifar, 200, new Rng(4));
        for (int t = 0; t < 200; t++) {
            assertArrayEquals(new float[] {1, -1, 1, -1}, Arrays.copyOfRange(c.data(), t * 4, t * 4 + 4), "step " + t);
        }
    }

    @Test
    void badArgumentsAndFactory() {
        assertThrows(Snn4jException.class, () -> new BernoulliEncoder(0));
        assertThrows(Snn4jException.class, () -> new BernoulliEncoder(Double.POSITIVE_INFINITY));
        assertThrows(Snn4jException.class, () -> new BernoulliEncoder(1).encode(Tensor.zeros(1, 2), 0, new Rng(0)));
        assertThrows(Snn4jException.class,
                () -> new BernoulliEncoder(1).encode(new Tensor(new float[] {Float.POSITIVE_INFINITY}, 1, 1), 1, new Rng(0)));
        assertInstanceOf(DirectEncoder.class, Encoders.byName("direct", 0));
        assertEquals(0.5, ((BernoulliEncoder) Encoders.byName("bernoulli", 0.5)).gain());
        assertEquals(1.0, ((BernoulliEncoder) Encoders.byName("Rate", 1)).gain());
        String m = assertThrows(Snn4jException.class, () -> Encoders.byName("latency", 1)).getMessage();
        assertTrue(m.contains("'latency'") && m.contains("direct, bernoulli"), m);
    }
}
