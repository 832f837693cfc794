package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector packers against their scalar twins {@link GemmPacking#packB} (transposed and plain B)
 * and {@link GemmPacking#packA} (plain A, with 8 or 16 lanes):
 * bit-identical over whole panels, the partial last panel, p tails past a multiple of 8 or 16, offsets and
 * leading dimensions wider than K; and the GEMM it serves on the W1 backward-weights shape.
 */
class PanamaPackingTest {

    @Test
    void matchesScalarPackingExactly() {
        assumeTrue(KernelProvider.whyNotVector().isEmpty() && PanamaPacking.supports(new PanamaGemm().nr()),
                "needs 16 float lanes");
        int nr = new PanamaGemm().nr();
        SplittableRandom random = new SplittableRandom(3);
        int[][] cases = { // n rows stored, k columns stored, ldb padding, offset, p0, kb, j0, nb
            {32, 16, 0, 0, 0, 16, 0, 32}, {64, 300, 5, 3, 0, 256, 0, 64}, {75, 300, 1, 7, 256, 44, 3, 72},
            {290, 1176, 0, 1, 240, 240, 0, 288}, {40, 33, 2, 0, 1, 31, 0, 40}, {9, 1568, 0, 0, 0, 320, 0, 9},
            {100, 64, 3, 2, 5, 50, 10, 90}, {300, 1176, 0, 0, 0, 288, 0, 1176}, {300, 1200, 4, 1, 12, 288, 17, 1000}
        };
        for (int[] t : cases) for (boolean transB : new boolean[] {true, false}) {
            // transposed: n stored rows of k; plain: the same array read as k' = n rows of n' = k columns
            int n = t[0], k = t[1], ldb = k + t[2], off = t[3], p0 = t[4], kb = t[5], j0 = t[6], nb = t[7];
            if (transB ? j0 + nb > n || p0 + kb > k : p0 + kb > n || j0 + nb > k) continue;
            float[] b = new float[off + n * ldb];
            for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble(-1, 1);
            int size = Math.ceilDiv(nb, nr) * nr * kb;
            float[] expected = new float[size + 5], actual = new float[size + 5];
            Arrays.fill(expected, Float.NaN);
            Arrays.fill(actual, Float.NaN);
            GemmPacking.packB(transB, b, off, ldb, p0, kb, j0, nb, nr, expected);
            new PanamaGemm().packB(transB, b, off, ldb, p0, kb, j0, nb, actual);
            assertArrayEquals(expected, actual, () -> "case " + Arrays.toString(t) + (transB ? " transposed" : " plain"));
            for (int i = 0; i < size; i++) assertTrue(!Float.isNaN(actual[i]), "unwritten element " + i);
        }
    }

    @Test
    void packsRowsOfPlainBExactlyAsScalarPackingWithEightOrSixteenLanes() {
        int nr = new PanamaGemm().nr();
        assumeTrue(KernelProvider.whyNotVector().isEmpty() && PanamaPacking.supportsRow(nr), "needs 8 or 16 float lanes");
        SplittableRandom random = new SplittableRandom(4);
        // k rows stored, n columns stored, ldb padding, offset, p0, kb, j0, nb: whole panels, a partial last one, offsets
        int[][] cases = {{16, 32, 0, 0, 0, 16, 0, 32}, {288, 1176, 0, 0, 0, 288, 0, 1176}, {300, 1200, 4, 1, 12, 288, 17, 1000},
            {40, 33, 2, 3, 1, 31, 0, 33}, {9, 7, 0, 0, 0, 9, 0, 7}};
        for (int[] t : cases) {
            int k = t[0], n = t[1], ldb = n + t[2], off = t[3], p0 = t[4], kb = t[5], j0 = t[6], nb = t[7];
            float[] b = new float[off + k * ldb];
            for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble(-1, 1);
            int size = Math.ceilDiv(nb, nr) * nr * kb;
            float[] expected = new float[size + 5], actual = new float[size + 5];
            Arrays.fill(expected, Float.NaN);
            Arrays.fill(actual, Float.NaN);
            GemmPacking.packB(false, b, off, ldb, p0, kb, j0, nb, nr, expected);
            new PanamaGemm().packB(false, b, off, ldb, p0, kb, j0, nb, actual);
            assertArrayEquals(expected, actual, () -> "case " + Arrays.toString(t));
            for (int i = 0; i < size; i++) assertTrue(!Float.isNaN(actual[i]), "unwritten element " + i);
        }
    }

    @Test
    void packsPlainAExactlyAsScalarPacking() {
        assumeTrue(KernelProvider.whyNotVector().isEmpty() && PanamaPacking.supportsA(PanamaGemm.MR),
                "needs 8 or 16 float lanes");
        int mr = PanamaGemm.MR;
        SplittableRandom random = new SplittableRandom(5);
        int[][] cases = { // m rows stored, k columns stored, lda padding, offset, i0, mb, p0, kb
            {8, 16, 0, 0, 0, 8, 0, 16}, {64, 288, 0, 0, 0, 64, 0, 288}, {64, 1176, 3, 5, 0, 64, 240, 240},
            {70, 300, 1, 2, 3, 67, 7, 250}, {5, 40, 0, 0, 0, 5, 0, 40}, {192, 33, 2, 1, 16, 170, 1, 31}
        };
        for (int[] t : cases) {
            int m = t[0], k = t[1], lda = k + t[2], off = t[3], i0 = t[4], mb = t[5], p0 = t[6], kb = t[7];
            float[] a = new float[off + m * lda];
            for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(-1, 1);
            int size = Math.ceilDiv(mb, mr) * mr * kb;
            float[] expected = new float[size + 5], actual = new float[size + 5];
            Arrays.fill(expected, Float.NaN);
            Arrays.fill(actual, Float.NaN);
            GemmPacking.packA(false, a, off, lda, i0, mb, p0, kb, mr, expected);
            new PanamaGemm().packA(false, a, off, lda, i0, mb, p0, kb, actual);
            assertArrayEquals(expected, actual, () -> "case " + Arrays.toString(t));
            for (int i = 0; i < size; i++) assertTrue(!Float.isNaN(actual[i]), "unwritten element " + i);
        }
    }

    @Test
    void backwardWeightsShapeMatchesReference() {
        // dW[64×288] += dY[64×1176] · col[288×1176]ᵀ, the second W1 convolution's chunk of six images
        int m = 64, n = 288, k = 1176;
        SplittableRandom random = new SplittableRandom(11);
        float[] a = new float[m * k], b = new float[n * k], c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble(-1, 1);
        Gemm.sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, c, 0, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) a[i * k + p] * b[j * k + p];
                    magnitude += Math.abs((double) a[i * k + p] * b[j * k + p]);
                }
                double tolerance = 2e-7 * (k + 4) * magnitude;
                int ii = i, jj = j;
                assertTrue(Math.abs(c[i * n + j] - sum) <= tolerance, () -> "C[" + ii + "][" + jj + "]");
            }
        }
    }
}
