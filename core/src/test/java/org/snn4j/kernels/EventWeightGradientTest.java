package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Rng;

/**
 * The weight gradient from events equals the dense GEMM's within the rounding bound of two summation orders
 * (class comment of {@link EventWeightGradient}), on strided, padded and odd-channel convolutions and at input
 * densities from 0 % to 100 %; exactly where there are no events.
 */
class EventWeightGradientTest {
    private static final float U = 0x1p-24f;

    @Test
    void equalsTheDenseGradientWithinTheRoundingBound() {
        ConvGeometry[] shapes = {
            ConvGeometry.square(6, 8, 9, 9, 16, 3, 1, 1),    // W1's conv2 kind, small
            ConvGeometry.square(5, 3, 11, 11, 20, 3, 2, 1),  // strided, outC not a multiple of a vector
            ConvGeometry.square(4, 5, 7, 7, 7, 5, 1, 2),     // 5×5
            ConvGeometry.square(3, 4, 8, 8, 9, 1, 1, 0),     // 1×1
            new ConvGeometry(5, 3, 8, 10, 40, 3, 5, 1, 1, 0, 2),  // 3×5, unpadded rows, three blocks of channels
            ConvGeometry.square(3, 2, 6, 6, 8, 1, 1, 1),     // padded more than the kernel less one: zero borders
        };
        for (ConvGeometry g : shapes) {
            for (double density : new double[] {0, 0.02, 0.1, 0.3, 0.7, 1}) {
                Rng rng = new Rng(17);
                float[] x = new float[g.inputSize()], dy = new float[g.outputSize()];
                for (int i = 0; i < x.length; i++) if (rng.nextFloat() < density) x[i] = (1 + rng.nextInt(4)) / 4f;
                rng.fillUniform(dy, -1, 1);
                float[] wDense = new float[g.weightSize()], wEvents = new float[g.weightSize()];
                float[] bDense = new float[g.outC()], bEvents = new float[g.outC()];
                rng.fillUniform(wDense, -1, 1);   // both add into the same starting gradient
                System.arraycopy(wDense, 0, wEvents, 0, wDense.length);
                float[] start = wDense.clone();
                Conv2dKernels.backwardWeights(g, x, dy, wDense, bDense);
                EventWeightGradient.backwardWeights(g, x, dy, wEvents, bEvents);
                float[] bound = bound(g, x, dy, start);
                String what = g + " density " + density;
                for (int i = 0; i < wDense.length; i++) {
                    assertTrue(Math.abs(wDense[i] - wEvents[i]) <= bound[i],
                            what + " weight " + i + ": " + wDense[i] + " vs " + wEvents[i] + ", bound " + bound[i]);
                }
                if (density == 0) assertArrayEquals(wDense, wEvents, 0f, what);
                for (int o = 0; o < g.outC(); o++) {
                    double sumAbs = 0;
                    for (int i = 0; i < g.n(); i++) for (int p = 0; p < g.outPlane(); p++) sumAbs += Math.abs(dy[(i * g.outC() + o) * g.outPlane() + p]);
                    assertTrue(Math.abs(bDense[o] - bEvents[o]) <= 2 * g.n() * g.outPlane() * U * sumAbs + U * Math.abs(bDense[o]), what + " bias " + o);
                }
            }
        }
    }

