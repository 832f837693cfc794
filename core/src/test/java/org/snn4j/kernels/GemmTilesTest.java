package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both tiles of {@link PanamaGemm} (6 and 8 rows, whatever the width in use) give the scalar twin's bits
 * under the same driver: M and N on and around multiples of the tile (edge tiles in both directions), K
 * within one k block and across several (default and small blocks), all transpositions, beta 0 / 1 / 0.5,
 * and operands with 0 %, 50 % (with zero rows of op(A) and zero panels of op(B)) and 100 % zeros so that {@link PackedGemm}'s zero skipping takes every path.
 */
class GemmTilesTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    /** One problem for one tile height; {@code small} runs the driver with blocks KC 7, MC 9, NC 40. */
    record Case(int rows, int m, int n, int k, boolean transA, boolean transB, float beta, double zeros,
                boolean small) {
        @Override
        public String toString() {
            return rows + " rows, " + m + "x" + n + "x" + k + (transA ? " At" : "") + (transB ? " Bt" : "")
                    + " beta " + beta + " zeros " + zeros + (small ? " small blocks" : "");
        }
    }

    static Stream<Case> cases() {
        int nr = KernelProvider.whyNotVector().isEmpty() ? 2 * VectorConstants.LANES : 32;
        int[] ms = {1, 5, 6, 7, 8, 9, 12, 13, 17, 24, 25};
        int[] ns = {1, nr - 1, nr, nr + 1, 2 * nr + 3};
        int[] ks = {1, 9, 64, 300};
        float[] betas = {0f, 1f, 0.5f};
        double[] zeros = {0, 0.5, 1};
        List<Case> cases = new ArrayList<>();
        int i = 0;
        for (int rows : new int[] {6, 8}) {
            for (int m : ms) {
                for (int n : ns) {
                    int k = ks[i % ks.length];
                    cases.add(new Case(rows, m, n, k, (i & 1) != 0, (i & 2) != 0, betas[i % 3], zeros[(i / 3) % 3],
                            (i & 4) != 0));
                    i++;
                }
            }
            cases.add(new Case(rows, 288, 1176, 64, false, false, 0f, 0.5, false));   // W1's conv2 backward-data
            cases.add(new Case(rows, 67, 803, 520, true, false, 1f, 0, false));       // three k blocks, two NC blocks
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vectorTileMatchesScalarTwinBitForBit(Case t) {
        assumeTrue(KernelProvider.whyNotVector().isEmpty(), () -> KernelProvider.whyNotVector().get());
        GemmMicroKernel vector = new PanamaGemm(t.rows), scalar = new ScalarGemm();
        float[] expected = run(t, t.small ? new PackedGemm(scalar, 7, 9, 40) : new PackedGemm(scalar));
        float[] actual = run(t, t.small ? new PackedGemm(vector, 7, 9, 40) : new PackedGemm(vector));
        assertArrayEquals(expected, actual, t::toString);
    }

    private static float[] run(Case t, PackedGemm gemm) {
        SplittableRandom random = new SplittableRandom(t.hashCode());
        int ldc = t.n + 3, lda = t.transA ? t.m : t.k, ldb = t.transB ? t.k : t.n;
        int nr = KernelProvider.whyNotVector().isEmpty() ? 2 * VectorConstants.LANES : 32;   // the same zeros for both kernels
        float[] a = new float[t.m * t.k], b = new float[t.k * t.n], c = new float[t.m * ldc];
        // at 50 %, also every third row of op(A) and every other NR panel of op(B) are zero: skipped micro-panels
        for (int i = 0; i < t.m; i++) {
            for (int p = 0; p < t.k; p++) {
                boolean zero = random.nextDouble() < t.zeros || (t.zeros == 0.5 && i % 3 == 1);
                a[t.transA ? p * lda + i : i * lda + p] = zero ? 0f : (float) random.nextDouble(-1, 1);
            }
        }
        for (int p = 0; p < t.k; p++) {
            for (int j = 0; j < t.n; j++) {
                boolean zero = random.nextDouble() < t.zeros || (t.zeros == 0.5 && j / nr % 2 == 1);
                b[t.transB ? j * ldb + p : p * ldb + j] = zero ? 0f : (float) random.nextDouble(-1, 1);
            }
        }
        for (int i = 0; i < c.length; i++) c[i] = (float) random.nextDouble(-1, 1);
        Parallel.setThreads(1);
        gemm.sgemm(t.transA, t.transB, t.m, t.n, t.k, -0.75f, a, 0, lda, b, 0, ldb, t.beta, c, 0, ldc);
        return c;
    }
}
