package org.snn4j.kernels;

/**
 * The B operand of a GEMM packed ahead of the call, one row at a time as its producer makes it, in exactly
 * the panels {@link PackedGemm} would pack from a stored B: k blocks of {@link PackedGemm#kStep} rows,
 * each ⌈n / NR⌉ panels of kb × NR, columns past n zero. The forward convolution writes its im2col rows
 * straight into it: the column matrix is never stored and then copied into panels (that copy, from a
 * matrix too large for L2, cost about a fifth of W1's second convolution).
 *
 * <p>The array is the caller's and reused across calls; {@link #row} writes every element a GEMM reads.
 * Read-only once filled, so threads may share it.
 */
final class PackedB {
    private final PackedGemm gemm;
    private final int k, n;
    private final float[] data;

    /** A K×N operand over {@code data}, at least {@link #size} long. */
    PackedB(PackedGemm gemm, int k, int n, float[] data) {
        if (data.length < size(gemm, k, n)) throw new IllegalArgumentException("packed B needs " + size(gemm, k, n) + " floats");
        this.gemm = gemm;
        this.k = k;
        this.n = n;
        this.data = data;
    }

    /** Floats a K×N operand takes packed. */
    static int size(PackedGemm gemm, int k, int n) {
        return Math.multiplyExact(k, gemm.paddedColumns(n));
    }

    /** Packs row {@code p} of op(B), the n values at {@code src[srcOff ..]}. */
    void row(int p, float[] src, int srcOff) {
        int step = gemm.kStep(k), pc = p / step * step, kb = Math.min(step, k - pc);
        gemm.packBRow(src, srcOff, n, data, blockStart(pc, 0, kb) + (p - pc) * gemm.nr(), kb * gemm.nr());
    }

    /** Where the panels of columns from {@code jc} (a multiple of NR) of the k block from row pc (kb rows) start. */
    int blockStart(int pc, int jc, int kb) {
        return pc * gemm.paddedColumns(n) + jc * kb;
    }

    int k() {
        return k;
    }

    int n() {
        return n;
    }

    float[] data() {
        return data;
    }
}
