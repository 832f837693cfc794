package org.snn4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class SoftmaxCrossEntropyTest {
    private static final Rng RNG = new Rng(0);

    @Test
    void uniformLogitsGiveLnKAndGradientPMinusOneHotOverN() {
        Tensor z = Tensor.full(0.7f, 2, 4);
        Loss.Result r = new SoftmaxCrossEntropy().evaluate(z, new int[] {1, 3}, RNG);
        assertEquals(Math.log(4), r.value(), 1e-12);
        float[] expected = {0.125f, -0.375f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f, -0.375f};
        assertArrayEquals(expected, r.gradient().data(), 1e-7f);
        assertArrayEquals(z.shape(), r.gradient().shape());
    }

    @Test
    void handComputedValue() {
        Tensor z = new Tensor(new float[] {1, 2, 3}, 1, 3);
        double logSum = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertEquals(logSum - 3, new SoftmaxCrossEntropy().evaluate(z, new int[] {2}, RNG).value(), 1e-12);
        assertEquals(logSum - 1, new SoftmaxCrossEntropy().evaluate(z, new int[] {0}, RNG).value(), 1e-12);
    }

    @Test
    void labelSmoothingMatchesTheMixedTarget() {
        Tensor z = new Tensor(new float[] {1, 2, 3}, 1, 3);
        double eps = 0.1, logSum = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        double q0 = eps / 3, q2 = 1 - eps + eps / 3;
        double expected = -(q0 * (1 - logSum) + q0 * (2 - logSum) + q2 * (3 - logSum));
        assertEquals(expected, new SoftmaxCrossEntropy(eps).evaluate(z, new int[] {2}, RNG).value(), 1e-12);
        // uniform logits: every target distribution gives ln K
        assertEquals(Math.log(5), new SoftmaxCrossEntropy(0.3).evaluate(Tensor.zeros(1, 5), new int[] {0}, RNG).value(), 1e-12);
    }

    @Test
    void largeLogitsStayFinite() {
        Tensor z = new Tensor(new float[] {1000, 0, -1000, 2000}, 2, 2);
        Loss.Result r = new SoftmaxCrossEntropy().evaluate(z, new int[] {0, 0}, RNG);
        assertEquals(3000.0 / 2, r.value(), 1e-9);
        assertEquals(-1, r.gradient().firstNonFinite());
        assertArrayEquals(new float[] {0, 0, -0.5f, 0.5f}, r.gradient().data(), 1e-7f);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Tensor z = Tensor.zeros(3, 5);
        new Rng(7).fillGaussian(z.data(), 2);
        LossGradients.check(new SoftmaxCrossEntropy(), z, new int[] {4, 0, 2}, 1e-2, 1e-6, 1e-3);
        LossGradients.check(new SoftmaxCrossEntropy(0.2), z, new int[] {1, 1, 3}, 1e-2, 1e-6, 1e-3);
    }

    @Test
    void acceptsASingleStepSequence() {
        Tensor z = Tensor.zeros(1, 2, 3);
        new Rng(3).fillGaussian(z.data(), 1);
        Loss.Result seq = new SoftmaxCrossEntropy().evaluate(z, new int[] {2, 0}, RNG);
        Loss.Result flat = new SoftmaxCrossEntropy().evaluate(z.reshape(2, 3), new int[] {2, 0}, RNG);
        assertEquals(flat.value(), seq.value());
        assertArrayEquals(new int[] {1, 2, 3}, seq.gradient().shape());
        assertArrayEquals(flat.gradient().data(), seq.gradient().data());
        LossGradients.check(new SoftmaxCrossEntropy(), z, new int[] {2, 0}, 1e-2, 1e-6, 1e-3);
    }

    @Test
    void doesNotModifyTheReadout() {
        Tensor z = new Tensor(new float[] {1, 2, 3, 4}, 2, 2);
        new SoftmaxCrossEntropy(0.1).evaluate(z, new int[] {0, 1}, RNG);
        assertArrayEquals(new float[] {1, 2, 3, 4}, z.data());
    }

    @Test
    void refusesBadLabelsShapesAndSmoothing() {
        Loss ce = new SoftmaxCrossEntropy();
        String m = assertThrows(Snn4jException.class, () -> ce.evaluate(Tensor.zeros(2, 3), new int[] {0, 3}, RNG)).getMessage();
        assertTrue(m.contains("label 3") && m.contains("K = 3") && m.contains("sample 1"), m);
        m = assertThrows(Snn4jException.class, () -> ce.evaluate(Tensor.zeros(2, 3), new int[] {-1, 0}, RNG)).getMessage();
        assertTrue(m.contains("label -1"), m);
        m = assertThrows(Snn4jException.class, () -> ce.evaluate(Tensor.zeros(2, 3), new int[] {0}, RNG)).getMessage();
        assertTrue(m.contains("1 labels for a batch of 2"), m);
        m = assertThrows(Snn4jException.class, () -> ce.evaluate(Tensor.zeros(2, 2, 3), new int[] {0, 0}, RNG)).getMessage();
        assertTrue(m.contains("[2, 2, 3]"), m);
        assertThrows(Snn4jException.class, () -> ce.evaluate(Tensor.zeros(6), new int[] {0}, RNG));
        assertThrows(Snn4jException.class, () -> new SoftmaxCrossEntropy(1));
        assertThrows(Snn4jException.class, () -> new SoftmaxCrossEntropy(-0.1));
        assertThrows(Snn4jException.class, () -> new SoftmaxCrossEntropy(Double.NaN));
    }
}
