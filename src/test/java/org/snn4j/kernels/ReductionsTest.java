package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
