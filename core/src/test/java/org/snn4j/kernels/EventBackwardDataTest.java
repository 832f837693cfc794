package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Rng;

/**
 * The input gradient from the events of the output gradient equals the GEMM path's within the rounding bound of two
 * summation orders, and bit for bit where both compute the same transposed forward (c ≥ outC; class comment of
 * {@link EventBackwardData}), at output-gradient densities from 0 % to 100 %; +0 for an all-zero output gradient;
 * non-finite values where the GEMM path has them; the vector and scalar twins alike.
 */
class EventBackwardDataTest {
    private static final float U = 0x1p-24f;
    private static final double[] DENSITIES = {0, 0.05, 0.3, 1};

    private static final ConvGeometry[] SHAPES = {
        ConvGeometry.square(6, 8, 9, 9, 16, 3, 1, 1),          // W1's conv2 kind (fewer input channels), small
        ConvGeometry.square(4, 16, 7, 7, 16, 3, 1, 1),         // W5's deep kind (as many), the GEMM path's bits
        ConvGeometry.square(3, 20, 6, 6, 7, 3, 1, 1),          // more input channels, neither a multiple of a vector
        ConvGeometry.square(4, 5, 7, 7, 7, 5, 1, 2),           // 5×5
        ConvGeometry.square(3, 4, 8, 8, 9, 1, 1, 0),           // 1×1
        new ConvGeometry(5, 3, 8, 10, 40, 3, 5, 1, 1, 0, 2),   // 3×5, unpadded rows
        ConvGeometry.square(3, 6, 8, 8, 4, 3, 1, 0),           // 'valid' (unpadded)
    };

    @Test
    void equalsTheGemmPathWithinTheRoundingBoundAndBitForBitWithAsManyInputChannels() {
        for (ConvGeometry g : SHAPES) {
            for (double density : DENSITIES) {
                Rng rng = new Rng(17);
                float[] dy = outputGradient(g, density, rng), w = new float[g.weightSize()];
                rng.fillUniform(w, -1, 1);
                float[] dense = new float[g.inputSize()], events = new float[g.inputSize()];
                java.util.Arrays.fill(events, Float.NaN);    // overwritten everywhere
                Conv2dKernels.backwardData(g, dy, w, dense);
                EventBackwardData.backwardData(g, dy, w, events);
                String what = g + " density " + density;
                if (EventBackwardData.sameBitsAsGemmPath(g) || density == 0) {
                    for (int i = 0; i < dense.length; i++) {
                        assertEquals(Float.floatToRawIntBits(dense[i]), Float.floatToRawIntBits(events[i]), what + " element " + i);
                    }
                    continue;
                }
                float[] bound = bound(g, dy, w);
                for (int i = 0; i < dense.length; i++) {
                    assertTrue(Math.abs(dense[i] - events[i]) <= bound[i], what + " element " + i + ": " + dense[i] + " vs " + events[i]
                            + ", bound " + bound[i]);
                }
            }
        }
    }

