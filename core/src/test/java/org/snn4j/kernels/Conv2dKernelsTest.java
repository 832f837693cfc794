package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snn4j.tensor.Rng;

class Conv2dKernelsTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    @Test
    void handWorkedCase() {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};           // 1x1x3x3
        float[] w = {1, 2, 3, 4};                          // 1x1x2x2
        float[] y = new float[4];
        Conv2dKernels.forward(ConvGeometry.square(1, 1, 3, 3, 1, 2, 1, 0), x, w, new float[] {0.5f}, y);
        // y00 = 1·1 + 2·2 + 4·3 + 5·4 = 37, then + bias
        assertArrayEquals(new float[] {37.5f, 47.5f, 67.5f, 77.5f}, y);
    }

    @Test
    void handWorkedPaddedStride() {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {0, 0, 0, 0, 1, 0, 0, 0, 0};           // 3x3 identity tap
        float[] y = new float[4];
        // pad 1 stride 2 over 3x3 picks pixels (0,0), (0,2), (2,0), (2,2)
        Conv2dKernels.forward(ConvGeometry.square(1, 1, 3, 3, 1, 3, 2, 1), x, w, null, y);
        assertArrayEquals(new float[] {1, 3, 7, 9}, y);
        float[] dx = new float[9];
        Conv2dKernels.backwardData(ConvGeometry.square(1, 1, 3, 3, 1, 3, 2, 1), new float[] {1, 2, 3, 4}, w, dx);
        assertArrayEquals(new float[] {1, 0, 2, 0, 0, 0, 3, 0, 4}, dx);
    }

    static Stream<ConvGeometry> shapes() {
        List<ConvGeometry> list = new ArrayList<>();
        Rng rng = new Rng(7);
        for (int k : new int[] {1, 3, 5}) {
            for (int stride = 1; stride <= 2; stride++) {
                for (int pad = 0; pad <= 2; pad++) {
                    int h = k + rng.nextInt(6), w = Math.max(1, k - 2 * pad) + rng.nextInt(7);
                    list.add(ConvGeometry.square(1 + rng.nextInt(5), 1 + rng.nextInt(4), h, w,
                            1 + rng.nextInt(5), k, stride, pad));
                }
            }
        }
        list.add(new ConvGeometry(3, 2, 7, 6, 3, 3, 2, 2, 1, 1, 0));   // rectangular kernel and stride
        list.add(ConvGeometry.square(2, 2, 33, 33, 2, 1, 1, 0));       // one image per chunk (P > 1024)
        list.add(ConvGeometry.square(9, 3, 4, 4, 4, 3, 1, 1));         // many images per chunk
        list.add(ConvGeometry.square(3, 2, 6, 1, 2, 5, 1, 2));         // "same" conv narrower than the kernel
        list.add(ConvGeometry.square(2, 3, 1, 2, 2, 3, 1, 1));
        list.add(ConvGeometry.square(1, 1, 2, 2, 1, 3, 1, 2));         // padding beyond k − 1: no transposed conv
        return list.stream();
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void matchesNaiveLoops(ConvGeometry g) {
        Rng rng = new Rng(g.hashCode());
        float[] x = random(rng, g.inputSize()), w = random(rng, g.weightSize()), b = random(rng, g.outC());
        float[] dy = random(rng, g.outputSize());
        double[] yRef = naiveForward(g, x, w, b);
        double[] dxRef = naiveBackwardData(g, dy, w);
        double[] dwRef = new double[g.weightSize()];
        double[] dbRef = new double[g.outC()];
        naiveBackwardWeights(g, x, dy, dwRef, dbRef);
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            for (boolean bias : new boolean[] {false, true}) {
                float[] y = new float[g.outputSize()];
                Conv2dKernels.forward(g, x, w, bias ? b : null, y);
                for (int i = 0; i < y.length; i++) {
                    double expected = yRef[i] - (bias ? 0 : b[i / g.outPlane() % g.outC()]);
                    assertClose(expected, y[i], g.patch(), "y[" + i + "] " + g);
                }
            }
            float[] dx = new float[g.inputSize()];
            java.util.Arrays.fill(dx, Float.NaN);                      // overwritten, whatever it held
            Conv2dKernels.backwardData(g, dy, w, dx);
            for (int i = 0; i < dx.length; i++) assertClose(dxRef[i], dx[i], g.outC() * 9, "dx[" + i + "] " + g);
            float[] dw = new float[g.weightSize()], db = new float[g.outC()];
            java.util.Arrays.fill(dw, 1f);                             // accumulated into
            java.util.Arrays.fill(db, 1f);
            Conv2dKernels.backwardWeights(g, x, dy, dw, db);
            for (int i = 0; i < dw.length; i++) assertClose(1 + dwRef[i], dw[i], g.n() * g.outPlane(), "dw " + g);
            for (int i = 0; i < db.length; i++) assertClose(1 + dbRef[i], db[i], g.n() * g.outPlane(), "db " + g);
        }
    }

    /**
     * A patch of fewer rows than a GEMM panel's columns (W1's first convolution: 1 channel, 3×3) takes the weight
     * gradient by dot products: within (n + 1)·u·(|start| + Σ|x·dy|) of the exact sum (n terms per weight) at input
     * densities 0 % to 100 %, at 1 and 2 threads; the vector and scalar dot kernels agree bit for bit.
     */
    @ParameterizedTest
    @MethodSource("shapes")
    void zeroOutputGradientGivesTheBitsOfThePasses(ConvGeometry g) {
        // the facades' shortcut for an all-zero dY (signed zeros) against the passes they skip; also 2 threads
        java.util.SplittableRandom rng = new java.util.SplittableRandom(g.inputSize());
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], dy = new float[g.outputSize()];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble(-1, 1);
        for (int i = 0; i < w.length; i++) w[i] = (float) rng.nextDouble(-1, 1);
        for (int i = 0; i < dy.length; i++) dy[i] = rng.nextBoolean() ? 0f : -0f;
        float[] dw0 = new float[w.length], db0 = new float[g.outC()];
        for (int i = 0; i < dw0.length; i++) dw0[i] = rng.nextInt(3) == 0 ? -0f : (float) rng.nextDouble(-1, 1);
        for (int i = 0; i < db0.length; i++) db0[i] = rng.nextInt(3) == 0 ? -0f : (float) rng.nextDouble(-1, 1);
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            float[] dxSkip = new float[x.length], dxPass = new float[x.length];
            java.util.Arrays.fill(dxSkip, Float.NaN);
            java.util.Arrays.fill(dxPass, Float.NaN);
            Conv2dKernels.backwardData(g, dy, w, dxSkip);
            ConvImpl.backwardData(g, dy, w, dxPass);
            assertArrayEquals(dxPass, dxSkip, g + " dx");
            float[] dwSkip = dw0.clone(), dwPass = dw0.clone(), dbSkip = db0.clone(), dbPass = db0.clone();
            Conv2dKernels.backwardWeights(g, x, dy, dwSkip, dbSkip);
            ConvImpl.backwardWeights(g, x, dy, dwPass, dbPass);
            assertArrayEquals(dwPass, dwSkip, g + " dW");
            assertArrayEquals(dbPass, dbSkip, g + " db");
        }
    }

    @Test
    void smallPatchWeightGradientByDotsIsWithinTheRoundingBound() {
        float u = 0x1p-24f;
        for (ConvGeometry g : new ConvGeometry[] {ConvGeometry.square(7, 1, 28, 28, 12, 3, 1, 1), ConvGeometry.square(5, 1, 9, 11, 3, 3, 2, 1)}) {
            for (double density : new double[] {0, 0.1, 0.5, 1}) {
                Rng rng = new Rng(31);
                float[] x = new float[g.inputSize()], dy = random(rng, g.outputSize());
                for (int i = 0; i < x.length; i++) if (rng.nextFloat() < density) x[i] = rng.nextFloat();
                float[] start = random(rng, g.weightSize());
                double[] exact = new double[g.weightSize()], sumAbs = new double[g.weightSize()];
                naiveBackwardWeights(g, x, dy, exact, new double[g.outC()]);
                forEachTap(g, (n, o, oy, ox, c, ki, kj, src) -> sumAbs[weightIndex(g, o, c, ki, kj)] +=
                        Math.abs((double) x[src] * dy[outIndex(g, n, o, oy, ox)]));
                int terms = g.n() * g.outPlane();
                for (int threads = 1; threads <= 2; threads++) {
                    Parallel.setThreads(threads);
                    float[] dw = start.clone();
                    Conv2dKernels.backwardWeights(g, x, dy, dw, null);
                    for (int i = 0; i < dw.length; i++) {
                        double bound = (terms + 1) * (double) u * (Math.abs(start[i]) + sumAbs[i]);
                        assertTrue(Math.abs(dw[i] - (start[i] + exact[i])) <= bound,
                                g + " density " + density + " threads " + threads + " weight " + i + ": " + dw[i] + " vs " + (start[i] + exact[i]));
                    }
                    if (density == 0) assertArrayEquals(start, dw, g + " threads " + threads);
                }
            }
        }
        if (!KernelProvider.whyNotVector().isEmpty()) return;
        Rng rng = new Rng(37);
        for (int n : new int[] {0, 5, 32, 100, 784, 1000}) {
            float[] dy = random(rng, n), col = random(rng, 3 * n + 16), partial = new float[Im2Col.CHAINS];
            float[] vector = random(rng, 3), scalar = vector.clone();
            KernelProvider.vector().im2col().accumulateDots(dy, 0, col, n + 5, 3, n, partial, vector, 0);
            KernelProvider.scalar().im2col().accumulateDots(dy, 0, col, n + 5, 3, n, partial, scalar, 0);
            assertArrayEquals(scalar, vector, "n " + n);
        }
    }

    @Test
    void threadedWeightGradientIsDeterministic() {
        Parallel.setThreads(2);
        ConvGeometry g = ConvGeometry.square(11, 3, 9, 9, 4, 3, 1, 1);
        Rng rng = new Rng(3);
        float[] x = random(rng, g.inputSize()), dy = random(rng, g.outputSize());
        float[] first = new float[g.weightSize()], firstB = new float[g.outC()];
        Conv2dKernels.backwardWeights(g, x, dy, first, firstB);
        for (int run = 0; run < 5; run++) {
            float[] again = new float[g.weightSize()], againB = new float[g.outC()];
            Conv2dKernels.backwardWeights(g, x, dy, again, againB);
            assertArrayEquals(first, again);
            assertArrayEquals(firstB, againB);
        }
    }

    @Test
    void emptyBatchDoesNothing() {
        ConvGeometry g = ConvGeometry.square(0, 2, 5, 5, 3, 3, 1, 1);
        float[] dw = new float[g.weightSize()];
        Conv2dKernels.forward(g, new float[0], new float[g.weightSize()], null, new float[0]);
        Conv2dKernels.backwardWeights(g, new float[0], new float[0], dw, null);
        assertEquals(0f, dw[0]);
    }

    @Test
    void refusesBadArguments() {
        ConvGeometry g = ConvGeometry.square(1, 2, 5, 5, 3, 3, 1, 1);
        float[] w = new float[g.weightSize()];
        assertThrows(IllegalArgumentException.class,
                () -> Conv2dKernels.forward(g, new float[49], w, null, new float[g.outputSize()]));
        assertThrows(IllegalArgumentException.class,
                () -> Conv2dKernels.forward(g, new float[g.inputSize()], w, new float[2], new float[g.outputSize()]));
        float[] same = new float[g.inputSize()];
        ConvGeometry square = ConvGeometry.square(1, 3, 5, 5, 3, 1, 1, 0);
        assertThrows(IllegalArgumentException.class,
                () -> Conv2dKernels.backwardData(square, same, new float[9], same));
        assertThrows(IllegalArgumentException.class, () -> ConvGeometry.square(1, 1, 2, 2, 1, 5, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ConvGeometry.square(1, 1, 4, 4, 1, 3, 0, 0));
    }

    @Test
    void chunksStayWithinBudgetAndShareTheBatch() {
        ConvGeometry big = ConvGeometry.square(64, 64, 32, 32, 64, 3, 1, 1);
        assertEquals(1, Conv2dKernels.imagesPerChunk(big, 1));
        ConvGeometry small = ConvGeometry.square(64, 64, 4, 4, 64, 3, 1, 1);
        assertEquals(64, Conv2dKernels.imagesPerChunk(small, 1));
        assertEquals(32, Conv2dKernels.imagesPerChunk(small, 2));
        assertTrue((long) Conv2dKernels.imagesPerChunk(small.withN(1000), 1) * small.patch() * 16 <= 2L << 20);
    }

    private static void assertClose(double expected, float actual, int terms, String what) {
        double tol = 1e-5 * (terms + 1) * Math.max(1, Math.abs(expected));
        assertEquals(expected, actual, tol, what);
    }

    static float[] random(Rng rng, int n) {
        float[] a = new float[n];
        rng.fillUniform(a, -1f, 1f);
        return a;
    }

    /** x pixel feeding output (o, oy, ox) through tap (ki, kj), or -1 in the padding. */
    private static int source(ConvGeometry g, int n, int c, int oy, int ox, int ki, int kj) {
        int iy = oy * g.strideH() - g.padH() + ki, ix = ox * g.strideW() - g.padW() + kj;
        if (iy < 0 || iy >= g.h() || ix < 0 || ix >= g.w()) return -1;
        return ((n * g.c() + c) * g.h() + iy) * g.w() + ix;
    }

    private static int weightIndex(ConvGeometry g, int o, int c, int ki, int kj) {
        return ((o * g.c() + c) * g.kh() + ki) * g.kw() + kj;
    }

    private static int outIndex(ConvGeometry g, int n, int o, int oy, int ox) {
        return ((n * g.outC() + o) * g.outH() + oy) * g.outW() + ox;
    }

    static double[] naiveForward(ConvGeometry g, float[] x, float[] w, float[] b) {
        double[] y = new double[g.outputSize()];
        forEachTap(g, (n, o, oy, ox, c, ki, kj, src) -> y[outIndex(g, n, o, oy, ox)] +=
                (double) w[weightIndex(g, o, c, ki, kj)] * x[src]);
        for (int i = 0; i < y.length; i++) y[i] += b[i / g.outPlane() % g.outC()];
        return y;
    }

    static double[] naiveBackwardData(ConvGeometry g, float[] dy, float[] w) {
        double[] dx = new double[g.inputSize()];
        forEachTap(g, (n, o, oy, ox, c, ki, kj, src) -> dx[src] +=
                (double) w[weightIndex(g, o, c, ki, kj)] * dy[outIndex(g, n, o, oy, ox)]);
        return dx;
    }

    static void naiveBackwardWeights(ConvGeometry g, float[] x, float[] dy, double[] dw, double[] db) {
        forEachTap(g, (n, o, oy, ox, c, ki, kj, src) -> dw[weightIndex(g, o, c, ki, kj)] +=
                (double) x[src] * dy[outIndex(g, n, o, oy, ox)]);
        for (int i = 0; i < dy.length; i++) db[i / g.outPlane() % g.outC()] += dy[i];
    }

    interface Tap {
        void at(int n, int o, int oy, int ox, int c, int ki, int kj, int src);
    }

    private static void forEachTap(ConvGeometry g, Tap tap) {
        for (int n = 0; n < g.n(); n++)
            for (int o = 0; o < g.outC(); o++)
                for (int oy = 0; oy < g.outH(); oy++)
                    for (int ox = 0; ox < g.outW(); ox++)
                        for (int c = 0; c < g.c(); c++)
                            for (int ki = 0; ki < g.kh(); ki++)
                                for (int kj = 0; kj < g.kw(); kj++) {
                                    int src = source(g, n, c, oy, ox, ki, kj);
                                    if (src >= 0) tap.at(n, o, oy, ox, c, ki, kj, src);
                                }
    }

    /** A weight gradient of few patch rows (one dot product per weight) splits its output channels: the same bits at any thread count. */
    @Test
    void dotProductWeightGradientsAreTheSameAtAnyThreadCount() {
        for (ConvGeometry g : new ConvGeometry[] {ConvGeometry.square(6, 1, 10, 10, 40, 3, 1, 1), ConvGeometry.square(5, 3, 9, 9, 24, 3, 1, 1)}) {
            Rng rng = new Rng(9);
            float[] x = new float[g.inputSize()], dy = new float[g.outputSize()], start = new float[g.weightSize()];
            rng.fillUniform(x, -1, 1);
            rng.fillUniform(dy, -1, 1);
            rng.fillUniform(start, -1, 1);
            float[][] w = new float[4][], b = new float[4][];
            for (int threads = 1; threads <= 3; threads++) {
                float[] dw = start.clone(), db = new float[g.outC()];
                try (ComputePool pool = ComputePool.of(threads)) {
                    pool.run(() -> Conv2dKernels.backwardWeights(g, x, dy, dw, db));
                }
                w[threads] = dw;
                b[threads] = db;
            }
            for (int threads = 2; threads <= 3; threads++) {
                assertArrayEquals(w[1], w[threads], g + ": weights at " + threads + " threads");
                assertArrayEquals(b[1], b[threads], g + ": biases at " + threads + " threads");
            }
        }
    }
}
