package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PackedGemm} skipping zero operands: bit-identical to the driver that multiplies every tile, for
 * operands whose zeros are scattered, in whole columns of B (an output gradient's silent positions in
 * backward-data), in whole rows of A (silent channels in a weight gradient) or everywhere, at densities
 * from 0 % to 100 %; both kernels, default and small blocks (many k blocks), 1 and 2 threads, with alpha and beta,
 * and signed zeros, NaN and infinities in C.
 */
class GemmZeroSkipTest {
    private final int threadsBefore = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    /** How an operand's zeros lie. */
    private enum Pattern { SCATTERED, ROWS, COLUMNS }

    @Test
    void skippingGivesTheBitsOfMultiplyingEveryTile() {
        SplittableRandom random = new SplittableRandom(27);
        int[][] shapes = {{288, 520, 64}, {64, 288, 640}, {37, 70, 300}, {8, 32, 16}, {130, 9, 700}};
        double[] densities = {0, 0.02, 0.5, 1};
        for (KernelProvider provider : providers()) {
            GemmMicroKernel kernel = provider.name().equals("scalar") ? new ScalarGemm() : new PanamaGemm();
            List<PackedGemm[]> drivers = List.of(
                    new PackedGemm[] {new PackedGemm(kernel, PackedGemm.KC, PackedGemm.MC, PackedGemm.NC, false),
                            new PackedGemm(kernel, PackedGemm.KC, PackedGemm.MC, PackedGemm.NC, true)},
                    new PackedGemm[] {new PackedGemm(kernel, 7, 9, 40, false), new PackedGemm(kernel, 7, 9, 40, true)});
            for (int[] shape : shapes) {
                for (double density : densities) {
                    for (Pattern pattern : Pattern.values()) {
                        for (boolean zerosInA : new boolean[] {false, true}) {
                            for (PackedGemm[] pair : drivers) {
                                check(provider.name(), pair, shape, density, pattern, zerosInA, random);
                            }
                        }
                    }
                }
            }
        }
    }

