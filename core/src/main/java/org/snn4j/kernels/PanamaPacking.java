package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API twins of {@link GemmPacking#packB} and of the plain case of {@link GemmPacking#packA}:
 * same arguments, same packed layout, bit-identical output (they only move values). Transposed B and
 * plain A read rows of the stored matrix and write them as columns of a panel; plain B copies rows.
 *
 * <p>Transposed B is stored N×K, so a packed row (fixed p, NR consecutive j) is a column of the
 * stored matrix: scalar packing reads rows and writes with stride NR, about 3 cycles per element.
 * Here each 16×16 block (16 stored rows × 16 consecutive p) is loaded as 16 vectors, transposed in
 * registers by four rounds of lane interleaves ({@code selectFrom} of two vectors, one permute each)
 * and stored as 16 contiguous half-rows of the panel: about 3× faster (0.23 against 0.65 ns per
 * element for a 288×1176 column matrix). Used only with 16 float lanes and NR = 32 (AVX-512); the
 * partial last panel and the p tail past a multiple of 16 take the scalar path.
 *
 * <p>A's panels are MR = 8 rows: an 8×LANES block (8 stored rows × LANES consecutive p) becomes 8·LANES
 * contiguous floats after three interleave rounds (the block's index rotated by three bits), with 16 lanes
 * and, since issue 27, with 8 (AVX2), where the scalar packing of W1's first convolution's output gradient
 * (the weight gradient's A) took about 2 % of the training step. The scalar packing
 * of A costed about a tenth of the W1 training step (the weights of every forward convolution chunk).
 * Source: read. Destination: written (the whole padded extent).
 */
final class PanamaPacking {
    private static final VectorSpecies<Float> S = VectorConstants.FLOATS;
    private static final int LANES = VectorConstants.LANES;
    /** Interleave indices (16 lanes): lanes 0..15 pick from the first vector, 16..31 from the second. */
    private static final FloatVector LOW = LANES == 16 ? interleave(0) : null, HIGH = LANES == 16 ? interleave(8) : null;
    /** With 8 lanes: each of the low or high half's lanes twice, and the odd lanes, for {@link #interleaveLow}. */
    private static final VectorShuffle<Float> DUP_LOW = VectorShuffle.fromOp(S, i -> i / 2),
            DUP_HIGH = VectorShuffle.fromOp(S, i -> LANES / 2 + i / 2);
    private static final VectorMask<Float> ODD = VectorMask.fromLong(S, 0xAAAAAAAAAAAAAAAAL & ((1L << LANES) - 1));

    private PanamaPacking() {}

    /** True when {@link #packBTransposed} runs its vector path for panels {@code nr} wide. */
    static boolean supports(int nr) {
        return VectorConstants.LANES == 16 && nr == 32;
    }

    /** True when {@link #packBRow} runs its vector path for panels {@code nr} wide: two vectors of 8 or 16 lanes. */
    static boolean supportsRow(int nr) {
        return (VectorConstants.LANES == 8 || VectorConstants.LANES == 16) && nr == 2 * VectorConstants.LANES;
    }

    /** True when {@link #packA} runs its vector path for panels {@code mr} rows high: 8 rows of 8 or 16 lanes. */
    static boolean supportsA(int mr) {
        return (VectorConstants.LANES == 8 || VectorConstants.LANES == 16) && mr == 8;
    }

    /** [a_{h}, b_{h}, a_{h+1}, b_{h+1}, …] as selectFrom indices, h = 0 (low half) or 8 (high half). */
    private static FloatVector interleave(int half) {
        float[] idx = new float[16];
        for (int k = 0; k < 8; k++) {
            idx[2 * k] = half + k;
            idx[2 * k + 1] = 16 + half + k;
        }
        return FloatVector.fromArray(S, idx, 0);
    }

    /** {@link GemmPacking#packB} with {@code transB}, when {@link #supports}{@code (nr)}. */
    static void packBTransposed(float[] b, int bOff, int ldb, int p0, int kb, int j0, int nb, int nr, float[] dst) {
        int kVec = kb & ~15;
        for (int jr = 0; jr < nb; jr += nr) {
            int cols = Math.min(nr, nb - jr), d = jr * kb;
            if (cols < nr) {
                scalarPanel(b, bOff, ldb, p0, 0, kb, j0 + jr, cols, nr, dst, d);
                continue;
            }
            for (int jh = 0; jh < nr; jh += 16) {
                int src = bOff + (j0 + jr + jh) * ldb + p0;
                for (int p = 0; p < kVec; p += 16) transpose16(b, src + p, ldb, dst, d + p * nr + jh, nr);
            }
            if (kVec < kb) scalarPanel(b, bOff, ldb, p0, kVec, kb, j0 + jr, cols, nr, dst, d);
        }
    }

    /**
     * {@link GemmPacking#packBRow} when {@link #supportsRow}{@code (nr)}: a full panel's row is two vector
     * copies (the scalar packer's 32-float {@code System.arraycopy} calls cost a fifth of the forward
     * convolution's GEMM; with 8 lanes, 16-float copies, as much as the im2col that feeds them); the partial
     * last panel is copied and zero-padded.
     */
    static void packBRow(float[] src, int srcOff, int n, int nr, float[] dst, int dstOff, int panelStride) {
        int full = n - n % nr, to = dstOff, lanes = VectorConstants.LANES;
        for (int jr = 0; jr < full; jr += nr, to += panelStride) {
            FloatVector.fromArray(S, src, srcOff + jr).intoArray(dst, to);
            FloatVector.fromArray(S, src, srcOff + jr + lanes).intoArray(dst, to + lanes);
        }
        if (full < n) {
            System.arraycopy(src, srcOff + full, dst, to, n - full);
            java.util.Arrays.fill(dst, to + n - full, to + nr, 0f);
        }
    }

    /** {@link GemmPacking#packA} without {@code transA}, when {@link #supportsA}{@code (mr)}. */
    static void packA(float[] a, int aOff, int lda, int i0, int mb, int p0, int kb, int mr, float[] dst) {
        int kVec = kb & -LANES;
        for (int ir = 0; ir < mb; ir += mr) {
            int rows = Math.min(mr, mb - ir), d = ir * kb;
            if (rows < mr) {
                scalarPanel(a, aOff, lda, p0, 0, kb, i0 + ir, rows, mr, dst, d);
                continue;
            }
            int src = aOff + (i0 + ir) * lda + p0;
            for (int p = 0; p < kVec; p += LANES) transpose8(a, src + p, lda, dst, d + p * mr);
            if (kVec < kb) scalarPanel(a, aOff, lda, p0, kVec, kb, i0 + ir, rows, mr, dst, d);
        }
    }

    /**
     * dst[to + p·8 + r] = a[from + r·lda + p] for 0 ≤ r &lt; 8, 0 ≤ p &lt; LANES: three rounds of "rows 2i,
     * 2i + 1 of the result are the interleaves of rows i and i + 4" rotate the block's index (3 bits of r, then
     * those of p) by three bits, whatever the lane count: with 8 lanes an 8×8 transpose, with 16 the 8×16 one.
     */
    private static void transpose8(float[] a, int from, int lda, float[] dst, int to) {
        FloatVector r0 = FloatVector.fromArray(S, a, from), r1 = FloatVector.fromArray(S, a, from + lda);
        FloatVector r2 = FloatVector.fromArray(S, a, from + 2 * lda), r3 = FloatVector.fromArray(S, a, from + 3 * lda);
        FloatVector r4 = FloatVector.fromArray(S, a, from + 4 * lda), r5 = FloatVector.fromArray(S, a, from + 5 * lda);
        FloatVector r6 = FloatVector.fromArray(S, a, from + 6 * lda), r7 = FloatVector.fromArray(S, a, from + 7 * lda);
        for (int round = 0; round < 3; round++) {
            FloatVector n0 = interleaveLow(r0, r4), n1 = interleaveHigh(r0, r4);
            FloatVector n2 = interleaveLow(r1, r5), n3 = interleaveHigh(r1, r5);
            FloatVector n4 = interleaveLow(r2, r6), n5 = interleaveHigh(r2, r6);
            FloatVector n6 = interleaveLow(r3, r7), n7 = interleaveHigh(r3, r7);
            r0 = n0; r1 = n1; r2 = n2; r3 = n3; r4 = n4; r5 = n5; r6 = n6; r7 = n7;
        }
        r0.intoArray(dst, to);
        r1.intoArray(dst, to + LANES);
        r2.intoArray(dst, to + 2 * LANES);
        r3.intoArray(dst, to + 3 * LANES);
        r4.intoArray(dst, to + 4 * LANES);
        r5.intoArray(dst, to + 5 * LANES);
        r6.intoArray(dst, to + 6 * LANES);
        r7.intoArray(dst, to + 7 * LANES);
    }

    /**
     * [a_0, b_0, a_1, b_1, …, a_{L/2−1}, b_{L/2−1}]: one two-vector permute with 16 lanes; with 8 two lane
     * duplications and a blend of the odd lanes (the two-vector permute is not compiled to one instruction there).
     */
    static FloatVector interleaveLow(FloatVector a, FloatVector b) {
        return LANES == 16 ? LOW.selectFrom(a, b) : a.rearrange(DUP_LOW).blend(b.rearrange(DUP_LOW), ODD);
    }

    /** [a_{L/2}, b_{L/2}, …, a_{L−1}, b_{L−1}]: the high halves, as {@link #interleaveLow}. */
    static FloatVector interleaveHigh(FloatVector a, FloatVector b) {
        return LANES == 16 ? HIGH.selectFrom(a, b) : a.rearrange(DUP_HIGH).blend(b.rearrange(DUP_HIGH), ODD);
    }

    /**
     * Rows p in [pFrom, pTo) of one panel, scalar, columns past {@code cols} zero: the panel's column j
     * is the stored row {@code j0 + j} (B's columns when B is transposed, A's rows when it is not).
     */
    private static void scalarPanel(float[] b, int bOff, int ldb, int p0, int pFrom, int pTo, int j0, int cols,
                                    int nr, float[] dst, int d) {
        for (int j = 0; j < cols; j++) {
            int src = bOff + (j0 + j) * ldb + p0;
            for (int p = pFrom; p < pTo; p++) dst[d + p * nr + j] = b[src + p];
        }
        for (int j = cols; j < nr; j++) {
            for (int p = pFrom; p < pTo; p++) dst[d + p * nr + j] = 0f;
        }
    }

    /**
     * dst[to + p·ld + j] = b[from + j·ldb + p] for 0 ≤ p, j &lt; 16. Four rounds of "row i of the result
     * pair is the interleave of rows i and i + 8" transpose a 16×16 block (the perfect-shuffle identity).
     */
    static void transpose16(float[] b, int from, int ldb, float[] dst, int to, int ld) {
        FloatVector lo = LOW, hi = HIGH;
        FloatVector r0 = FloatVector.fromArray(S, b, from), r1 = FloatVector.fromArray(S, b, from + ldb);
        FloatVector r2 = FloatVector.fromArray(S, b, from + 2 * ldb), r3 = FloatVector.fromArray(S, b, from + 3 * ldb);
        FloatVector r4 = FloatVector.fromArray(S, b, from + 4 * ldb), r5 = FloatVector.fromArray(S, b, from + 5 * ldb);
        FloatVector r6 = FloatVector.fromArray(S, b, from + 6 * ldb), r7 = FloatVector.fromArray(S, b, from + 7 * ldb);
        FloatVector r8 = FloatVector.fromArray(S, b, from + 8 * ldb), r9 = FloatVector.fromArray(S, b, from + 9 * ldb);
        FloatVector ra = FloatVector.fromArray(S, b, from + 10 * ldb), rb = FloatVector.fromArray(S, b, from + 11 * ldb);
        FloatVector rc = FloatVector.fromArray(S, b, from + 12 * ldb), rd = FloatVector.fromArray(S, b, from + 13 * ldb);
        FloatVector re = FloatVector.fromArray(S, b, from + 14 * ldb), rf = FloatVector.fromArray(S, b, from + 15 * ldb);
        for (int round = 0; round < 4; round++) {
            FloatVector n0 = lo.selectFrom(r0, r8), n1 = hi.selectFrom(r0, r8);
            FloatVector n2 = lo.selectFrom(r1, r9), n3 = hi.selectFrom(r1, r9);
            FloatVector n4 = lo.selectFrom(r2, ra), n5 = hi.selectFrom(r2, ra);
            FloatVector n6 = lo.selectFrom(r3, rb), n7 = hi.selectFrom(r3, rb);
            FloatVector n8 = lo.selectFrom(r4, rc), n9 = hi.selectFrom(r4, rc);
            FloatVector na = lo.selectFrom(r5, rd), nb = hi.selectFrom(r5, rd);
            FloatVector nc = lo.selectFrom(r6, re), nd = hi.selectFrom(r6, re);
            FloatVector ne = lo.selectFrom(r7, rf), nf = hi.selectFrom(r7, rf);
            r0 = n0; r1 = n1; r2 = n2; r3 = n3; r4 = n4; r5 = n5; r6 = n6; r7 = n7;
            r8 = n8; r9 = n9; ra = na; rb = nb; rc = nc; rd = nd; re = ne; rf = nf;
        }
        r0.intoArray(dst, to);
        r1.intoArray(dst, to + ld);
        r2.intoArray(dst, to + 2 * ld);
        r3.intoArray(dst, to + 3 * ld);
        r4.intoArray(dst, to + 4 * ld);
        r5.intoArray(dst, to + 5 * ld);
        r6.intoArray(dst, to + 6 * ld);
        r7.intoArray(dst, to + 7 * ld);
        r8.intoArray(dst, to + 8 * ld);
        r9.intoArray(dst, to + 9 * ld);
        ra.intoArray(dst, to + 10 * ld);
        rb.intoArray(dst, to + 11 * ld);
        rc.intoArray(dst, to + 12 * ld);
        rd.intoArray(dst, to + 13 * ld);
        re.intoArray(dst, to + 14 * ld);
        rf.intoArray(dst, to + 15 * ld);
    }
}
