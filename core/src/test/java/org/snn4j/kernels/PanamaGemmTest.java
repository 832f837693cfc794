package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packed GEMM with the Vector API micro-kernel and with its scalar twin, on shapes straddling lane
 * counts and the MR/NR/KC/MC/NC blocks, all four transpositions, offsets, ld &gt; width, alpha ≠ 1,
 * beta 0 / 1 / 0.5 and 1 or 2 threads: each within a K-scaled tolerance of a double-accumulated
 * reference written here, and the two bit-identical to each other (same rounding by contract).
 * Run again under {@code -Dsnn4j.vectorBits=128|256} to cover the other widths.
 */
class PanamaGemmTest {
    private static final int[] SIZES = {1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 65, 257};
    private static final float[] ALPHAS = {1f, -0.75f, 2.5f};
    private static final float[] BETAS = {0f, 1f, 0.5f};
    private static final float SENTINEL = -12345f;

    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    /** One GEMM problem: shapes, transpositions, strides, offsets, scalars, threads. */
    record Case(int m, int n, int k, boolean transA, boolean transB, int padA, int padB, int padC,
                int offA, int offB, int offC, float alpha, float beta, int threads) {
        @Override
        public String toString() {
            return m + "x" + n + "x" + k + (transA ? " At" : "") + (transB ? " Bt" : "") + " alpha " + alpha
                    + " beta " + beta + " threads " + threads;
        }
    }

    /**
     * Each size in each of M, N and K against two others, a few cases large enough to cross KC (256),
     * MC (192) and NC (768) and to be split over two threads, cycling transpositions, scalars, strides.
     */
    static Stream<Case> cases() {
        List<int[]> shapes = new ArrayList<>();
        for (int s : SIZES) {
            shapes.add(new int[] {s, 17, 9});
            shapes.add(new int[] {9, s, 33});
            shapes.add(new int[] {31, 8, s});
        }
        shapes.add(new int[] {65, 257, 257});
        shapes.add(new int[] {257, 33, 300});
        shapes.add(new int[] {200, 65, 31});
        shapes.add(new int[] {15, 800, 17});
        shapes.add(new int[] {33, 1600, 65});
        shapes.add(new int[] {257, 65, 513});
        SplittableRandom random = new SplittableRandom(7);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            int[] s = shapes.get(i);
            cases.add(new Case(s[0], s[1], s[2], (i & 1) != 0, (i & 2) != 0, random.nextInt(4),
                    random.nextInt(4), random.nextInt(4), random.nextInt(5), random.nextInt(5), random.nextInt(5),
                    ALPHAS[i % 3], BETAS[(i / 3) % 3], 1 + (i / 2) % 2));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scalarTwinMatchesDoubleReference(Case c) {
        check(c, KernelProvider.scalar().gemm());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vectorKernelMatchesDoubleReferenceAndScalarTwinExactly(Case c) {
        assumeTrue(KernelProvider.whyNotVector().isEmpty(), () -> KernelProvider.whyNotVector().get());
        float[] vector = check(c, KernelProvider.vector().gemm());
        float[] scalar = check(c, KernelProvider.scalar().gemm());
        assertArrayEquals(scalar, vector, "vector and scalar kernels must round identically");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void smallBlocksCutEveryLoopIntoPartialBlocks(Case c) {
        // KC 7, MC 9 and NC 40 (rounded up to MR and NR) leave a partial block at the end of every loop
        GemmMicroKernel kernel = KernelProvider.whyNotVector().isEmpty() ? new PanamaGemm() : new ScalarGemm();
        check(c, new PackedGemm(kernel, 7, 9, 40));
    }

    @Test
    void vectorKernelTakesItsRowsFromTheWidth() {
        assumeTrue(KernelProvider.whyNotVector().isEmpty());
        assertEquals(VectorConstants.LANES >= 16 ? 8 : 6, new PanamaGemm().mr());
    }

    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {6, 8})
    void vectorKernelServesEveryTileOfTheWidthInUse(int rows) {
        assumeTrue(KernelProvider.whyNotVector().isEmpty());
        GemmMicroKernel kernel = new PanamaGemm(rows);
        assertEquals(rows, kernel.mr());
        assertEquals(2 * VectorConstants.LANES, kernel.nr());
        // one full tile by hand: A column p all (p + 1), B row p all 1 → every element Σ (p + 1) = kc(kc + 1)/2
        int kc = 5, mr = kernel.mr(), nr = kernel.nr();
        float[] a = new float[mr * kc], b = new float[kc * nr], c = new float[mr * (nr + 3)];
        for (int p = 0; p < kc; p++) {
            for (int r = 0; r < mr; r++) a[p * mr + r] = p + 1;
            for (int j = 0; j < nr; j++) b[p * nr + j] = 1;
        }
        java.util.Arrays.fill(c, Float.NaN);
        kernel.multiply(kc, a, 0, b, 0, 2f, 0f, c, 0, nr + 3);
        for (int r = 0; r < mr; r++) {
            for (int j = 0; j < nr; j++) assertEquals(30f, c[r * (nr + 3) + j], "tile " + r + "," + j);
        }
    }

    /** Runs one case on {@code gemm}, checks it against the double reference and the untouched margins. */
    private static float[] check(Case t, PackedGemm gemm) {
        SplittableRandom random = new SplittableRandom(t.hashCode());
        int aRows = t.transA ? t.k : t.m, aCols = t.transA ? t.m : t.k;
        int bRows = t.transB ? t.n : t.k, bCols = t.transB ? t.k : t.n;
        int lda = aCols + t.padA, ldb = bCols + t.padB, ldc = t.n + t.padC;
        float[] a = randoms(random, t.offA + aRows * lda + 2);
        float[] b = randoms(random, t.offB + bRows * ldb + 2);
        float[] c = new float[t.offC + t.m * ldc + 2];
        java.util.Arrays.fill(c, SENTINEL);
        for (int i = 0; i < t.m; i++) {
            for (int j = 0; j < t.n; j++) {
                c[t.offC + i * ldc + j] = t.beta == 0f ? Float.NaN : (float) random.nextDouble(-1, 1);
            }
        }
        float[] before = c.clone();
        Parallel.setThreads(t.threads);
        gemm.sgemm(t.transA, t.transB, t.m, t.n, t.k, t.alpha, a, t.offA, lda, b, t.offB, ldb,
                t.beta, c, t.offC, ldc);
        for (int i = 0; i < t.m; i++) {
            for (int j = 0; j < t.n; j++) {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < t.k; p++) {
                    double x = t.transA ? a[t.offA + p * lda + i] : a[t.offA + i * lda + p];
                    double y = t.transB ? b[t.offB + j * ldb + p] : b[t.offB + p * ldb + j];
                    sum += x * y;
                    magnitude += Math.abs(x * y);
                }
                int at = t.offC + i * ldc + j;
                double old = t.beta == 0f ? 0 : before[at];
                double expected = t.alpha * sum + t.beta * old;
                double tolerance = 2e-7 * (t.k + 4) * (Math.abs(t.alpha) * magnitude + Math.abs(t.beta * old)) + 1e-30;
                if (!(Math.abs(c[at] - expected) <= tolerance)) {
                    fail(t + ": C[" + i + "][" + j + "] = " + c[at] + ", expected " + expected + " ± " + tolerance);
                }
                before[at] = c[at];
            }
        }
        assertArrayEquals(before, c, "elements outside the C window were modified");
        return c;
    }

    private static float[] randoms(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) random.nextDouble(-1, 1);
        return x;
    }
}