    private void check(String name, PackedGemm[] pair, int[] shape, double density, Pattern pattern, boolean zerosInA,
                       SplittableRandom random) {
        int m = shape[0], n = shape[1], k = shape[2];
        boolean transA = random.nextBoolean(), transB = random.nextBoolean();
        float alpha = random.nextBoolean() ? 1f : -0.5f, beta = random.nextInt(3) == 0 ? 0f : random.nextBoolean() ? 1f : 0.25f;
        // op(A) M×K and op(B) K×N as [row][col] functions of a sparse pattern, then stored (maybe transposed)
        float[] opA = dense(m, k, random), opB = dense(k, n, random);
        if (zerosInA) sparsify(opA, m, k, density, pattern, random);
        else sparsify(opB, k, n, density, pattern, random);
        float[] a = transA ? transpose(opA, m, k) : opA, b = transB ? transpose(opB, k, n) : opB;
        int lda = transA ? m : k, ldb = transB ? k : n;
        float[] c0 = dense(m, n, random);
        // signed zeros and non-finite values in C: a skipped zero tile of a later k block must keep them as the kernel does
        float[] odd = {-0f, 0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < c0.length; i += 1 + random.nextInt(8)) c0[i] = odd[random.nextInt(odd.length)];
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            float[] every = c0.clone(), skipping = c0.clone();
            pair[0].sgemm(transA, transB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, every, 0, n);
            pair[1].sgemm(transA, transB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, skipping, 0, n);
            assertArrayEquals(every, skipping, name + " " + Arrays.toString(shape) + " density " + density + " "
                    + pattern + (zerosInA ? " in A" : " in B") + " trans " + transA + "/" + transB + " alpha " + alpha
                    + " beta " + beta + " threads " + threads);
        }
    }

    @Test
    void packedAheadOperandSkipsItsZeroPanelsToTheSameBits() {
        SplittableRandom random = new SplittableRandom(5);
        for (KernelProvider provider : providers()) {
            PackedGemm gemm = provider.gemm();
            for (double density : new double[] {0, 0.05, 0.5, 1}) {
                int m = 128, n = 4 * 32 * 4 + 7, k = 1152;
                float[] a = dense(m, k, random), b = dense(k, n, random);
                sparsify(b, k, n, density, Pattern.COLUMNS, random);
                PackedB packed = new PackedB(gemm, k, n, new float[PackedB.size(gemm, k, n)]);
                for (int p = 0; p < k; p++) packed.row(p, b, p * n);
                float[] stored = new float[m * n], ahead = new float[m * n];
                Arrays.fill(ahead, Float.NaN);                       // beta 0 overwrites, zero tiles included
                gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, stored, 0, n);
                gemm.sgemm(m, a, 0, k, packed, ahead, 0, n);
                assertArrayEquals(stored, ahead, provider.name() + " density " + density);
            }
        }
    }

    @Test
    void aZeroOperandCountsNonFiniteValuesOfTheOtherAsZero() {
        // documented: the skipped products 0 · NaN and 0 · Inf count as +0 (multiplying every tile gives NaN)
        for (KernelProvider provider : providers()) {
            PackedGemm gemm = provider.gemm();
            int m = 16, n = 64, k = 32;
            float[] a = new float[m * k], b = new float[k * n];
            Arrays.fill(b, Float.NaN);
            b[3] = Float.POSITIVE_INFINITY;
            float[] c = new float[m * n];
            Arrays.fill(c, 2f);
            gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0.5f, c, 0, n);
            for (float x : c) assertEquals(1f, x, provider.name());
            gemm.sgemm(false, false, m, n, k, -1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            for (float x : c) assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(x), provider.name());
            // a NaN in the operand that is otherwise zero is not zero: the tile is multiplied
            a[5] = Float.NaN;
            gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            assertTrue(Float.isNaN(c[0]), provider.name());
        }
    }

    @Test
    void allZeroTwinsAgree() {
        SplittableRandom random = new SplittableRandom(9);
        for (int len = 0; len < 70; len++) {
            for (int trial = 0; trial < 20; trial++) {
                float[] x = new float[len + 3];
                for (int i = 0; i < x.length; i++) x[i] = random.nextBoolean() ? 0f : -0f;
                int off = random.nextInt(3);
                if (len > 0 && trial % 2 == 1) {
                    float[] odd = {1e-45f, -1f, Float.NaN, Float.NEGATIVE_INFINITY};
                    x[off + random.nextInt(len)] = odd[random.nextInt(odd.length)];
                }
                boolean expected = true;
                for (int i = off; i < off + len; i++) expected &= x[i] == 0f;
                assertEquals(expected, GemmPacking.allZero(x, off, len));
                if (KernelProvider.whyNotVector().isEmpty()) assertEquals(expected, PanamaZeros.allZero(x, off, len));
            }
        }
        assertFalse(GemmPacking.allZero(new float[] {Float.NaN}, 0, 1));
    }

    private static float[] dense(int rows, int cols, SplittableRandom random) {
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble(-1, 1);
        return x;
    }

    /** Keeps about {@code density} of x nonzero: single values, whole rows or whole columns (signed zeros). */
    private static void sparsify(float[] x, int rows, int cols, double density, Pattern pattern, SplittableRandom random) {
        boolean[] keepRow = new boolean[rows], keepCol = new boolean[cols];
        for (int i = 0; i < rows; i++) keepRow[i] = random.nextDouble() < density;
        for (int j = 0; j < cols; j++) keepCol[j] = random.nextDouble() < density;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                boolean keep = switch (pattern) {
                    case SCATTERED -> random.nextDouble() < density;
                    case ROWS -> keepRow[i];
                    case COLUMNS -> keepCol[j];
                };
                if (!keep) x[i * cols + j] = random.nextBoolean() ? 0f : -0f;
            }
        }
    }

    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) t[j * rows + i] = x[i * cols + j];
        return t;
    }

    private static List<KernelProvider> providers() {
        return KernelProvider.whyNotVector().isEmpty()
                ? List.of(KernelProvider.scalar(), KernelProvider.vector())
                : List.of(KernelProvider.scalar());
    }
}
