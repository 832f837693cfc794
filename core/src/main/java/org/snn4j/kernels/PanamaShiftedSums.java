package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API bodies of the event weight gradient's kernels ({@link EventKernel#toChannelsLast},
 * {@link EventKernel#sumShifted}, {@link EventKernel#addColumnSums}; see {@link EventWeightGradient}), which
 * {@link PanamaEventKernel} delegates to: one read of an event feeds a chain of fmas per tap. Same loop order
 * and rounding as {@link ScalarEventKernel}.
 */
final class PanamaShiftedSums {
    private static final VectorSpecies<Float> SPECIES = VectorConstants.FLOATS;
    private static final int LANES = SPECIES.length();

    private PanamaShiftedSums() {}

    /**
     * Whole tiles of 16 channels by 16 positions transposed in registers ({@link PanamaPacking#transpose16});
     * the edges and vectors other than 16 lanes by the scalar twin's loop.
     */
    static void toChannelsLast(float[] x, int xOff, int plane, int outC, float[] rows, int rowsOff, int row) {
        int pTiles = LANES == 16 ? plane & ~15 : 0, oTiles = LANES == 16 ? outC & ~15 : 0;
        for (int p0 = 0; p0 < pTiles; p0 += 16) {
            for (int o0 = 0; o0 < oTiles; o0 += 16) {
                PanamaPacking.transpose16(x, xOff + o0 * plane + p0, plane, rows, rowsOff + p0 * row + o0, row);
            }
        }
        ScalarEventKernel.channelsLast(x, xOff, plane, 0, pTiles, oTiles, outC, rows, rowsOff, row);
        ScalarEventKernel.channelsLast(x, xOff, plane, pTiles, plane, 0, outC, rows, rowsOff, row);
    }

    /**
     * A vector of outputs by nine shifts at a time (a 3×3 kernel's taps): one read of an event (offset, value,
     * broadcast) feeds nine chains of fmas; the remaining shifts by four, then one; then a scalar tail.
     */
    static void sumShifted(int from, int to, int[] offset, float[] value, float[] w, int wOff, int[] shift, int taps, float[] y, int yOff,
                           int yStride, int n) {
        int i = 0;
        for (; i <= n - LANES; i += LANES) {
            int t = 0, base = wOff + i;
            for (; t + 9 <= taps; t += 9) nineShifts(from, to, offset, value, w, base, shift, t, y, yOff + t * yStride + i, yStride);
            for (; t + 4 <= taps; t += 4) {
                FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0;
                int s0 = base + shift[t], s1 = base + shift[t + 1], s2 = base + shift[t + 2], s3 = base + shift[t + 3];
                for (int e = from; e < to; e++) {
                    FloatVector v = FloatVector.broadcast(SPECIES, value[e]);
                    int o = offset[e];
                    a0 = FloatVector.fromArray(SPECIES, w, o + s0).fma(v, a0);
                    a1 = FloatVector.fromArray(SPECIES, w, o + s1).fma(v, a1);
                    a2 = FloatVector.fromArray(SPECIES, w, o + s2).fma(v, a2);
                    a3 = FloatVector.fromArray(SPECIES, w, o + s3).fma(v, a3);
                }
                int at = yOff + t * yStride + i;
                PanamaEventKernel.store(a0, y, at, true);
                PanamaEventKernel.store(a1, y, at + yStride, true);
                PanamaEventKernel.store(a2, y, at + 2 * yStride, true);
                PanamaEventKernel.store(a3, y, at + 3 * yStride, true);
            }
            for (; t < taps; t++) {
                FloatVector a = FloatVector.zero(SPECIES);
                for (int e = from, s = base + shift[t]; e < to; e++) {
                    a = FloatVector.fromArray(SPECIES, w, offset[e] + s).fma(FloatVector.broadcast(SPECIES, value[e]), a);
                }
                PanamaEventKernel.store(a, y, yOff + t * yStride + i, true);
            }
        }
        for (; i < n; i++) {   // scalar tail (the callers pass whole vectors)
            for (int t = 0; t < taps; t++) {
                float acc = 0f;
                for (int e = from, s = wOff + shift[t] + i; e < to; e++) acc = Math.fma(w[offset[e] + s], value[e], acc);
                y[yOff + t * yStride + i] += acc;
            }
        }
    }

    /** {@link #sumShifted} of one vector at {@code w[base + offset[e] + shift[t + k]]} for k in [0, 9), added at y[at + k·yStride]. */
    private static void nineShifts(int from, int to, int[] offset, float[] value, float[] w, int base, int[] shift, int t,
                                   float[] y, int at, int yStride) {
        int s0 = base + shift[t], s1 = base + shift[t + 1], s2 = base + shift[t + 2], s3 = base + shift[t + 3];
        int s4 = base + shift[t + 4], s5 = base + shift[t + 5], s6 = base + shift[t + 6], s7 = base + shift[t + 7];
        int s8 = base + shift[t + 8];
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0;
        for (int e = from; e < to; e++) {
            FloatVector v = FloatVector.broadcast(SPECIES, value[e]);
            int o = offset[e];
            a0 = FloatVector.fromArray(SPECIES, w, o + s0).fma(v, a0);
            a1 = FloatVector.fromArray(SPECIES, w, o + s1).fma(v, a1);
            a2 = FloatVector.fromArray(SPECIES, w, o + s2).fma(v, a2);
            a3 = FloatVector.fromArray(SPECIES, w, o + s3).fma(v, a3);
            a4 = FloatVector.fromArray(SPECIES, w, o + s4).fma(v, a4);
            a5 = FloatVector.fromArray(SPECIES, w, o + s5).fma(v, a5);
            a6 = FloatVector.fromArray(SPECIES, w, o + s6).fma(v, a6);
            a7 = FloatVector.fromArray(SPECIES, w, o + s7).fma(v, a7);
            a8 = FloatVector.fromArray(SPECIES, w, o + s8).fma(v, a8);
        }
        PanamaEventKernel.store(a0, y, at, true);
        PanamaEventKernel.store(a1, y, at + yStride, true);
        PanamaEventKernel.store(a2, y, at + 2 * yStride, true);
        PanamaEventKernel.store(a3, y, at + 3 * yStride, true);
        PanamaEventKernel.store(a4, y, at + 4 * yStride, true);
        PanamaEventKernel.store(a5, y, at + 5 * yStride, true);
        PanamaEventKernel.store(a6, y, at + 6 * yStride, true);
        PanamaEventKernel.store(a7, y, at + 7 * yStride, true);
        PanamaEventKernel.store(a8, y, at + 8 * yStride, true);
    }

    /** A vector of columns at a time, summed down the rows in row order; the columns past the last whole vector by the scalar twin. */
    static void addColumnSums(float[] rows, int from, int count, int n, double[] sums, int sumsOff) {
        int i = 0;
        float[] lanes = new float[LANES];
        for (; i <= n - LANES; i += LANES) {
            FloatVector s = FloatVector.zero(SPECIES);
            for (int p = 0, at = from + i; p < count; p++, at += n) s = s.add(FloatVector.fromArray(SPECIES, rows, at));
            s.intoArray(lanes, 0);
            for (int k = 0; k < LANES; k++) sums[sumsOff + i + k] += lanes[k];
        }
        ScalarEventKernel.columnSums(rows, from, count, n, i, n, sums, sumsOff);
    }
}
