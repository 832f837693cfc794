package org.snn4j.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class DirectEncoderTest {
    @Test
    void repeatsTheInputExactlyAtEveryStep() {
        Tensor x = Tensor.zeros(2, 1, 3, 3);
        new Rng(5).fillGaussian(x.data(), 1);
        float[] before = x.data().clone();
        Tensor out = new DirectEncoder().encode(x, 4, new Rng(0));
        assertArrayEquals(new int[] {4, 2, 1, 3, 3}, out.shape());
        for (int t = 0; t < 4; t++) {
            assertArrayEquals(before, Arrays.copyOfRange(out.data(), t * 18, (t + 1) * 18), "step " + t);
        }
        assertArrayEquals(before, x.data());
        out.data()[0] = 42; // a new tensor, not a view of the input
        assertArrayEquals(before, x.data());
    }

    @Test
    void singleStepAndBadArguments() {
        Tensor x = new Tensor(new float[] {1, -2}, 1, 2);
        assertArrayEquals(new float[] {1, -2}, new DirectEncoder().encode(x, 1, null).data());
        assertTrue(assertThrows(Snn4jException.class, () -> new DirectEncoder().encode(x, 0, null)).getMessage().contains("≥ 1"));
        Tensor nan = new Tensor(new float[] {1, Float.NaN}, 1, 2);
        String m = assertThrows(Snn4jException.class, () -> new DirectEncoder().encode(nan, 2, null)).getMessage();
        assertTrue(m.contains("element 1") && m.contains("NaN"), m);
    }
}
