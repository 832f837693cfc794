package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API body of {@link EventKernel}: a count compares vectors of inputs with zero, a gather
 * compresses their non-zero lanes; a sum keeps eight vectors of outputs in registers over all events of the
 * row, then four, then single vectors, then a scalar tail.
 * Same loop order and rounding as {@link ScalarEventKernel}. Loaded only after {@link KernelProvider} has
 * checked that the Vector API is readable.
 */
final class PanamaEventKernel implements EventKernel {
    private static final VectorSpecies<Float> SPECIES = VectorConstants.FLOATS;
    private static final int LANES = SPECIES.length();
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SPECIES.vectorShape());
    private static final IntVector IOTA = IntVector.zero(INTS).addIndex(1);

    @Override
    public int countNonZero(float[] x, int from, int to) {
        int count = 0, i = from;
        for (; i <= to - LANES; i += LANES) {
            count += FloatVector.fromArray(SPECIES, x, i).compare(VectorOperators.NE, 0f).trueCount();
        }
        for (; i < to; i++) if (x[i] != 0f || x[i] != x[i]) count++;  // scalar tail
        return count;
    }

    /**
     * A vector of inputs at a time: the non-zero lanes (compare with zero: NaN is not equal to it, −0 is)
     * compressed to the front and stored whole at the list's end, as are their indices; the count advances
     * by the lanes set. A vector's store writes past the new end, which the next one overwrites.
     */
    @Override
    public int gather(float[] x, int from, int n, int[] index, float[] value, int at) {
        int count = at, i = 0;
        for (; i <= n - LANES; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, from + i);
            VectorMask<Float> nonZero = v.compare(VectorOperators.NE, 0f);
            if (!nonZero.anyTrue()) continue;
            v.compress(nonZero).intoArray(value, count);
            IOTA.add(i).compress(nonZero.cast(INTS)).intoArray(index, count);
            count += nonZero.trueCount();
        }
        return ScalarEventKernel.gather(x, from, i, n, index, value, count) - at;   // scalar tail
    }

    /**
     * The accumulators start from a load, of y (continuing) or of these zeros, not from a choice between
     * vectors (which the JIT would box).
     */
    private static final float[] ZEROS = new float[8 * LANES];

    @Override
    public void sum(int from, int to, int[] offset, float[] value, float[] w, float[] y, int yOff, int n, Into into) {
        boolean add = into == Into.ADD, carry = into == Into.CONTINUE;
        float[] start = carry ? y : ZEROS;
        int i = 0;
        // eight vectors of outputs at a time: one read of the list feeds eight chains of fmas, enough to hide
        // the fma's latency (a row of 64 outputs with 8 lanes, W1's second convolution, in one pass)
        for (; i <= n - 8 * LANES; i += 8 * LANES) {
            int s = carry ? yOff + i : 0;
            FloatVector a0 = FloatVector.fromArray(SPECIES, start, s), a1 = FloatVector.fromArray(SPECIES, start, s + LANES);
            FloatVector a2 = FloatVector.fromArray(SPECIES, start, s + 2 * LANES), a3 = FloatVector.fromArray(SPECIES, start, s + 3 * LANES);
            FloatVector a4 = FloatVector.fromArray(SPECIES, start, s + 4 * LANES), a5 = FloatVector.fromArray(SPECIES, start, s + 5 * LANES);
            FloatVector a6 = FloatVector.fromArray(SPECIES, start, s + 6 * LANES), a7 = FloatVector.fromArray(SPECIES, start, s + 7 * LANES);
            for (int e = from; e < to; e++) {
                FloatVector v = FloatVector.broadcast(SPECIES, value[e]);
                int at = offset[e] + i;
                a0 = FloatVector.fromArray(SPECIES, w, at).fma(v, a0);
                a1 = FloatVector.fromArray(SPECIES, w, at + LANES).fma(v, a1);
                a2 = FloatVector.fromArray(SPECIES, w, at + 2 * LANES).fma(v, a2);
                a3 = FloatVector.fromArray(SPECIES, w, at + 3 * LANES).fma(v, a3);
                a4 = FloatVector.fromArray(SPECIES, w, at + 4 * LANES).fma(v, a4);
                a5 = FloatVector.fromArray(SPECIES, w, at + 5 * LANES).fma(v, a5);
                a6 = FloatVector.fromArray(SPECIES, w, at + 6 * LANES).fma(v, a6);
                a7 = FloatVector.fromArray(SPECIES, w, at + 7 * LANES).fma(v, a7);
            }
            store(a0, y, yOff + i, add);
            store(a1, y, yOff + i + LANES, add);
            store(a2, y, yOff + i + 2 * LANES, add);
            store(a3, y, yOff + i + 3 * LANES, add);
            store(a4, y, yOff + i + 4 * LANES, add);
            store(a5, y, yOff + i + 5 * LANES, add);
            store(a6, y, yOff + i + 6 * LANES, add);
            store(a7, y, yOff + i + 7 * LANES, add);
        }
        // then four vectors at a time
        for (; i <= n - 4 * LANES; i += 4 * LANES) {
            int s = carry ? yOff + i : 0;
            FloatVector a0 = FloatVector.fromArray(SPECIES, start, s), a1 = FloatVector.fromArray(SPECIES, start, s + LANES);
            FloatVector a2 = FloatVector.fromArray(SPECIES, start, s + 2 * LANES), a3 = FloatVector.fromArray(SPECIES, start, s + 3 * LANES);
            for (int e = from; e < to; e++) {
                FloatVector v = FloatVector.broadcast(SPECIES, value[e]);
                int at = offset[e] + i;
                a0 = FloatVector.fromArray(SPECIES, w, at).fma(v, a0);
                a1 = FloatVector.fromArray(SPECIES, w, at + LANES).fma(v, a1);
                a2 = FloatVector.fromArray(SPECIES, w, at + 2 * LANES).fma(v, a2);
                a3 = FloatVector.fromArray(SPECIES, w, at + 3 * LANES).fma(v, a3);
            }
            store(a0, y, yOff + i, add);
            store(a1, y, yOff + i + LANES, add);
            store(a2, y, yOff + i + 2 * LANES, add);
            store(a3, y, yOff + i + 3 * LANES, add);
        }
        for (; i <= n - LANES; i += LANES) {  // one vector at a time
            FloatVector a = FloatVector.fromArray(SPECIES, start, carry ? yOff + i : 0);
            for (int e = from; e < to; e++) {
                a = FloatVector.fromArray(SPECIES, w, offset[e] + i).fma(FloatVector.broadcast(SPECIES, value[e]), a);
            }
            store(a, y, yOff + i, add);
        }
        for (; i < n; i++) {  // scalar tail (the callers pad rows to whole vectors)
            float acc = carry ? y[yOff + i] : 0f;
            for (int e = from; e < to; e++) acc = Math.fma(w[offset[e] + i], value[e], acc);
            y[yOff + i] = add ? acc + y[yOff + i] : acc;
        }
    }

    /**
     * Whole tiles of 16 positions by 16 channels: the bias added to the sums in place, then transposed in registers
     * ({@link PanamaPacking#transpose16}); the edges (positions and channels past the
     * last whole tile) and vectors other than 16 lanes by the scalar twin's loop.
     */
    @Override
    public void toChannelsFirst(float[] sum, int row, int plane, int outC, float[] bias, float[] y, int yOff) {
        if (LANES == 8) {
            toChannelsFirst8(sum, row, plane, outC, bias, y, yOff);
            return;
        }
        int pTiles = LANES == 16 ? plane & ~15 : 0, oTiles = LANES == 16 ? outC & ~15 : 0;
        for (int p0 = 0; p0 < pTiles; p0 += 16) {
            for (int o0 = 0; o0 < oTiles; o0 += 16) {
                // the bias added to the tile's channel-last rows (in cache) before the transpose, not to the
                // transposed rows in y, which straddle cache lines (a plane of 196 outputs) and were stored twice
                FloatVector add = bias == null ? FloatVector.zero(SPECIES) : FloatVector.fromArray(SPECIES, bias, o0);
                for (int r = 0, at = p0 * row + o0; r < 16; r++, at += row) FloatVector.fromArray(SPECIES, sum, at).add(add).intoArray(sum, at);
                PanamaPacking.transpose16(sum, p0 * row + o0, row, y, yOff + o0 * plane + p0, plane);
            }
        }
        ScalarEventKernel.channelsFirst(sum, row, plane, 0, pTiles, oTiles, outC, bias, y, yOff);
        ScalarEventKernel.channelsFirst(sum, row, plane, pTiles, plane, 0, outC, bias, y, yOff);
    }

    /** {@link PanamaShiftedSums#toChannelsLast}. */
    @Override
    public void toChannelsLast(float[] x, int xOff, int plane, int outC, float[] rows, int rowsOff, int row) {
        PanamaShiftedSums.toChannelsLast(x, xOff, plane, outC, rows, rowsOff, row);
    }

    /** {@link PanamaShiftedSums#sumShifted}. */
    @Override
    public void sumShifted(int from, int to, int[] offset, float[] value, float[] w, int wOff, int[] shift, int taps, float[] y, int yOff,
                           int yStride, int n) {
        PanamaShiftedSums.sumShifted(from, to, offset, value, w, wOff, shift, taps, y, yOff, yStride, n);
    }

    /** {@link PanamaShiftedSums#addColumnSums}. */
    @Override
    public void addColumnSums(float[] rows, int from, int count, int n, double[] sums, int sumsOff) {
        PanamaShiftedSums.addColumnSums(rows, from, count, n, sums, sumsOff);
    }

    /**
     * {@link #toChannelsFirst} with 8 lanes (AVX2): tiles of 8 positions by 8 channels transposed in registers
     * ({@link #transpose8}), the bias added as they are stored; the edges by the scalar twin's loop (W1's second
     * convolution, 196 positions by 64 channels, ran its whole transpose element by element, a twentieth of
     * its inference by events).
     */
    private static void toChannelsFirst8(float[] sum, int row, int plane, int outC, float[] bias, float[] y, int yOff) {
        int pTiles = plane & ~7, oTiles = outC & ~7;
        for (int o0 = 0; o0 < oTiles; o0 += 8) {
            for (int p0 = 0; p0 < pTiles; p0 += 8) transpose8(sum, p0 * row + o0, row, bias, o0, y, yOff + o0 * plane + p0, plane);
        }
        ScalarEventKernel.channelsFirst(sum, row, plane, 0, pTiles, oTiles, outC, bias, y, yOff);
        ScalarEventKernel.channelsFirst(sum, row, plane, pTiles, plane, 0, outC, bias, y, yOff);
    }

    /**
     * {@code dst[to + j·ld + i] = src[from + i·lds + j] + bias[o0 + j]} (bias null: + 0) for 0 ≤ i, j &lt; 8: three
     * rounds of "rows 2i and 2i + 1 of the result are the low and high interleaves of rows i and i + 4".
     */
    private static void transpose8(float[] src, int from, int lds, float[] bias, int o0, float[] dst, int to, int ld) {
        FloatVector r0 = FloatVector.fromArray(SPECIES, src, from), r1 = FloatVector.fromArray(SPECIES, src, from + lds);
        FloatVector r2 = FloatVector.fromArray(SPECIES, src, from + 2 * lds), r3 = FloatVector.fromArray(SPECIES, src, from + 3 * lds);
        FloatVector r4 = FloatVector.fromArray(SPECIES, src, from + 4 * lds), r5 = FloatVector.fromArray(SPECIES, src, from + 5 * lds);
        FloatVector r6 = FloatVector.fromArray(SPECIES, src, from + 6 * lds), r7 = FloatVector.fromArray(SPECIES, src, from + 7 * lds);
        for (int round = 0; round < 3; round++) {
            FloatVector n0 = PanamaPacking.interleaveLow(r0, r4), n1 = PanamaPacking.interleaveHigh(r0, r4);
            FloatVector n2 = PanamaPacking.interleaveLow(r1, r5), n3 = PanamaPacking.interleaveHigh(r1, r5);
            FloatVector n4 = PanamaPacking.interleaveLow(r2, r6), n5 = PanamaPacking.interleaveHigh(r2, r6);
            FloatVector n6 = PanamaPacking.interleaveLow(r3, r7), n7 = PanamaPacking.interleaveHigh(r3, r7);
            r0 = n0; r1 = n1; r2 = n2; r3 = n3; r4 = n4; r5 = n5; r6 = n6; r7 = n7;
        }
        r0.add(bias == null ? 0f : bias[o0]).intoArray(dst, to);
        r1.add(bias == null ? 0f : bias[o0 + 1]).intoArray(dst, to + ld);
        r2.add(bias == null ? 0f : bias[o0 + 2]).intoArray(dst, to + 2 * ld);
        r3.add(bias == null ? 0f : bias[o0 + 3]).intoArray(dst, to + 3 * ld);
        r4.add(bias == null ? 0f : bias[o0 + 4]).intoArray(dst, to + 4 * ld);
        r5.add(bias == null ? 0f : bias[o0 + 5]).intoArray(dst, to + 5 * ld);
        r6.add(bias == null ? 0f : bias[o0 + 6]).intoArray(dst, to + 6 * ld);
        r7.add(bias == null ? 0f : bias[o0 + 7]).intoArray(dst, to + 7 * ld);
    }

    /**
     * Rows of one or two vectors (a narrow convolution's): a chain of fmas per output vector is bound by the
     * fma's latency, so eight lists of one vector, or four of two, run side by side (eight chains in flight).
     * The shorter lists of a group are padded to the longest with events of value 0 (offset 0), which add
     * exactly nothing to a finite sum: at the low densities where lists differ most in length, finishing
     * each list alone took as long as the common part. Rows of four vectors (W1's second convolution, 64
     * outputs with 16 lanes) run two lists side by side over their common length, then the rest of the longer
     * list alone: the four chains of one list left the fma's latency exposed. Wider rows already hold eight
     * chains per list.
     */
    @Override
    public void sumLists(int from, int to, int stride, int[] end, int[] offset, float[] value, float[] w, float[] y, int yOff, int n) {
        int p = from;
        if (n == LANES) {
            for (; p + 8 <= to; p += 8) {
                sumEight(p, stride, padToLongest(p, 8, stride, end, offset, value), offset, value, w, y, yOff + (p - from) * n);
            }
        } else if (n == 2 * LANES) {
            for (; p + 4 <= to; p += 4) {
                sumFourPairs(p, stride, padToLongest(p, 4, stride, end, offset, value), offset, value, w, y, yOff + (p - from) * n);
            }
        } else if (n == 4 * LANES) {
            for (; p + 2 <= to; p += 2) sumTwoQuads(p * stride, end[p], (p + 1) * stride, end[p + 1], offset, value, w, y, yOff + (p - from) * n);
        }
        for (; p < to; p++) sum(p * stride, end[p], offset, value, w, y, yOff + (p - from) * n, n, Into.STORE);
    }

    /**
     * Two lists of four vectors each, [e0, end0) into {@code y[at, at + 4·LANES)} and [e1, end1) into the next
     * four vectors: eight chains over their common length, then four for the rest of the longer one.
     */
    private static void sumTwoQuads(int e0, int end0, int e1, int end1, int[] offset, float[] value, float[] w, float[] y, int at) {
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        int common = Math.min(end0 - e0, end1 - e1);
        for (int j = 0; j < common; j++) {
            FloatVector u = FloatVector.broadcast(SPECIES, value[e0 + j]), v = FloatVector.broadcast(SPECIES, value[e1 + j]);
            int o = offset[e0 + j], q = offset[e1 + j];
            a0 = FloatVector.fromArray(SPECIES, w, o).fma(u, a0);
            b0 = FloatVector.fromArray(SPECIES, w, q).fma(v, b0);
            a1 = FloatVector.fromArray(SPECIES, w, o + LANES).fma(u, a1);
            b1 = FloatVector.fromArray(SPECIES, w, q + LANES).fma(v, b1);
            a2 = FloatVector.fromArray(SPECIES, w, o + 2 * LANES).fma(u, a2);
            b2 = FloatVector.fromArray(SPECIES, w, q + 2 * LANES).fma(v, b2);
            a3 = FloatVector.fromArray(SPECIES, w, o + 3 * LANES).fma(u, a3);
            b3 = FloatVector.fromArray(SPECIES, w, q + 3 * LANES).fma(v, b3);
        }
        for (int e = e0 + common; e < end0; e++) {
            FloatVector u = FloatVector.broadcast(SPECIES, value[e]);
            int o = offset[e];
            a0 = FloatVector.fromArray(SPECIES, w, o).fma(u, a0);
            a1 = FloatVector.fromArray(SPECIES, w, o + LANES).fma(u, a1);
            a2 = FloatVector.fromArray(SPECIES, w, o + 2 * LANES).fma(u, a2);
            a3 = FloatVector.fromArray(SPECIES, w, o + 3 * LANES).fma(u, a3);
        }
        for (int e = e1 + common; e < end1; e++) {
            FloatVector v = FloatVector.broadcast(SPECIES, value[e]);
            int q = offset[e];
            b0 = FloatVector.fromArray(SPECIES, w, q).fma(v, b0);
            b1 = FloatVector.fromArray(SPECIES, w, q + LANES).fma(v, b1);
            b2 = FloatVector.fromArray(SPECIES, w, q + 2 * LANES).fma(v, b2);
            b3 = FloatVector.fromArray(SPECIES, w, q + 3 * LANES).fma(v, b3);
        }
        a0.intoArray(y, at);
        a1.intoArray(y, at + LANES);
        a2.intoArray(y, at + 2 * LANES);
        a3.intoArray(y, at + 3 * LANES);
        b0.intoArray(y, at + 4 * LANES);
        b1.intoArray(y, at + 5 * LANES);
        b2.intoArray(y, at + 6 * LANES);
        b3.intoArray(y, at + 7 * LANES);
    }

    /** Pads lists [p, p + count) with zero events to the longest one's length, which it returns. */
    private static int padToLongest(int p, int count, int stride, int[] end, int[] offset, float[] value) {
        int longest = 0;
        for (int q = p; q < p + count; q++) longest = Math.max(longest, end[q] - q * stride);
        for (int q = p; q < p + count; q++) {
            int to = q * stride + longest;
            for (int e = end[q]; e < to; e++) {
                offset[e] = 0;
                value[e] = 0f;
            }
        }
        return longest;
    }

    /** Lists p to p + 7 of one vector each, {@code length} events each. */
    private static void sumEight(int p, int stride, int length, int[] offset, float[] value, float[] w, float[] y, int at) {
        int e0 = p * stride, e1 = e0 + stride, e2 = e1 + stride, e3 = e2 + stride;
        int e4 = e3 + stride, e5 = e4 + stride, e6 = e5 + stride, e7 = e6 + stride;
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int j = 0; j < length; j++) {
            a0 = FloatVector.fromArray(SPECIES, w, offset[e0 + j]).fma(FloatVector.broadcast(SPECIES, value[e0 + j]), a0);
            a1 = FloatVector.fromArray(SPECIES, w, offset[e1 + j]).fma(FloatVector.broadcast(SPECIES, value[e1 + j]), a1);
            a2 = FloatVector.fromArray(SPECIES, w, offset[e2 + j]).fma(FloatVector.broadcast(SPECIES, value[e2 + j]), a2);
            a3 = FloatVector.fromArray(SPECIES, w, offset[e3 + j]).fma(FloatVector.broadcast(SPECIES, value[e3 + j]), a3);
            a4 = FloatVector.fromArray(SPECIES, w, offset[e4 + j]).fma(FloatVector.broadcast(SPECIES, value[e4 + j]), a4);
            a5 = FloatVector.fromArray(SPECIES, w, offset[e5 + j]).fma(FloatVector.broadcast(SPECIES, value[e5 + j]), a5);
            a6 = FloatVector.fromArray(SPECIES, w, offset[e6 + j]).fma(FloatVector.broadcast(SPECIES, value[e6 + j]), a6);
            a7 = FloatVector.fromArray(SPECIES, w, offset[e7 + j]).fma(FloatVector.broadcast(SPECIES, value[e7 + j]), a7);
        }
        a0.intoArray(y, at);
        a1.intoArray(y, at + LANES);
        a2.intoArray(y, at + 2 * LANES);
        a3.intoArray(y, at + 3 * LANES);
        a4.intoArray(y, at + 4 * LANES);
        a5.intoArray(y, at + 5 * LANES);
        a6.intoArray(y, at + 6 * LANES);
        a7.intoArray(y, at + 7 * LANES);
    }

    /** Lists p to p + 3 of two vectors each, {@code length} events each. */
    private static void sumFourPairs(int p, int stride, int length, int[] offset, float[] value, float[] w, float[] y, int at) {
        int e0 = p * stride, e1 = e0 + stride, e2 = e1 + stride, e3 = e2 + stride, n = 2 * LANES;
        FloatVector a0 = FloatVector.zero(SPECIES), b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
        for (int j = 0; j < length; j++) {
            FloatVector v0 = FloatVector.broadcast(SPECIES, value[e0 + j]), v1 = FloatVector.broadcast(SPECIES, value[e1 + j]);
            FloatVector v2 = FloatVector.broadcast(SPECIES, value[e2 + j]), v3 = FloatVector.broadcast(SPECIES, value[e3 + j]);
            int o0 = offset[e0 + j], o1 = offset[e1 + j], o2 = offset[e2 + j], o3 = offset[e3 + j];
            a0 = FloatVector.fromArray(SPECIES, w, o0).fma(v0, a0);
            b0 = FloatVector.fromArray(SPECIES, w, o0 + LANES).fma(v0, b0);
            a1 = FloatVector.fromArray(SPECIES, w, o1).fma(v1, a1);
            b1 = FloatVector.fromArray(SPECIES, w, o1 + LANES).fma(v1, b1);
            a2 = FloatVector.fromArray(SPECIES, w, o2).fma(v2, a2);
            b2 = FloatVector.fromArray(SPECIES, w, o2 + LANES).fma(v2, b2);
            a3 = FloatVector.fromArray(SPECIES, w, o3).fma(v3, a3);
            b3 = FloatVector.fromArray(SPECIES, w, o3 + LANES).fma(v3, b3);
        }
        a0.intoArray(y, at);
        b0.intoArray(y, at + LANES);
        a1.intoArray(y, at + n);
        b1.intoArray(y, at + n + LANES);
        a2.intoArray(y, at + 2 * n);
        b2.intoArray(y, at + 2 * n + LANES);
        a3.intoArray(y, at + 3 * n);
        b3.intoArray(y, at + 3 * n + LANES);
    }

    static void store(FloatVector acc, float[] y, int at, boolean add) {
        (add ? acc.add(FloatVector.fromArray(SPECIES, y, at)) : acc).intoArray(y, at);
    }
}