    /**
     * Each thread sums its own output channels over every image: the same bits at any thread count, at densities
     * 0 %, 15 % and 100 %, with a NaN and an infinity among the inputs (their channels listed per tap), on shifted
     * and non-shifted frames and chunks of several images (the last one short).
     */
    @Test
    void theSameBitsAtAnyThreadCount() {
        ConvGeometry[] shapes = {
            ConvGeometry.square(8, 6, 6, 6, 64, 3, 1, 1),     // four blocks of channels, four images per chunk
            new ConvGeometry(5, 3, 8, 10, 40, 3, 5, 1, 1, 0, 2),  // three blocks, the last partly used
            ConvGeometry.square(5, 3, 11, 11, 20, 3, 2, 1),   // strided: the per-tap lists
            ConvGeometry.square(4, 2, 6, 6, 24, 1, 1, 1),     // stride 1, padded more than the kernel less one: not shifted
            ConvGeometry.square(45, 64, 4, 4, 32, 3, 1, 1),   // W5's deep kind: seven images per chunk, the last of three
            ConvGeometry.square(70, 32, 14, 14, 40, 3, 1, 1), // W1's conv2 kind: one image per chunk
        };
        for (ConvGeometry g : shapes) {
            for (double density : new double[] {0, 0.15, 1}) {
                for (boolean nonFinite : new boolean[] {false, true}) {
                    Rng rng = new Rng(5);
                    float[] x = new float[g.inputSize()], dy = new float[g.outputSize()];
                    for (int i = 0; i < x.length; i++) if (rng.nextFloat() < density) x[i] = rng.nextFloat();
                    if (nonFinite) {
                        x[x.length / 3] = Float.NaN;
                        x[x.length - 1] = Float.NEGATIVE_INFINITY;
                    }
                    rng.fillUniform(dy, -1, 1);
                    float[] start = new float[g.weightSize()];
                    rng.fillUniform(start, -1, 1);
                    float[][] weights = new float[4][], biases = new float[4][];
                    for (int threads = 1; threads <= 3; threads++) {
                        float[] w = start.clone(), b = new float[g.outC()];
                        try (ComputePool pool = ComputePool.of(threads)) {
                            pool.run(() -> EventWeightGradient.backwardWeights(g, x, dy, w, b));
                        }
                        weights[threads] = w;
                        biases[threads] = b;
                    }
                    String what = g + " density " + density + (nonFinite ? " with NaN and -Inf" : "");
                    for (int threads = 2; threads <= 3; threads++) {
                        assertArrayEquals(weights[1], weights[threads], what + ": weights at " + threads + " threads");
                        assertArrayEquals(biases[1], biases[threads], what + ": biases at " + threads + " threads");
                    }
                }
            }
        }
    }

    /**
     * A second call reuses the first's scratch: a call on another shape and then the first again gives the first
     * call's bits.
     */
    @Test
    void reusedScratchGivesTheSameBits() {
        ConvGeometry a = ConvGeometry.square(9, 8, 7, 7, 48, 3, 1, 1), b = ConvGeometry.square(3, 5, 9, 9, 20, 3, 2, 1);
        Rng rng = new Rng(9);
        float[] xa = new float[a.inputSize()], dya = new float[a.outputSize()], xb = new float[b.inputSize()], dyb = new float[b.outputSize()];
        for (int i = 0; i < xa.length; i++) if (rng.nextFloat() < 0.3) xa[i] = rng.nextFloat();
        for (int i = 0; i < xb.length; i++) if (rng.nextFloat() < 0.6) xb[i] = rng.nextFloat();
        rng.fillUniform(dya, -1, 1);
        rng.fillUniform(dyb, -1, 1);
        try (ComputePool pool = ComputePool.of(2)) {
            float[] first = new float[a.weightSize()], again = new float[a.weightSize()], fb = new float[a.outC()], ab = new float[a.outC()];
            pool.run(() -> EventWeightGradient.backwardWeights(a, xa, dya, first, fb));
            pool.run(() -> EventWeightGradient.backwardWeights(b, xb, dyb, new float[b.weightSize()], new float[b.outC()]));
            pool.run(() -> EventWeightGradient.backwardWeights(a, xa, dya, again, ab));
            assertArrayEquals(first, again);
            assertArrayEquals(fb, ab);
        }
    }

