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
     * Gathered per output vector: a pixel q of a channel plane receives, from the column row of each tap, the entry of
     * output position q − shift (shift = dy·w + dx) when that position reads q ({@link #foldMasks}); one vector of
     * pixels adds the taps' masked loads in register in the scalar fold's tap order and is stored once. A tap a pixel
     * does not receive adds +0 (masked-off lanes), which leaves its bits as they are (the sum starts at +0 and is
     * never −0), so the bits are {@link Im2Col#col2im}'s. The fold scattered instead, a read, add and write of the
     * plane per tap and scalar loops at the row edges; on W1's second convolution this is 2.0–2.1× faster than that
     * (docs/results/issue-27/BwdDataBench.java, Zen 4).
     */
    @Override
    public void col2im(ConvGeometry g, float[] dcol, int i0, int b, boolean[][] inside, float[] dx) {
        if (inside == null) {
            Im2Col.col2im(g, dcol, i0, b, dx);
            return;
        }
        int c = g.c(), w = g.w(), kw = g.kw(), taps = g.kh() * kw, plane = g.h() * w, ld = b * plane;
        int vectors = Math.ceilDiv(plane, LANES);
        long[] masks = foldMasks(g, inside);
        int[] shifts = new int[taps];
        for (int tap = 0; tap < taps; tap++) shifts[tap] = (tap / kw - g.padH()) * w + (tap % kw - g.padW());
        VectorMask<Float> last = VectorMask.fromLong(S, -1L >>> (64 - (plane - (vectors - 1) * LANES)));
        FloatVector zero = FloatVector.zero(S);
        int end = (i0 + b) * c * plane;
        for (int bi = 0; bi < b; bi++) {
            for (int ci = 0; ci < c; ci++) {
                int channel = ((i0 + bi) * c + ci) * plane, rows = ci * taps * ld + bi * plane;
                for (int v = 0; v < vectors; v++) {
                    int q = v * LANES;
                    FloatVector sum = zero;
                    for (int tap = 0; tap < taps; tap++) {
                        VectorMask<Float> reads = VectorMask.fromLong(S, masks[tap * vectors + v]);
                        sum = sum.add(FloatVector.fromArray(S, dcol, rows + tap * ld + q - shifts[tap], reads));
                    }
                    // The plane's last vector: its lanes past the plane hold +0 and land in the planes after it, which
                    // are written later; only at the end of the range (what follows may be another thread's) a
                    // masked store, which checks every lane (as slow as the rest of the fold).
                    if (v < vectors - 1 || channel + q + LANES <= end) {
                        sum.intoArray(dx, channel + q);
                    } else {
                        sum.intoArray(dx, channel + q, last);
                    }
                }
            }
        }
    }

    /**
     * Per tap and vector of a channel plane ({@code [taps][⌈plane / LANES⌉]}, lane bits): whether pixel q receives
     * the tap's column entry of output position p = q − shift, i.e. p lies in the plane and reads q
     * ({@code inside[tap][p]}); false past the plane.
     */
    private static long[] foldMasks(ConvGeometry g, boolean[][] inside) {
        int w = g.w(), kw = g.kw(), taps = g.kh() * kw, plane = g.h() * w, vectors = Math.ceilDiv(plane, LANES);
        long[] masks = new long[taps * vectors];
        for (int tap = 0; tap < taps; tap++) {
            int shift = (tap / kw - g.padH()) * w + (tap % kw - g.padW());
            for (int q = 0; q < plane; q++) {
                int p = q - shift;
                if (p >= 0 && p < plane && inside[tap][p]) masks[tap * vectors + q / LANES] |= 1L << (q % LANES);
            }
        }
        return masks;
    }

    /**
     * {@link Im2ColKernel#accumulateDots} with the chains in vector registers (four of 8 lanes or two of 16, one
     * fma per vector), the last partial group of {@link Im2Col#CHAINS} terms and the pairwise sum in
     * {@link Im2Col#addChains}; other lane counts take the scalar twin's loop.
     */
    @Override
    public void accumulateDots(float[] dy, int dyOff, float[] col, int ld, int rows, int n, float[] partial, float[] dw, int dwOff) {
        int whole = LANES == 8 || LANES == 16 ? n - n % Im2Col.CHAINS : 0;
        for (int r = 0; r < rows; r++) {
            int c = r * ld;
            if (LANES == 8) {
                FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
                for (int p = 0; p < whole; p += 32) {
                    a0 = FloatVector.fromArray(S, dy, dyOff + p).fma(FloatVector.fromArray(S, col, c + p), a0);
                    a1 = FloatVector.fromArray(S, dy, dyOff + p + 8).fma(FloatVector.fromArray(S, col, c + p + 8), a1);
                    a2 = FloatVector.fromArray(S, dy, dyOff + p + 16).fma(FloatVector.fromArray(S, col, c + p + 16), a2);
                    a3 = FloatVector.fromArray(S, dy, dyOff + p + 24).fma(FloatVector.fromArray(S, col, c + p + 24), a3);
                }
                a0.intoArray(partial, 0);
                a1.intoArray(partial, 8);
                a2.intoArray(partial, 16);
                a3.intoArray(partial, 24);
            } else if (LANES == 16) {
                FloatVector a0 = FloatVector.zero(S), a1 = a0;
                for (int p = 0; p < whole; p += 32) {
                    a0 = FloatVector.fromArray(S, dy, dyOff + p).fma(FloatVector.fromArray(S, col, c + p), a0);
                    a1 = FloatVector.fromArray(S, dy, dyOff + p + 16).fma(FloatVector.fromArray(S, col, c + p + 16), a1);
                }
                a0.intoArray(partial, 0);
                a1.intoArray(partial, 16);
            } else {
                java.util.Arrays.fill(partial, 0f);
            }
            dw[dwOff + r] += Im2Col.addChains(dy, dyOff, col, c, whole, n, partial);
        }
    }
}
