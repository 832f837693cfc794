package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API body of {@link PoolKernels}' 2×2, stride 2, unpadded average and max pooling; its scalar
 * twin is {@link ScalarPool} (the same float operations in the same order, so results agree exactly).
 *
 * <p>Forward, per output row: the two input rows are added lane-wise, then adjacent lanes are paired with
 * two in-register shuffles (even and odd lanes), so one vector of {@code lanes} outputs consumes
 * {@code 2·lanes} columns of both rows. Backward duplicates each scaled output gradient into two adjacent
 * lanes and stores the result into both input rows. At a row end (all of a row shorter than a vector,
 * such as 28 or 14 pixels with 16 lanes) the lanes past the row read values they discard and write
 * elements the same loop overwrites later; at the ends of the arrays and of the calling thread's range of
 * planes the row end is computed as the scalar twin does (masked vector accesses, built from
 * {@code indexInRange}, cost as much as the rest of the pooling here). Loaded only after {@link KernelProvider} has
 * checked that the Vector API is readable.
 */
final class PanamaPool implements PoolKernel {
    private static final VectorSpecies<Float> SPECIES = VectorConstants.FLOATS;
    private static final int LANES = SPECIES.length();
    /** Lane i takes lane 2i (mod lanes): the even lanes of one vector, in both halves. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(SPECIES, i -> (2 * i) % LANES);
    /** Lane i takes lane 2i + 1 (mod lanes). */
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(SPECIES, i -> (2 * i + 1) % LANES);
    /** Lane i takes lane i / 2: the first half of a vector, each lane twice. */
    private static final VectorShuffle<Float> DUP_LOW = VectorShuffle.fromOp(SPECIES, i -> i / 2);
    /** Lane i takes lane lanes/2 + i/2: the second half, each lane twice. */
    private static final VectorShuffle<Float> DUP_HIGH = VectorShuffle.fromOp(SPECIES, i -> LANES / 2 + i / 2);
    /** The upper half of the lanes. */
    private static final VectorMask<Float> HIGH = VectorMask.fromLong(SPECIES, ((1L << LANES) - 1) & (-1L << (LANES / 2)));

    @Override
    public void avg2Forward(float[] x, int h, int w, float[] y, int from, int to) {
        int outH = h / 2, outW = w / 2, used = 2 * outW, yEnd = to * outH * outW;
        FloatVector quarter = FloatVector.broadcast(SPECIES, 0.25f);
        for (int q = from; q < to; q++) {
            for (int oy = 0; oy < outH; oy++) {
                int r0 = (q * h + 2 * oy) * w, r1 = r0 + w, o = (q * outH + oy) * outW;
                int c = 0;
                for (; c + 2 * LANES <= used; c += 2 * LANES) {
                    FloatVector a = FloatVector.fromArray(SPECIES, x, r0 + c)
                            .add(FloatVector.fromArray(SPECIES, x, r1 + c));
                    FloatVector b = FloatVector.fromArray(SPECIES, x, r0 + c + LANES)
                            .add(FloatVector.fromArray(SPECIES, x, r1 + c + LANES));
                    pairSums(a, b).mul(quarter).intoArray(y, o + c / 2);
                }
                if (c < used) {
                    // Row end: lanes past it read the next row (discarded) and write into outputs this
                    // loop writes later; at the ends of x and of this range the scalar twin finishes the row.
                    if (r1 + c + 2 * LANES <= x.length && o + c / 2 + LANES <= yEnd) {
                        FloatVector a = FloatVector.fromArray(SPECIES, x, r0 + c).add(FloatVector.fromArray(SPECIES, x, r1 + c));
                        FloatVector b = FloatVector.fromArray(SPECIES, x, r0 + c + LANES)
                                .add(FloatVector.fromArray(SPECIES, x, r1 + c + LANES));
                        pairSums(a, b).mul(quarter).intoArray(y, o + c / 2);
                    } else {
                        for (int ox = c / 2; ox < outW; ox++) {
                            int i = 2 * ox;
                            y[o + ox] = ((x[r0 + i] + x[r1 + i]) + (x[r0 + i + 1] + x[r1 + i + 1])) * 0.25f;
                        }
                    }
                }
            }
        }
    }

