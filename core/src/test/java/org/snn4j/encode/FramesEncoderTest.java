package org.snn4j.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.tensor.Tensor;

class FramesEncoderTest {
    @Test
    void unfoldsStackedFramesIntoSteps() {
        // N = 2 samples of T = 3 frames of C = 2 channels of 1 × 2 pixels: value = 100 n + 10 t + (c·2 + pixel)
        int n = 2, t = 3, c = 2, w = 2;
        Tensor x = Tensor.zeros(n, t * c, 1, w);
        for (int s = 0; s < n; s++) {
            for (int f = 0; f < t; f++) {
                for (int j = 0; j < c * w; j++) x.data()[((s * t + f) * c * w) + j] = 100 * s + 10 * f + j;
            }
        }
        Tensor out = new FramesEncoder().encode(x, t, null);
        assertArrayEquals(new int[] {t, n, c, 1, w}, out.shape());
        for (int f = 0; f < t; f++) {
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < c * w; j++) assertEquals(100 * s + 10 * f + j, out.data()[(f * n + s) * c * w + j], 0);
            }
        }
        assertArrayEquals(out.data(), new FramesEncoder().encodeCompact(x, t, null).data(), "never held: frames differ per step");
        assertArrayEquals(new int[] {c, 1, w}, new FramesEncoder().stepShape(new int[] {t * c, 1, w}, t));
        assertArrayEquals(new int[] {6, 1, 2}, new DirectEncoder().stepShape(new int[] {6, 1, 2}, 3));
    }

    @Test
    void framesThatDoNotDivideIntoTStepsAreRefused() {
        Tensor x = Tensor.zeros(1, 4, 2, 2);
        Snn4jException e = assertThrows(Snn4jException.class, () -> new FramesEncoder().encode(x, 3, null));
        assertTrue(e.getMessage().contains("T = 3"), e.getMessage());
        assertEquals(EncoderSpec.Kind.FRAMES, EncoderSpec.Kind.byLabel("frames"));
        assertTrue(EncoderSpec.parse("frames", 1).create() instanceof FramesEncoder);
        assertTrue(Encoders.byName("frames", 1) instanceof FramesEncoder);
    }
}
