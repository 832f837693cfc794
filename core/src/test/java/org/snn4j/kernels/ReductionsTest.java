package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Rng;

class ReductionsTest {
    @Test
    void handWorkedChannelSums() {
        // [B=2, C=2, S=2]: channel 0 holds 1, 2, 5, 6; channel 1 holds 3, 4, 7, 8.
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] sums = new double[2], squares = new double[2], dots = new double[2];
        Reductions.channelSums(x, 2, 2, 2, sums);
        assertArrayEquals(new double[] {14, 22}, sums);
        Reductions.channelSumsAndSquares(x, 2, 2, 2, sums, squares);
        assertArrayEquals(new double[] {14, 22}, sums);
        assertArrayEquals(new double[] {1 + 4 + 25 + 36, 9 + 16 + 49 + 64}, squares);
        Reductions.channelDots(x, new float[] {1, 1, 0, 0, 2, 2, 0, 1}, 2, 2, 2, dots);
        assertArrayEquals(new double[] {1 + 2 + 10 + 12, 8}, dots);
        assertEquals(1 * 2 + 2 * 3 + 3 * 4, Reductions.dot(new float[] {9, 1, 2, 3}, 1, new float[] {2, 3, 4}, 0, 3));
        assertEquals(7 + 8, Reductions.sum(x, 6, 2));
    }

    @Test
    void emptyAndSizeOneShapes() {
        double[] sums = {5, 5, 5};
        Reductions.channelSums(new float[0], 0, 3, 4, sums);
        assertArrayEquals(new double[] {0, 0, 0}, sums);
        Reductions.channelSums(new float[] {2.5f}, 1, 1, 1, sums);
        assertEquals(2.5, sums[0]);
        assertEquals(0, Reductions.dot(new float[0], 0, new float[0], 0, 0));
        assertEquals(0, Reductions.sum(new float[3], 3, 0));
    }

    @Test
    void refusesMismatchedSizes() {
        assertThrows(IllegalArgumentException.class, () -> Reductions.channelSums(new float[7], 2, 2, 2, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> Reductions.channelSums(new float[8], 2, 2, 2, new double[1]));
        assertThrows(IllegalArgumentException.class,
                () -> Reductions.channelDots(new float[8], new float[6], 2, 2, 2, new double[2]));
        double[] same = new double[2];
        assertThrows(IllegalArgumentException.class,
                () -> Reductions.channelSumsAndSquares(new float[8], 2, 2, 2, same, same));
        assertThrows(IllegalArgumentException.class, () -> Reductions.dot(new float[3], 1, new float[3], 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Reductions.sum(new float[3], -1, 1));
    }

    @Test
    void randomShapesMatchNaiveLoops() {
        Rng rng = new Rng(42);
        int[] sizes = {1, 3, 7, 8, 9, 16, 17, 33};
        for (int trial = 0; trial < 40; trial++) {
            int b = sizes[rng.nextInt(sizes.length)], c = sizes[rng.nextInt(sizes.length)], s = sizes[rng.nextInt(sizes.length)];
            if (trial == 39) { // one case big enough to split over threads
                b = 64;
                c = 64;
                s = 49;
            }
            float[] x = new float[b * c * s], y = new float[b * c * s];
            rng.fillUniform(x, -2f, 3f);
            rng.fillUniform(y, -1f, 1f);
            double[] sums = new double[c], squares = new double[c], dots = new double[c], sums2 = new double[c];
            Reductions.channelSums(x, b, c, s, sums);
            Reductions.channelSumsAndSquares(x, b, c, s, sums2, squares);
            Reductions.channelDots(x, y, b, c, s, dots);
            for (int ch = 0; ch < c; ch++) {
                double ns = 0, nq = 0, nd = 0;
                for (int bi = 0; bi < b; bi++) {
                    for (int si = 0; si < s; si++) {
                        int i = (bi * c + ch) * s + si;
                        ns += x[i];
                        nq += (double) x[i] * x[i];
                        nd += (double) x[i] * y[i];
                    }
                }
                double tol = 1e-9 * b * s;
                assertEquals(ns, sums[ch], tol);
                assertEquals(ns, sums2[ch], tol);
                assertEquals(nq, squares[ch], tol);
                assertEquals(nd, dots[ch], tol);
            }
            double naiveDot = 0, naiveSum = 0;
            for (int i = 0; i < x.length; i++) {
                naiveDot += (double) x[i] * y[i];
                naiveSum += x[i];
            }
            assertEquals(naiveDot, Reductions.dot(x, 0, y, 0, x.length), 1e-9 * x.length);
            assertEquals(naiveSum, Reductions.sum(x, 0, x.length), 1e-9 * x.length);
        }
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        Rng rng = new Rng(3);
        float[] x = new float[32 * 64 * 50];
        rng.fillUniform(x, -1f, 1f);
        double[] many = new double[64], one = new double[64];
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(2);
            Reductions.channelSums(x, 32, 64, 50, many);
            Parallel.setThreads(1);
            Reductions.channelSums(x, 32, 64, 50, one);
        } finally {
            Parallel.setThreads(saved);
        }
        assertArrayEquals(one, many);
    }

    @Test
    void firstNonFiniteHandWorked() {
        float[] a = {1, 2, Float.NaN, 4, Float.POSITIVE_INFINITY};
        assertEquals(2, Reductions.firstNonFinite(a, 0, 5));
        assertEquals(1, Reductions.firstNonFinite(a, 3, 2), "index relative to the offset");
        assertEquals(-1, Reductions.firstNonFinite(a, 0, 2));
        assertEquals(-1, Reductions.firstNonFinite(a, 5, 0));
        assertEquals(0, Reductions.firstNonFinite(new float[] {Float.NEGATIVE_INFINITY}, 0, 1));
        assertEquals(-1, Reductions.firstNonFinite(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE}, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Reductions.firstNonFinite(a, 3, 3));
    }

    @Test
    void firstNonFiniteVectorBodyMatchesScalarTwinAtEveryPosition() {
        assumeTrue(KernelProvider.whyNotVector().isEmpty(), "Vector API not available");
        ScanKernel vector = KernelProvider.vector().scan(), scalar = KernelProvider.scalar().scan();
        Rng rng = new Rng(17);
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int n : new int[] {0, 1, 5, 16, 63, 64, 65, 100, 127, 200, 1031}) {
            float[] a = new float[n + 3];
            rng.fillUniform(a, -1e30f, 1e30f);
            for (int off = 0; off < 3; off++) {
                assertEquals(-1, Reductions.firstNonFinite(vector, a, off, n));
                assertEquals(-1, Reductions.firstNonFinite(scalar, a, off, n));
            }
            for (int at = 0; at < n; at++) {
                float saved = a[at];
                a[at] = bad[at % 3];
                int later = Math.min(n - 1, at + 1 + rng.nextInt(40));
                float savedLater = a[later];
                a[later] = Float.NaN;                                   // a second bad value after the first
                assertEquals(at, Reductions.firstNonFinite(vector, a, 0, n), "n=" + n + " at=" + at);
                assertEquals(at, Reductions.firstNonFinite(scalar, a, 0, n), "n=" + n + " at=" + at);
                a[later] = savedLater;
                a[at] = saved;
            }
        }
    }

    @Test
    void firstNonFiniteOverThreadsReportsTheEarliest() {
        int n = (1 << 22) + 5;
        float[] a = new float[n + 1];
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(2);
            assertEquals(-1, Reductions.firstNonFinite(a, 1, n));
            a[n] = Float.NaN;                                            // the last element, in the last chunk
            assertEquals(n - 1, Reductions.firstNonFinite(a, 1, n));
            a[n / 2 + 1000] = Float.POSITIVE_INFINITY;
            a[3 * n / 4] = Float.NaN;
            assertEquals(n / 2 + 999, Reductions.firstNonFinite(a, 1, n));
            a[7] = Float.NEGATIVE_INFINITY;                             // the first chunk wins over later ones
            assertEquals(6, Reductions.firstNonFinite(a, 1, n));
            assertEquals(6, Reductions.firstNonFinite(new ScalarScan(), a, 1, n));
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