    @Override
    public void max2Forward(float[] x, int h, int w, float[] y, int from, int to) {
        int outH = h / 2, outW = w / 2, used = 2 * outW, yEnd = to * outH * outW;
        for (int q = from; q < to; q++) {
            for (int oy = 0; oy < outH; oy++) {
                int r0 = (q * h + 2 * oy) * w, r1 = r0 + w, o = (q * outH + oy) * outW;
                int c = 0;
                for (; c + 2 * LANES <= used; c += 2 * LANES) windowMaxima(x, r0, r1, c).intoArray(y, o + c / 2);
                if (c < used) {
                    // Row end as in avg2Forward: lanes past it are discarded or rewritten later.
                    if (r1 + c + 2 * LANES <= x.length && o + c / 2 + LANES <= yEnd) {
                        windowMaxima(x, r0, r1, c).intoArray(y, o + c / 2);
                    } else {
                        ScalarPool.max2ForwardColumns(x, r0, r1, y, o, c / 2, outW);
                    }
                }
            }
        }
    }

    /**
     * Lane i: the first maximum of the 2×2 window at columns c + 2i, c + 2i + 1 of rows r0 and r1, the
     * cells taken in row-major order and a later one winning only when strictly greater (as the scalar twin).
     */
    private static FloatVector windowMaxima(float[] x, int r0, int r1, int c) {
        FloatVector a0 = FloatVector.fromArray(SPECIES, x, r0 + c), b0 = FloatVector.fromArray(SPECIES, x, r0 + c + LANES);
        FloatVector a1 = FloatVector.fromArray(SPECIES, x, r1 + c), b1 = FloatVector.fromArray(SPECIES, x, r1 + c + LANES);
        FloatVector m = pick(a0, b0, EVEN);
        m = laterIfGreater(m, pick(a0, b0, ODD));
        m = laterIfGreater(m, pick(a1, b1, EVEN));
        return laterIfGreater(m, pick(a1, b1, ODD));
    }

    /** The lanes {@code lanes} picks from a (low half of the result) and from b (high half). */
    private static FloatVector pick(FloatVector a, FloatVector b, VectorShuffle<Float> lanes) {
        return a.rearrange(lanes).blend(b.rearrange(lanes), HIGH);
    }

    /** Lane-wise: {@code later} where it is strictly greater than {@code m}, else {@code m}. */
    private static FloatVector laterIfGreater(FloatVector m, FloatVector later) {
        return m.blend(later, later.compare(VectorOperators.GT, m));
    }

    /** Lane i of the result: a[2i] + a[2i+1] for i &lt; lanes/2, else b[2i − lanes] + b[2i − lanes + 1]. */
    private static FloatVector pairSums(FloatVector a, FloatVector b) {
        FloatVector low = a.rearrange(EVEN).add(a.rearrange(ODD));
        FloatVector high = b.rearrange(EVEN).add(b.rearrange(ODD));
        return low.blend(high, HIGH);
    }

    /** LANES gradients dy[at..]·¼, each written to its 2×2 window: columns c.. of dx rows r0 and r1. */
    private static void spreadQuarters(float[] dy, int at, FloatVector quarter, float[] dx, int r0, int r1, int c) {
        FloatVector g = FloatVector.fromArray(SPECIES, dy, at).mul(quarter);
        FloatVector low = g.rearrange(DUP_LOW), high = g.rearrange(DUP_HIGH);
        low.intoArray(dx, r0 + c);
        high.intoArray(dx, r0 + c + LANES);
        low.intoArray(dx, r1 + c);
        high.intoArray(dx, r1 + c + LANES);
    }

    @Override
    public void avg2Backward(float[] dy, int h, int w, float[] dx, int from, int to) {
        int outH = h / 2, outW = w / 2, used = 2 * outW, dxEnd = to * h * w;
        FloatVector quarter = FloatVector.broadcast(SPECIES, 0.25f);
        for (int q = from; q < to; q++) {
            for (int oy = 0; oy < outH; oy++) {
                int r0 = (q * h + 2 * oy) * w, r1 = r0 + w, o = (q * outH + oy) * outW;
                int full = outW - outW % LANES;
                if (full < outW) {
                    // The row end first: stores past it land in row r1 (before the full vectors below
                    // overwrite it, or before r1's own row end does) or in the next row pair; at the ends
                    // of dy and of this range the scalar twin writes the row end instead.
                    if (o + full + LANES <= dy.length && r1 + 2 * full + 2 * LANES <= dxEnd) {
                        spreadQuarters(dy, o + full, quarter, dx, r0, r1, 2 * full);
                    } else {
                        ScalarPool.avg2BackwardColumns(dy, o, dx, r0, r1, full, outW);
                    }
                }
                for (int ox = 0; ox < full; ox += LANES) spreadQuarters(dy, o + ox, quarter, dx, r0, r1, 2 * ox);
                if (used < w) {
                    dx[r0 + used] = 0f;
                    dx[r1 + used] = 0f;
                }
            }
            if (2 * outH < h) java.util.Arrays.fill(dx, (q * h + h - 1) * w, (q + 1) * h * w, 0f);
        }
    }
}
