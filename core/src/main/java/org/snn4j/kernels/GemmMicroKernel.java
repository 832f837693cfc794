package org.snn4j.kernels;

/**
 * The BLIS micro-kernel contract: one register-blocked MR×NR tile of C,
 * {@code C := beta · C + alpha · A1 · B1}, where
 * <ul>
 *   <li>A1 is an MR×kc micro-panel packed by columns: element (r, p) at {@code a[aOff + p·MR + r]};</li>
 *   <li>B1 is a kc×NR micro-panel packed by rows: element (p, j) at {@code b[bOff + p·NR + j]};</li>
 *   <li>C is the tile at {@code c[cOff + r·ldc + j]}, 0 ≤ r &lt; MR, 0 ≤ j &lt; NR.</li>
 * </ul>
 * Every element is stored as {@code beta == 0 ? alpha·acc : fma(acc, alpha, beta·c)}, where {@code acc}
 * sums {@code fma(A1[r][p], B1[p][j], acc)} for p = 0, 1, …, kc−1 from zero; so {@code beta == 0}
 * overwrites C (a NaN already in C is not read) and every implementation rounds identically.
 *
 * <p>There are no edge cases: the packer zero-pads partial panels and the driver gives partial tiles of
 * C a scratch tile, so the same kernel serves every tile. Implementations trust their arguments.
 * A1, B1: read. C: written.
 */
interface GemmMicroKernel {
    /** Rows of the C tile (and of the A micro-panel). */
    int mr();

    /** Columns of the C tile (and of the B micro-panel). */
    int nr();

    /** Computes one full MR×NR tile as described in the class comment. */
    void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float beta,
                  float[] c, int cOff, int ldc);

    /**
     * Packs a block of op(A) for this kernel: {@link GemmPacking#packA}, which vector kernels may
     * replace by a faster twin with the same output.
     */
    default void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mb, int p0, int kb, float[] dst) {
        GemmPacking.packA(transA, a, aOff, lda, i0, mb, p0, kb, mr(), dst);
    }

    /**
     * Packs a block of op(B) for this kernel: {@link GemmPacking#packB}, which vector kernels may
     * replace by a faster twin with the same output.
     */
    default void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kb, int j0, int nb, float[] dst) {
        GemmPacking.packB(transB, b, bOff, ldb, p0, kb, j0, nb, nr(), dst);
    }

    /**
     * Whether {@code x[off .. off + len)} holds only +0 and −0 (a NaN is not zero): {@link GemmPacking#allZero},
     * or a faster twin with the same answer. {@link PackedGemm} skips the products of zero panels.
     */
    default boolean allZero(float[] x, int off, int len) {
        return GemmPacking.allZero(x, off, len);
    }

    /** Packs one row of op(B): {@link GemmPacking#packBRow}, or a faster twin with the same output. */
    default void packBRow(float[] src, int srcOff, int n, float[] dst, int dstOff, int panelStride) {
        GemmPacking.packBRow(src, srcOff, n, nr(), dst, dstOff, panelStride);
    }
}
