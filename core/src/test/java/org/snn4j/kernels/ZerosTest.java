package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Zeros#allPositiveZero}: the facade, its scalar twin and the vector twin give the same answers. */
class ZerosTest {
    @Test
    void twinsAgreeOnPositiveZeroNegativeZeroAndOtherValues() {
        SplittableRandom random = new SplittableRandom(4);
        float[] odd = {-0f, Float.MIN_VALUE, -1f, Float.NaN, Float.POSITIVE_INFINITY};
        for (int len = 0; len < 70; len++) {
            for (int trial = 0; trial < 12; trial++) {
                float[] x = new float[len + 3];
                int off = random.nextInt(3);
                if (len > 0 && trial % 2 == 1) x[off + random.nextInt(len)] = odd[random.nextInt(odd.length)];
                boolean expected = true;
                for (int i = off; i < off + len; i++) expected &= Float.floatToRawIntBits(x[i]) == 0;
                assertEquals(expected, Zeros.scalarAllPositiveZero(x, off, len));
                assertEquals(expected, Zeros.allPositiveZero(x, off, len));
                if (KernelProvider.whyNotVector().isEmpty()) assertEquals(expected, PanamaZeros.allPositiveZero(x, off, len));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Zeros.allPositiveZero(new float[3], 2, 2));
    }
}
