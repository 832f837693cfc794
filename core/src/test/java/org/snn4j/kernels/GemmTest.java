package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The public facade: known answers, argument checks and edge shapes, on whichever implementation runs. */
class GemmTest {
    @Test
    void handWorkedCase() {
        float[] a = {1, 2, 3, 4, 5, 6};          // 2x3
        float[] b = {7, 8, 9, 10, 11, 12};       // 3x2
        float[] c = new float[4];
        Gemm.multiply(2, 2, 3, a, b, c);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c);
    }

    @Test
    void handWorkedTransposedWithAlphaBetaOffsetsAndStrides() {
        // op(A) = [[1,2,3],[4,5,6]] stored transposed 3x2 with lda 3 after one padding element
        float[] a = {-9, 1, 4, -9, 2, 5, -9, 3, 6, -9};
        // op(B) = [[7,8],[9,10],[11,12]] stored transposed 2x3 with ldb 4
        float[] b = {7, 9, 11, -9, 8, 10, 12, -9};
        float[] c = {-1, 1, 1, -1, 1, 1, -1};    // C 2x2 at offset 1, ldc 3
        Gemm.sgemm(true, true, 2, 2, 3, 2f, a, 1, 3, b, 0, 4, 0.5f, c, 1, 3);
        // 2·[58 64; 139 154] + 0.5·1
        assertArrayEquals(new float[] {-1, 116.5f, 128.5f, -1, 278.5f, 308.5f, -1}, c);
    }

    @Test
    void packedAheadOperandGivesTheBitsOfAStoredOne() {
        // k below, at and across the k-block boundaries; n in whole and partial panels; both kernels, 1 and 2 threads
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        int threadsBefore = Parallel.threads();
        for (KernelProvider provider : providers()) {
            PackedGemm gemm = provider.gemm();
            for (int[] shape : new int[][] {{8, 1, 16}, {64, 33, 288}, {32, 1176, 576}, {13, 70, 700}, {64, 196, 9}}) {
                int m = shape[0], n = shape[1], k = shape[2];
                float[] a = new float[m * k], b = new float[k * n];
                for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(-1, 1);
                for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble(-1, 1);
                float[] data = new float[PackedB.size(gemm, k, n)];
                Arrays.fill(data, Float.NaN);                       // a recycled buffer: every read element is written
                PackedB packed = new PackedB(gemm, k, n, data);
                for (int p = 0; p < k; p++) packed.row(p, b, p * n);
                for (int threads = 1; threads <= 2; threads++) {
                    Parallel.setThreads(threads);
                    float[] stored = new float[m * n], ahead = new float[m * n];
                    gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, stored, 0, n);
                    gemm.sgemm(m, a, 0, k, packed, ahead, 0, n);
                    assertArrayEquals(stored, ahead, provider.name() + " " + Arrays.toString(shape));
                }
            }
        }
        Parallel.setThreads(threadsBefore);
    }

    private static java.util.List<KernelProvider> providers() {
        return KernelProvider.whyNotVector().isEmpty()
                ? java.util.List.of(KernelProvider.scalar(), KernelProvider.vector())
                : java.util.List.of(KernelProvider.scalar());
    }

    @Test
    void refusesAliasingAndShortArrays() {
        float[] a = new float[6];
        assertThrows(IllegalArgumentException.class, () -> Gemm.multiply(2, 2, 3, a, new float[6], a));
        assertThrows(IllegalArgumentException.class, () -> Gemm.multiply(2, 2, 3, a, new float[5], new float[4]));
        assertThrows(IllegalArgumentException.class, () -> Gemm.multiply(2, 2, 3, a, new float[6], new float[3]));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 2, 2, 3, 1f, a, 1, 3, new float[6], 0, 2, 0f, new float[4], 0, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 2, new float[6], 0, 2, 0f, new float[4], 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Gemm.multiply(-1, 2, 3, a, new float[6], new float[4]));
    }

    @Test
    void emptyShapesTouchNothingButBetaScaling() {
        float[] c = {1, 2, 3, 4};
        Gemm.multiply(0, 2, 3, new float[0], new float[6], c);
        Gemm.multiply(2, 0, 3, new float[6], new float[0], c);
        assertArrayEquals(new float[] {1, 2, 3, 4}, c);
        // k = 0: op(A)·op(B) is the zero matrix, so C = beta·C
        Gemm.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 0, new float[0], 0, 2, 0.5f, c, 0, 2);
        assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2}, c);
        Gemm.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 0, new float[0], 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[4], c);
    }

    @Test
    void sizeOne() {
        float[] c = {Float.NaN};
        Gemm.multiply(1, 1, 1, new float[] {3}, new float[] {-2}, c);
        assertArrayEquals(new float[] {-6}, c);
        Gemm.sgemm(false, false, 1, 1, 1, 0.5f, new float[] {3}, 0, 1, new float[] {4}, 0, 1, 1f, c, 0, 1);
        assertArrayEquals(new float[] {0}, c);
    }

    @Test
    void betaZeroOverwritesNaNAndAlphaZeroReadsNoOperand() {
        int m = 19, n = 37, k = 11;
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        Arrays.fill(a, 1f);
        Arrays.fill(b, 2f);
        Arrays.fill(c, Float.NaN);
        Gemm.multiply(m, n, k, a, b, c);
        for (float x : c) assertEquals(2f * k, x);
        Arrays.fill(a, Float.NaN);
        Gemm.sgemm(false, false, m, n, k, 0f, a, 0, k, b, 0, n, 0.5f, c, 0, n);
        for (float x : c) assertEquals(k, x);
    }

    @Test
    void namesItsImplementation() {
        String name = Gemm.implementationName();
        assertTrue(name.equals("scalar") || name.matches("panama-(128|256|512)"), name);
        if (KernelProvider.whyNotVector().isEmpty() && System.getProperty(KernelProvider.KERNELS_PROPERTY) == null) {
            assertTrue(name.startsWith("panama-"), "Vector API usable but not chosen: " + name);
        }
    }
}
