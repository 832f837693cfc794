package org.snn4j.kernels;

/**
 * Packs blocks of op(A) and op(B) into the micro-panel layouts of {@link GemmMicroKernel}, handling
 * transposition and zero-padding the last partial panel so one kernel serves every tile.
 * Sources: read. Destinations: written (the whole padded extent).
 */
final class GemmPacking {
    private GemmPacking() {}

    /**
     * Packs op(A)[i0 .. i0+mb)[p0 .. p0+kb) into ⌈mb/mr⌉ micro-panels of mr×kb, panel q at
     * {@code dst[q·kb·mr]}, element (r, p) at {@code + p·mr + r}; rows past mb are zero.
     * A is stored M×K (row i at {@code aOff + i·lda}) or, if {@code transA}, K×M.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mb, int p0, int kb,
                      int mr, float[] dst) {
        if (transA) {
            // a column p of op(A) is a contiguous row of the stored K×M matrix: read it once, in order
            for (int p = 0; p < kb; p++) {
                int src = aOff + (p0 + p) * lda + i0;
                for (int ir = 0; ir < mb; ir += mr) {
                    int rows = Math.min(mr, mb - ir), to = ir * kb + p * mr;
                    System.arraycopy(a, src + ir, dst, to, rows);
                    for (int r = rows; r < mr; r++) dst[to + r] = 0f;
                }
            }
            return;
        }
        for (int ir = 0; ir < mb; ir += mr) {
            int rows = Math.min(mr, mb - ir), d = ir * kb;
            // read each stored row contiguously, write it with stride mr
            for (int r = 0; r < rows; r++) {
                int src = aOff + (i0 + ir + r) * lda + p0;
                for (int p = 0; p < kb; p++) dst[d + p * mr + r] = a[src + p];
            }
            for (int r = rows; r < mr; r++) {
                for (int p = 0; p < kb; p++) dst[d + p * mr + r] = 0f;
            }
        }
    }

    /**
     * One row of op(B), {@code src[srcOff .. srcOff + n)}, into the panels of a packed block: its j-th
     * value at {@code dst[dstOff + (j / nr)·panelStride + j % nr]}, the last panel zero-padded to nr.
     */
    static void packBRow(float[] src, int srcOff, int n, int nr, float[] dst, int dstOff, int panelStride) {
        for (int jr = 0, to = dstOff; jr < n; jr += nr, to += panelStride) {
            int cols = Math.min(nr, n - jr);
            System.arraycopy(src, srcOff + jr, dst, to, cols);
            for (int j = cols; j < nr; j++) dst[to + j] = 0f;
        }
    }

    /**
     * Packs op(B)[p0 .. p0+kb)[j0 .. j0+nb) into ⌈nb/nr⌉ micro-panels of kb×nr, panel q at
     * {@code dst[q·kb·nr]}, element (p, j) at {@code + p·nr + j}; columns past nb are zero.
     * B is stored K×N (row p at {@code bOff + p·ldb}) or, if {@code transB}, N×K.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kb, int j0, int nb,
                      int nr, float[] dst) {
        if (!transB) {
            // a row p of op(B) is contiguous in the stored K×N matrix: read it once, in order
            for (int p = 0; p < kb; p++) packBRow(b, bOff + (p0 + p) * ldb + j0, nb, nr, dst, p * nr, kb * nr);
            return;
        }
        for (int jr = 0; jr < nb; jr += nr) {
            int cols = Math.min(nr, nb - jr), d = jr * kb;
            // read each stored row (a column of op(B)) contiguously, write it with stride nr
            for (int j = 0; j < cols; j++) {
                int src = bOff + (j0 + jr + j) * ldb + p0;
                for (int p = 0; p < kb; p++) dst[d + p * nr + j] = b[src + p];
            }
            for (int j = cols; j < nr; j++) {
                for (int p = 0; p < kb; p++) dst[d + p * nr + j] = 0f;
            }
        }
    }

    /** Whether {@code x[off .. off + len)} holds only ±0; stops at the first other value (NaN included). */
    static boolean allZero(float[] x, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (x[i] != 0f) return false;
        }
        return true;
    }
}
