package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Rng;

class PoolKernelsTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    private static final float[] X4 = {
        1, 2, 3, 4,
        5, 6, 7, 8,
        9, 10, 11, 12,
        13, 14, 15, 16};

    @Test
    void averageHandWorked() {
        float[] y = new float[4];
        PoolKernels.avgForward(X4, 1, 4, 4, 2, 2, 0, y);
        assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, y);
        float[] dx = new float[16];
        PoolKernels.avgBackward(new float[] {4, 8, 12, 16}, 1, 4, 4, 2, 2, 0, dx);
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, dx);
    }

    @Test
    void averageCountsPaddingAsZeros() {
        float[] y = new float[4];
        // 3x3 window, stride 2, pad 1 over 3x3 of ones: each corner window covers 4 real cells of 9
        PoolKernels.avgForward(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, 1, 3, 3, 3, 2, 1, y);
        assertArrayEquals(new float[] {4 / 9f, 4 / 9f, 4 / 9f, 4 / 9f}, y, 1e-6f);
    }

    @Test
    void maxHandWorkedWithArgmax() {
        float[] x = X4.clone();
        x[5] = 20;                                               // the top-left window's max moves to (1, 1)
        float[] y = new float[4];
        int[] argmax = new int[4];
        PoolKernels.maxForward(x, 1, 4, 4, 2, 2, 0, y, argmax);
        assertArrayEquals(new float[] {20, 8, 14, 16}, y);
        assertArrayEquals(new int[] {5, 7, 13, 15}, argmax);
        float[] dx = new float[16];
        PoolKernels.maxBackward(new float[] {1, 2, 3, 4}, argmax, 1, 4, 4, 2, 2, 0, dx);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4}, dx);
    }

    @Test
    void maxIgnoresPaddingAndKeepsFirstOfTies() {
        float[] x = {-5, -5, -5, -5};                            // all negative: zero padding must not win
        float[] y = new float[9];                                // 2x2, window 2, stride 1, pad 1 → 3x3
        int[] argmax = new int[9];
        PoolKernels.maxForward(x, 1, 2, 2, 2, 1, 1, y, argmax);
        assertArrayEquals(new float[] {-5, -5, -5, -5, -5, -5, -5, -5, -5}, y);
        assertArrayEquals(new int[] {0, 0, 1, 0, 0, 1, 2, 2, 3}, argmax);   // centre window: first of four ties
    }

    @Test
    void overlappingWindowsAccumulateGradients() {
        float[] x = {0, 1, 9, 1, 0, 0, 1, 9, 1, 0, 0, 1, 9, 1, 0};   // 3x5, window 3, stride 1 → 1x3
        float[] y = new float[3];
        int[] argmax = new int[3];
        PoolKernels.maxForward(x, 1, 3, 5, 3, 1, 0, y, argmax);
        assertArrayEquals(new float[] {9, 9, 9}, y);
        assertArrayEquals(new int[] {2, 2, 2}, argmax);
        float[] dx = new float[15];
        PoolKernels.maxBackward(new float[] {1, 1, 1}, argmax, 1, 3, 5, 3, 1, 0, dx);
        assertEquals(3f, dx[2]);
        float[] da = new float[15];
        PoolKernels.avgBackward(new float[] {9, 9, 9}, 1, 3, 5, 3, 1, 0, da);
        assertArrayEquals(new float[] {1, 2, 3, 2, 1, 1, 2, 3, 2, 1, 1, 2, 3, 2, 1}, da);
    }

    @Test
    void randomShapesMatchNaiveLoops() {
        Rng rng = new Rng(11);
        for (int trial = 0; trial < 40; trial++) {
            int k = 1 + rng.nextInt(4), stride = 1 + rng.nextInt(3), pad = rng.nextInt(k / 2 + 1);
            int h = Math.max(1, k - 2 * pad) + rng.nextInt(6), w = Math.max(1, k - 2 * pad) + rng.nextInt(6);
            int planes = 1 + rng.nextInt(7);
            int outH = PoolKernels.outSize(h, k, stride, pad), outW = PoolKernels.outSize(w, k, stride, pad);
            float[] x = Conv2dKernelsTest.random(rng, planes * h * w);
            float[] dy = Conv2dKernelsTest.random(rng, planes * outH * outW);
            float[] avgRef = new float[dy.length], maxRef = new float[dy.length];
            float[] avgDxRef = new float[x.length], maxDxRef = new float[x.length];
            naive(x, dy, planes, h, w, k, stride, pad, avgRef, maxRef, avgDxRef, maxDxRef);
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                float[] y = new float[dy.length], dx = new float[x.length];
                int[] argmax = new int[dy.length];
                PoolKernels.avgForward(x, planes, h, w, k, stride, pad, y);
                assertArrayEquals(avgRef, y, 1e-5f);
                PoolKernels.avgBackward(dy, planes, h, w, k, stride, pad, dx);
                assertArrayEquals(avgDxRef, dx, 1e-5f);
                PoolKernels.maxForward(x, planes, h, w, k, stride, pad, y, argmax);
                assertArrayEquals(maxRef, y);
                float[] yInference = new float[dy.length];
                PoolKernels.maxForward(x, planes, h, w, k, stride, pad, yInference);
                assertArrayEquals(y, yInference, "without argmax: the same maxima");
                PoolKernels.maxBackward(dy, argmax, planes, h, w, k, stride, pad, dx);
                assertArrayEquals(maxDxRef, dx, 1e-6f);
            }
        }
    }

    @Test
    void twoByTwoFastPathMatchesNaiveLoopsAndItsScalarTwin() {
        assumeTrue(KernelProvider.whyNotVector().isEmpty(), "Vector API not available");
        PoolKernel vector = KernelProvider.vector().pool(), scalar = KernelProvider.scalar().pool();
        Rng rng = new Rng(5);
        // widths below, at and above one and two vectors of 4..16 lanes; odd sizes leave a row/column unpooled
        int[][] shapes = {{2, 2}, {3, 5}, {4, 4}, {7, 9}, {14, 14}, {28, 28}, {17, 33}, {6, 64}, {5, 70}, {2, 1 + 2 * 33}};
        // 40 planes split over two threads: lanes past a row end must not reach the other thread's planes
        for (int[] s : shapes) for (int planes : new int[] {1 + rng.nextInt(5), 40}) {
            int h = s[0], w = s[1], outH = h / 2, outW = w / 2;
            float[] x = Conv2dKernelsTest.random(rng, planes * h * w);
            float[] dy = Conv2dKernelsTest.random(rng, planes * outH * outW);
            float[] avgRef = new float[dy.length], avgDxRef = new float[x.length];
            naive(x, dy, planes, h, w, 2, 2, 0, avgRef, new float[dy.length], avgDxRef, new float[x.length]);
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                float[] yv = new float[dy.length], ys = new float[dy.length];
                float[] dxv = filled(x.length, Float.NaN), dxs = filled(x.length, Float.NaN);
                PoolKernels.avg2Forward(vector, x, planes, h, w, yv);
                PoolKernels.avg2Forward(scalar, x, planes, h, w, ys);
                assertArrayEquals(ys, yv, h + "x" + w + ": vector and scalar twin agree exactly");
                assertArrayEquals(avgRef, ys, 1e-6f);
                PoolKernels.avg2Backward(vector, dy, planes, h, w, dxv);
                PoolKernels.avg2Backward(scalar, dy, planes, h, w, dxs);
                assertArrayEquals(dxs, dxv, h + "x" + w + ": every element written, twins agree");
                assertArrayEquals(avgDxRef, dxs, 1e-7f);
            }
        }
    }

    @Test
    void twoByTwoMaxWithoutArgmaxMatchesArgmaxVersionAndItsScalarTwin() {
        assumeTrue(KernelProvider.whyNotVector().isEmpty(), "Vector API not available");
        PoolKernel vector = KernelProvider.vector().pool(), scalar = KernelProvider.scalar().pool();
        Rng rng = new Rng(6);
        int[][] shapes = {{2, 2}, {3, 5}, {4, 4}, {7, 9}, {14, 14}, {28, 28}, {17, 33}, {6, 64}, {5, 70}, {2, 1 + 2 * 33}};
        for (int[] s : shapes) for (int planes : new int[] {1 + rng.nextInt(5), 40}) {
            int h = s[0], w = s[1], n = planes * (h / 2) * (w / 2);
            // spikes and ties (0/1, ±0) as a spiking layer gives them, plus random values and NaNs
            float[] x = Conv2dKernelsTest.random(rng, planes * h * w);
            for (int i = 0; i < x.length; i++) {
                int kind = rng.nextInt(8);
                if (kind < 3) x[i] = kind == 0 ? 0f : kind == 1 ? -0f : 1f;
                else if (kind == 3 && rng.nextInt(8) == 0) x[i] = Float.NaN;
            }
            float[] ref = new float[n];
            PoolKernels.maxForward(x, planes, h, w, 2, 2, 0, ref, new int[n]);
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                float[] yv = filled(n, 7f), ys = filled(n, 7f), yp = filled(n, 7f);
                PoolKernels.max2Forward(vector, x, planes, h, w, yv);
                PoolKernels.max2Forward(scalar, x, planes, h, w, ys);
                PoolKernels.maxForward(x, planes, h, w, 2, 2, 0, yp);
                for (int i = 0; i < n; i++) {
                    // bit for bit: -0 and +0, and NaN, as the argmax version leaves them
                    assertEquals(Float.floatToRawIntBits(ref[i]), Float.floatToRawIntBits(ys[i]), h + "x" + w + " scalar at " + i);
                    assertEquals(Float.floatToRawIntBits(ys[i]), Float.floatToRawIntBits(yv[i]), h + "x" + w + " vector at " + i);
                    assertEquals(Float.floatToRawIntBits(ys[i]), Float.floatToRawIntBits(yp[i]), h + "x" + w + " facade at " + i);
                }
            }
        }
    }

    @Test
    void maxWithoutArgmaxHandWorked() {
        float[] x = X4.clone();
        x[5] = 20;
        x[2] = Float.NaN;                                         // a NaN first cell stays (as with the argmax)
        float[] y = new float[4];
        PoolKernels.maxForward(x, 1, 4, 4, 2, 2, 0, y);
        assertArrayEquals(new float[] {20, Float.NaN, 14, 16}, y);
    }

    @Test
    void averageBackwardOverwritesStaleGradients() {
        Rng rng = new Rng(9);
        for (int[] c : new int[][] {{2, 2, 0}, {3, 2, 1}, {2, 1, 1}, {3, 3, 0}, {1, 2, 0}}) {
            int k = c[0], stride = c[1], pad = c[2], h = 7, w = 6;
            int n = 3 * PoolKernels.outSize(h, k, stride, pad) * PoolKernels.outSize(w, k, stride, pad);
            float[] dy = Conv2dKernelsTest.random(rng, n);
            float[] clean = new float[3 * h * w], stale = filled(3 * h * w, 123f);
            PoolKernels.avgBackward(dy, 3, h, w, k, stride, pad, clean);
            PoolKernels.avgBackward(dy, 3, h, w, k, stride, pad, stale);
            assertArrayEquals(clean, stale, "k=" + k + " stride=" + stride + " pad=" + pad);
        }
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> PoolKernels.avgForward(X4, 1, 4, 4, 2, 2, 2, new float[9]));
        assertThrows(IllegalArgumentException.class, () -> PoolKernels.avgForward(X4, 1, 4, 4, 2, 2, 0, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> PoolKernels.avgForward(X4, 1, 4, 4, 5, 1, 0, new float[1]));
        assertThrows(IllegalArgumentException.class,
                () -> PoolKernels.maxForward(X4, 1, 4, 4, 2, 2, 0, new float[4], new int[3]));
        assertThrows(IllegalArgumentException.class, () -> PoolKernels.maxForward(X4, 1, 4, 4, 2, 2, 0, new float[3]));
    }

    private static void naive(float[] x, float[] dy, int planes, int h, int w, int k, int stride, int pad,
                              float[] avg, float[] max, float[] avgDx, float[] maxDx) {
        int outH = PoolKernels.outSize(h, k, stride, pad), outW = PoolKernels.outSize(w, k, stride, pad);
        for (int q = 0; q < planes; q++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int out = (q * outH + oy) * outW + ox;
                    double sum = 0;
                    float best = Float.NEGATIVE_INFINITY;
                    int bestAt = -1;
                    for (int ki = 0; ki < k; ki++) {
                        for (int kj = 0; kj < k; kj++) {
                            int iy = oy * stride - pad + ki, ix = ox * stride - pad + kj;
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                            int at = (q * h + iy) * w + ix;
                            sum += x[at];
                            avgDx[at] += dy[out] / (k * k);
                            if (x[at] > best) {
                                best = x[at];
                                bestAt = at;
                            }
                        }
                    }
                    avg[out] = (float) (sum / (k * k));
                    max[out] = best;
                    maxDx[bestAt] += dy[out];
                }
            }
        }
    }
}