    /** An all-zero output gradient (−0 included) gives +0 everywhere, what the GEMM path gives. */
    @Test
    void anAllZeroOutputGradientGivesPositiveZeros() {
        for (ConvGeometry g : SHAPES) {
            float[] dy = new float[g.outputSize()], w = new float[g.weightSize()];
            dy[1] = -0f;
            new Rng(3).fillUniform(w, -1, 1);
            float[] dx = new float[g.inputSize()];
            java.util.Arrays.fill(dx, -1f);
            assertEquals(0, EventBackwardData.backwardData(g, dy, w, dx));
            for (float v : dx) assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(v), g.toString());
        }
    }

    /**
     * A NaN or infinite output gradient reaches the inputs its taps reach, and no other (not through a tap that falls
     * outside the input): the same non-finite values where the GEMM path has them, finite values within the bound elsewhere.
     */
    @Test
    void aNonFiniteOutputGradientReachesTheInputsItReachesInTheGemmPath() {
        for (ConvGeometry g : SHAPES) {
            Rng rng = new Rng(8);
            float[] dy = outputGradient(g, 0.3, rng), w = new float[g.weightSize()];
            rng.fillUniform(w, 0.25f, 1);    // no zero weight: infinity times a weight is infinite, not NaN
            dy[0] = Float.POSITIVE_INFINITY;                           // image 0, channel 0, corner
            dy[dy.length - 1] = Float.NaN;                             // the last image, channel and position
            dy[g.outPlane() * (g.outC() + 1) + 1] = Float.NEGATIVE_INFINITY;   // image 1, channel 1
            float[] dense = new float[g.inputSize()], events = new float[g.inputSize()];
            Conv2dKernels.backwardData(g, dy, w, dense);
            EventBackwardData.backwardData(g, dy, w, events);
            float[] bound = bound(g, dy, w);
            int nonFinite = 0;
            for (int i = 0; i < dense.length; i++) {
                assertEquals(Float.isFinite(dense[i]), Float.isFinite(events[i]), g + " element " + i);
                if (!Float.isFinite(dense[i])) {
                    nonFinite++;
                    assertEquals(dense[i], events[i], g + " element " + i);    // NaN equals NaN here, ±∞ by sign
                } else {
                    assertTrue(Math.abs(dense[i] - events[i]) <= bound[i], g + " element " + i);
                }
            }
            assertTrue(nonFinite > 0 && nonFinite < dense.length, g + ": " + nonFinite + " non-finite");
        }
    }

    @Test
    void theVectorAndScalarTwinsGiveTheSameBits() {
        assumeTrue(KernelProvider.whyNotVector().isEmpty(), "Vector API not available");
        for (ConvGeometry g : SHAPES) {
            for (double density : DENSITIES) {
                Rng rng = new Rng(29);
                float[] dy = outputGradient(g, density, rng), w = new float[g.weightSize()];
                rng.fillUniform(w, -1, 1);
                float[] vector = new float[g.inputSize()], scalar = new float[g.inputSize()];
                long ops = EventBackwardData.backwardData(new PanamaEventKernel(), g, dy, w, vector);
                assertEquals(ops, EventBackwardData.backwardData(new ScalarEventKernel(), g, dy, w, scalar));
                assertArrayEquals(scalar, vector, 0f, g + " density " + density);
            }
        }
    }

    @Test
    void stridedOrOverPaddedGeometriesAndWrongSizesAreRejected() {
        ConvGeometry strided = ConvGeometry.square(2, 4, 8, 8, 4, 3, 2, 1), overPadded = ConvGeometry.square(2, 4, 6, 6, 4, 1, 1, 1);
        assertFalse(EventBackwardData.supports(strided));
        assertFalse(EventBackwardData.supports(overPadded));
        assertFalse(EventBackwardData.sameBitsAsGemmPath(SHAPES[0]));
        assertTrue(EventBackwardData.sameBitsAsGemmPath(SHAPES[1]));
        for (ConvGeometry g : new ConvGeometry[] {strided, overPadded}) {
            assertThrows(IllegalArgumentException.class, () -> EventBackwardData.backwardData(g, new float[g.outputSize()],
                    new float[g.weightSize()], new float[g.inputSize()]));
        }
        ConvGeometry g = SHAPES[1];
        assertThrows(IllegalArgumentException.class, () -> EventBackwardData.backwardData(g, new float[g.outputSize() - 1],
                new float[g.weightSize()], new float[g.inputSize()]));
        assertThrows(IllegalArgumentException.class, () -> EventBackwardData.backwardData(g, new float[g.outputSize()],
                new float[g.weightSize()], new float[g.inputSize() + 1]));
    }

    /** An output gradient about {@code density} non-zero, values in [−1, 1). */
    private static float[] outputGradient(ConvGeometry g, double density, Rng rng) {
        float[] dy = new float[g.outputSize()];
        for (int i = 0; i < dy.length; i++) if (rng.nextFloat() < density) dy[i] = 2 * rng.nextFloat() - 1;
        return dy;
    }

    /** 2·n·u·Σ|w·dy| per input element (n = outC·kh·kw products): twice the bound of either summation order; 0 for a non-finite sum. */
    private static float[] bound(ConvGeometry g, float[] dy, float[] w) {
        float[] b = new float[g.inputSize()];
        int n = g.outC() * g.kh() * g.kw();
        for (int i = 0; i < g.n(); i++) {
            for (int c = 0; c < g.c(); c++) {
                for (int iy = 0; iy < g.h(); iy++) {
                    for (int ix = 0; ix < g.w(); ix++) {
                        double s = 0;
                        for (int o = 0; o < g.outC(); o++) {
                            for (int ki = 0; ki < g.kh(); ki++) {
                                for (int kj = 0; kj < g.kw(); kj++) {
                                    int oy = iy + g.padH() - ki, ox = ix + g.padW() - kj;
                                    if (oy < 0 || oy >= g.outH() || ox < 0 || ox >= g.outW()) continue;
                                    float v = dy[((i * g.outC() + o) * g.outH() + oy) * g.outW() + ox];
                                    if (v != 0) s += Math.abs(w[((o * g.c() + c) * g.kh() + ki) * g.kw() + kj] * (double) v);
                                }
                            }
                        }
                        b[((i * g.c() + c) * g.h() + iy) * g.w() + ix] = (float) (2 * n * U * s);
                    }
                }
            }
        }
        return b;
    }
}
