package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class AlignedWeightsTest {
    @Test
    void holdsTheArraysBitsOnACacheLineAndFollowsChangesMadeInPlace() {
        AlignedWeights weights = new AlignedWeights();
        float[] w = {1f, -0f, 2.5f, Float.POSITIVE_INFINITY, 3.5f, 0f, Float.MIN_VALUE};
        MemorySegment first = weights.of(w);
        assertEquals(0, first.address() % 64, "a cache line's alignment");
        assertArrayEquals(bits(w), bits(first), "every bit, -0 and subnormals too");
        assertSame(first, weights.of(w.clone()), "the same bits: the kept copy, not copied again");
        w[1] = 0f;                                  // -0 -> +0 in place: the same array, other bits
        assertArrayEquals(bits(w), bits(weights.of(w)));
        w[2] = Float.intBitsToFloat(0x7fc00001);    // NaNs: Arrays.equals takes any two alike, the copy must not
        assertArrayEquals(bits(w), bits(weights.of(w)));
        w[2] = Float.intBitsToFloat(0x7fc00002);
        assertArrayEquals(bits(w), bits(weights.of(w)), "a NaN's payload changed in place");
        float[] longer = new float[100];
        longer[99] = 7f;
        MemorySegment third = weights.of(longer);
        assertEquals(400, third.byteSize());
        assertEquals(0, third.address() % 64);
        assertArrayEquals(bits(longer), bits(third));
        assertEquals(0, weights.of(new float[0]).byteSize());
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) b[i] = Float.floatToRawIntBits(a[i]);
        return b;
    }

    private static int[] bits(MemorySegment s) {
        return bits(s.toArray(ValueLayout.JAVA_FLOAT));
    }
}
