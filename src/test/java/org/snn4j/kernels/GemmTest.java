package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GemmTest {
    @Test
    void handWorkedCase() {
        float[] a = {1, 2, 3, 4, 5, 6};          // 2x3
        float[] b = {7, 8, 9, 10, 11, 12};       // 3x2
        float[] c = new float[4];
        Gemm.multiply(2, 2, 3, a, b, c);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c);
    }

    @Test
    void refusesAliasingAndShortArrays() {
        float[] a = new float[6];
        assertThrows(IllegalArgumentException.class, () -> Gemm.multiply(2, 2, 3, a, new float[6], a));
        assertThrows(IllegalArgumentException.class, () -> Gemm.multiply(2, 2, 3, a, new float[5], new float[4]));
    }
}
