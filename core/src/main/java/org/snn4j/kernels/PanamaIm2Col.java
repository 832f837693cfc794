package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API bodies of {@link Im2Col#row} and {@link Im2Col#col2im} for the common case of a stride-1 convolution whose output
 * is as large as its input ("same" padding, {@code outH·outW == h·w}): per image, a column-matrix row
 * is the channel plane shifted by {@code dy·w + dx}, with the positions whose source falls outside the
 * image set to 0. Which positions those are depends only on the tap, so {@link #insideMasks} computes
 * them once per call; a row is then one masked-blend copy per vector, instead of the scalar path's copy,
 * fills and per-output-row edge loops (which took as long as the GEMM's packing of the result for W1's
 * second convolution). Values are only moved, so the result equals {@link Im2Col#row}'s exactly. Other
 * geometries get {@link Im2Col#row} itself (the scalar twin, {@link ScalarIm2Col}, uses it for all).
 *
 * <p>Writes up to {@code LANES − 1} elements past the row's end (zeros or copies that the caller
 * overwrites with the next image or row), so the output needs that much slack.
 */
final class PanamaIm2Col implements Im2ColKernel {
    private static final VectorSpecies<Float> S = VectorConstants.FLOATS;
    private static final int LANES = S.length();

    /** True when {@link #row} runs the vector body for geometry {@code g}. */
    static boolean serves(ConvGeometry g) {
        return g.strideH() == 1 && g.strideW() == 1 && g.outH() == g.h() && g.outW() == g.w();
    }

    @Override
    public int slack() {
        return LANES;
    }

    /**
     * Per tap {@code ki·kw + kj}: whether output position p reads inside the image, for p below the plane
     * size rounded up to whole vectors (false past the plane); null for a geometry this class does not
     * {@link #serves serve}.
     */
    @Override
    public boolean[][] insideMasks(ConvGeometry g) {
        if (!serves(g)) return null;
        int h = g.h(), w = g.w(), plane = h * w, padded = Math.ceilDiv(plane, LANES) * LANES;
        boolean[][] inside = new boolean[g.kh() * g.kw()][padded];
        for (int ki = 0; ki < g.kh(); ki++) {
            for (int kj = 0; kj < g.kw(); kj++) {
                int dy = ki - g.padH(), dx = kj - g.padW();
                boolean[] m = inside[ki * g.kw() + kj];
                for (int p = 0; p < plane; p++) {
                    int iy = p / w + dy, ix = p % w + dx;
                    m[p] = iy >= 0 && iy < h && ix >= 0 && ix < w;
                }
            }
        }
        return inside;
    }

    /** The vector rows for a geometry this class {@link #serves} ({@code inside} not null), else {@link Im2Col#row}. */
    @Override
    public void row(ConvGeometry g, float[] x, int i0, int b, int r, boolean[][] inside, float[] out, int off) {
        if (inside == null) {
            Im2Col.row(g, x, i0, b, r, out, off);
            return;
        }
        int c = g.c(), h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), plane = h * w;
        int kj = r % kw, ki = r / kw % kh, ci = r / (kw * kh);
        int shift = (ki - g.padH()) * w + (kj - g.padW());
        boolean[] valid = inside[ki * kw + kj];
        FloatVector zero = FloatVector.zero(S);
        for (int bi = 0; bi < b; bi++) {
            int src = ((i0 + bi) * c + ci) * plane + shift, dst = off + bi * plane;
            for (int p = 0; p < plane; p += LANES) {
                if (src + p >= 0 && src + p + LANES <= x.length) {
                    zero.blend(FloatVector.fromArray(S, x, src + p), VectorMask.fromArray(S, valid, p)).intoArray(out, dst + p);
                } else {
                    for (int q = p; q < p + LANES; q++) out[dst + q] = valid[q] ? x[src + q] : 0f;
                }
            }
        }
    }

    /**
     * The vector fold for a geometry this class {@link #serves} ({@code inside} not null), else {@link Im2Col#col2im}.
     * Per image, channel and tap, the output rows whose source row lies in the image form one span of the column
     * row, added to the channel plane shifted by {@code dy·w + dx} with plain vector adds, as
     * {@link Im2Col#row}'s {@code sameRow} copies it. The span's |dx| edge columns per row read the padding: they
     * are set to 0 in {@code dcol} first (scratch) and added as +0, which leaves a pixel's bits as they are (a sum
     * that starts at +0 is never −0), or clipped where the span leaves the plane. Each pixel receives its taps in
     * the scalar fold's order, so the bits are {@link Im2Col#col2im}'s. 1.42× faster than it with a blend per
     * vector instead of the zeroed edges; see docs/BENCHMARKS.md for this form.
     */
    @Override
    public void col2im(ConvGeometry g, float[] dcol, int i0, int b, boolean[][] inside, float[] dx) {
        if (inside == null) {
            Im2Col.col2im(g, dcol, i0, b, dx);
            return;
        }
        int c = g.c(), h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), plane = h * w, ld = b * plane;
        int lo = i0 * c * plane;
        java.util.Arrays.fill(dx, lo, (i0 + b) * c * plane, 0f);
        for (int bi = 0; bi < b; bi++) {
            for (int ci = 0; ci < c; ci++) {
                int channel = lo + (bi * c + ci) * plane;
                for (int ki = 0; ki < kh; ki++) {
                    int dy = ki - g.padH(), oyLo = Math.max(0, -dy), oyHi = Math.min(h, h - dy);
                    for (int kj = 0; kj < kw && oyLo < oyHi; kj++) {
                        int dxs = kj - g.padW(), shift = dy * w + dxs, dst = channel + shift;
                        int src = ((ci * kh + ki) * kw + kj) * ld + bi * plane;
                        for (int oy = oyLo; oy < oyHi; oy++) {
                            int at = src + oy * w;
                            for (int ox = 0; ox < Math.min(-dxs, w); ox++) dcol[at + ox] = 0f;
                            for (int ox = Math.max(0, w - dxs); ox < w; ox++) dcol[at + ox] = 0f;
                        }
                        int q = Math.max(oyLo * w, -shift), qHi = Math.min(oyHi * w, plane - shift);
                        for (; q + LANES <= qHi; q += LANES) {
                            FloatVector.fromArray(S, dx, dst + q).add(FloatVector.fromArray(S, dcol, src + q)).intoArray(dx, dst + q);
                        }
                        for (; q < qHi; q++) dx[dst + q] += dcol[src + q];
                    }
                }
            }
        }
    }
}
