package org.snn4j.kernels;

/**
 * Single-precision matrix multiply on row-major arrays:
 * {@code C = alpha · op(A) · op(B) + beta · C}, with op(A) of size M×K and op(B) of size K×N.
 *
 * <p>{@code transA} means A is stored K×M (row-major, leading dimension lda ≥ M) and used transposed;
 * likewise {@code transB}: B stored N×K. Without transposition A is M×K (lda ≥ K) and B is K×N
 * (ldb ≥ N). C is M×N (ldc ≥ N). {@code beta == 0} overwrites C (any NaN in it is ignored).
 *
 * <p>{@code k == 0} or {@code alpha == 0} gives {@code C = beta · C} without reading A or B. Threads:
 * up to {@link Parallel#threads()}, split over rows or columns of C, never nested.
 *
 * <p>This facade checks its arguments and dispatches to the implementation {@link KernelProvider} chose
 * once per JVM. A: read. B: read. C: written (beta = 0) or accumulated into.
 */
public final class Gemm {
    private static final PackedGemm GEMM = KernelProvider.get().gemm();

    private Gemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) return;
        GEMM.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * As {@link #sgemm}, and returns whether every element of C is finite (no NaN, no ±∞): C is scanned block
     * by block as the GEMM finishes it, while the block is in cache, instead of in a separate pass over memory.
     */
    public static boolean sgemmFinite(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                      float beta, float[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        return m == 0 || n == 0 || GEMM.sgemmFinite(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    private static void check(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("negative size " + m + "x" + n + "x" + k);
        checkOperand("A", transA ? k : m, transA ? m : k, a, aOff, lda);
        checkOperand("B", transB ? n : k, transB ? k : n, b, bOff, ldb);
        checkOperand("C", m, n, c, cOff, ldc);
        if (c == a || c == b) throw new IllegalArgumentException("C must not alias A or B");
    }

    /** Convenience: C[M×N] = A[M×K] · B[K×N] (dense, no offsets, overwrite). */
    public static void multiply(int m, int n, int k, float[] a, float[] b, float[] c) {
        sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
    }

    /**
     * Which implementation runs: "panama-512" (Vector API, 512-bit lanes), "panama-256", or "scalar".
     * Chosen once per JVM; see {@code KernelProvider}.
     */
    public static String implementationName() {
        return KernelProvider.get().name();
    }

    private static void checkOperand(String name, int rows, int cols, float[] x, int off, int ld) {
        if (rows == 0 || cols == 0) return;
        if (ld < cols) throw new IllegalArgumentException(name + ": leading dimension " + ld + " < " + cols);
        long last = off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IllegalArgumentException(name + ": " + rows + "x" + cols + " (ld " + ld + ", offset " + off
                    + ") needs " + last + " elements, array has " + x.length);
        }
    }
}