    /** An all-zero output gradient adds +0 to every weight and bias gradient (a −0 becomes +0), the bits the GEMM path gives. */
    @Test
    void anAllZeroOutputGradientAddsPositiveZeroAsTheGemmDoes() {
        ConvGeometry g = ConvGeometry.square(4, 8, 9, 9, 16, 3, 1, 1);
        Rng rng = new Rng(5);
        float[] x = new float[g.inputSize()], dy = new float[g.outputSize()];
        for (int i = 0; i < x.length; i++) if (rng.nextFloat() < 0.2) x[i] = 1f;
        dy[3] = -0f;   // −0 counts as zero
        float[] wDense = new float[g.weightSize()], bDense = new float[g.outC()];
        rng.fillUniform(wDense, -1, 1);
        wDense[0] = -0f;
        bDense[1] = -0f;
        float[] wEvents = wDense.clone(), bEvents = bDense.clone();
        Conv2dKernels.backwardWeights(g, x, dy, wDense, bDense);
        EventWeightGradient.backwardWeights(g, x, dy, wEvents, bEvents);
        for (int i = 0; i < wDense.length; i++) assertEquals(Float.floatToRawIntBits(wDense[i]), Float.floatToRawIntBits(wEvents[i]), "weight " + i);
        for (int o = 0; o < g.outC(); o++) assertEquals(Float.floatToRawIntBits(bDense[o]), Float.floatToRawIntBits(bEvents[o]), "bias " + o);
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(wEvents[0]), "−0 + +0 = +0");
    }

    /**
     * An infinite input spreads to the weights of the taps that carry it to an output, as in the GEMM, and to no
     * other: not through a tap that falls outside the output (where the events' frame holds zeros).
     */
    @Test
    void aNonFiniteInputReachesOnlyTheWeightsOfItsTaps() {
        ConvGeometry g = ConvGeometry.square(4, 3, 9, 9, 20, 3, 1, 1);
        Rng rng = new Rng(3);
        float[] x = new float[g.inputSize()], dy = new float[g.outputSize()];
        for (int i = 0; i < x.length; i++) if (rng.nextFloat() < 0.2) x[i] = 1f;
        x[(1 * g.c() + 2) * 81] = Float.POSITIVE_INFINITY;    // image 1, channel 2, corner (0, 0)
        rng.fillUniform(dy, 0.5f, 1);
        float[] wDense = new float[g.weightSize()], wEvents = new float[g.weightSize()];
        Conv2dKernels.backwardWeights(g, x, dy, wDense, null);
        EventWeightGradient.backwardWeights(g, x, dy, wEvents, null);
        float[] bound = bound(g, x, dy, new float[g.weightSize()]);
        int infinite = 0;
        for (int i = 0; i < wDense.length; i++) {
            if (!Float.isFinite(wDense[i])) {
                infinite++;
                assertEquals(wDense[i], wEvents[i], "weight " + i);
            } else {
                assertTrue(Math.abs(wDense[i] - wEvents[i]) <= bound[i], "weight " + i + ": " + wDense[i] + " vs " + wEvents[i]);
            }
        }
        assertEquals(4 * g.outC(), infinite);    // the corner reaches an output through taps (1..2, 1..2) only
    }

    /**
     * 2·(n + 1)·u·(|start| + Σ|x·dy|) per weight (the starting gradient and n products): twice the bound of either
     * summation order against the exact sum.
     */
    private static float[] bound(ConvGeometry g, float[] x, float[] dy, float[] start) {
        float[] b = new float[g.weightSize()];
        int n = g.n() * g.outPlane() + 1;
        for (int o = 0; o < g.outC(); o++) {
            for (int c = 0; c < g.c(); c++) {
                for (int ki = 0; ki < g.kh(); ki++) {
                    for (int kj = 0; kj < g.kw(); kj++) {
                        double s = 0;
                        for (int i = 0; i < g.n(); i++) {
                            for (int oy = 0; oy < g.outH(); oy++) {
                                for (int ox = 0; ox < g.outW(); ox++) {
                                    int iy = oy * g.strideH() - g.padH() + ki, ix = ox * g.strideW() - g.padW() + kj;
                                    if (iy < 0 || iy >= g.h() || ix < 0 || ix >= g.w()) continue;
                                    s += Math.abs(x[((i * g.c() + c) * g.h() + iy) * g.w() + ix]
                                            * dy[((i * g.outC() + o) * g.outH() + oy) * g.outW() + ox]);
                                }
                            }
                        }
                        int k = ((o * g.c() + c) * g.kh() + ki) * g.kw() + kj;
                        b[k] = (float) (2 * n * U * (Math.abs(start[k]) + s));
                    }
                }
            }
        }
        return b;
    }
}
