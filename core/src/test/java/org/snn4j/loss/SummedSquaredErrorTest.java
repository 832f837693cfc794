package org.snn4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.loss.SummedSquaredError.Reduction;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class SummedSquaredErrorTest {
    private static final Rng RNG = new Rng(0);
    private static final Tensor OUT = new Tensor(new float[] {0.5f, 0.25f, 0.125f, 0.75f}, 2, 2);
    private static final int[] LABELS = {0, 1};

    @Test
    void sumsOverBatchAndClassesAsLeesCode() {
        Loss.Result r = new SummedSquaredError().evaluate(OUT, LABELS, RNG);
        // (0.5−1)² + 0.25² + 0.125² + (0.75−1)²
        assertEquals(0.25 + 0.0625 + 0.015625 + 0.0625, r.value(), 1e-12);
        assertArrayEquals(new float[] {-1f, 0.5f, 0.25f, -0.5f}, r.gradient().data());
    }

    @Test
    void meanDividesByAllElements() {
        Loss.Result r = new SummedSquaredError(Reduction.MEAN).evaluate(OUT, LABELS, RNG);
        assertEquals((0.25 + 0.0625 + 0.015625 + 0.0625) / 4, r.value(), 1e-12);
        assertArrayEquals(new float[] {-0.25f, 0.125f, 0.0625f, -0.125f}, r.gradient().data());
    }

    @Test
    void perfectOutputHasZeroLossAndGradient() {
        Tensor onehot = new Tensor(new float[] {0, 0, 1, 1, 0, 0}, 2, 3);
        Loss.Result r = new SummedSquaredError().evaluate(onehot, new int[] {2, 0}, RNG);
        assertEquals(0, r.value());
        assertArrayEquals(new float[6], r.gradient().data());
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Tensor z = Tensor.zeros(1, 4, 3);
        new Rng(11).fillGaussian(z.data(), 1);
        int[] labels = {2, 0, 1, 1};
        LossGradients.check(new SummedSquaredError(), z, labels, 1e-2, 1e-6, 1e-4);
        LossGradients.check(new SummedSquaredError(Reduction.MEAN), z, labels, 1e-2, 1e-7, 1e-4);
        assertArrayEquals(new int[] {1, 4, 3}, new SummedSquaredError().evaluate(z, labels, RNG).gradient().shape());
    }

    @Test
    void refusesOutOfRangeLabels() {
        String m = assertThrows(Snn4jException.class,
                () -> new SummedSquaredError().evaluate(OUT, new int[] {0, 2}, RNG)).getMessage();
        assertTrue(m.startsWith("sse:") && m.contains("label 2") && m.contains("K = 2"), m);
    }
}
