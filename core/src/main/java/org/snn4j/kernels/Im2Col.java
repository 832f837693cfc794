package org.snn4j.kernels;

import java.util.Arrays;

/**
 * Unfolds image patches into the column matrix that turns convolution into one GEMM, and folds
 * column gradients back (implementation; trusts its arguments).
 *
 * <p>For a chunk of {@code b} images starting at image {@code i0}, the column matrix has
 * {@code K = c·kh·kw} rows and {@code b·P} columns ({@code P = outH·outW}), row-major, dense:
 * <pre>
 *   col[(ci·kh + ki)·kw + kj][bi·P + oy·outW + ox] = x[i0 + bi, ci, oy·strideH − padH + ki, ox·strideW − padW + kj]
 * </pre>
 * and 0 where the source lies in the padding.
 */
final class Im2Col {
    private Im2Col() {}

    /**
     * Row {@code r = (ci·kh + ki)·kw + kj} of the column matrix of images [i0, i0 + b): its b·P values
     * written to {@code out[off ..]}.
     */
    static void row(ConvGeometry g, float[] x, int i0, int b, int r, float[] out, int off) {
        int c = g.c(), h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw();
        int outH = g.outH(), outW = g.outW(), plane = outH * outW;
        int sh = g.strideH(), sw = g.strideW(), ph = g.padH(), pw = g.padW();
        int kj = r % kw, ki = r / kw % kh, ci = r / (kw * kh);
        int oxLo = firstInside(pw - kj, sw), oxHi = endInside(w, pw - kj, sw, outW);
        for (int bi = 0; bi < b; bi++) {
            int channel = ((i0 + bi) * c + ci) * h * w, rowStart = off + bi * plane;
            if (sh == 1 && sw == 1 && outW == w) {
                sameRow(x, channel, h, w, outH, ki - ph, kj - pw, out, rowStart);
                continue;
            }
            for (int oy = 0; oy < outH; oy++) {
                int dst = rowStart + oy * outW;
                int iy = oy * sh - ph + ki;
                if (iy < 0 || iy >= h || oxLo >= oxHi) {
                    Arrays.fill(out, dst, dst + outW, 0f);
                    continue;
                }
                int src = channel + iy * w - pw + kj;   // src + ox·sw = x[.., iy, ox·sw − pw + kj]
                if (oxLo > 0) Arrays.fill(out, dst, dst + oxLo, 0f);
                if (sw == 1) {
                    System.arraycopy(x, src + oxLo, out, dst + oxLo, oxHi - oxLo);
                } else {
                    for (int ox = oxLo; ox < oxHi; ox++) out[dst + ox] = x[src + ox * sw];
                }
                if (oxHi < outW) Arrays.fill(out, dst + oxHi, dst + outW, 0f);
            }
        }
    }

    /**
     * One column-matrix row of a stride-1 convolution whose output rows are as wide as the input's
     * ({@code outW == w}): {@code col[dst + oy·w + ox] = x[channel + (oy + dy)·w + ox + dx]}, zero
     * outside the plane. The valid output rows form one contiguous span of the source, shifted by dx,
     * so one copy does them all; then the |dx| edge columns that wrapped into a neighbouring row are
     * zeroed. (One copy per row instead of one per output row: 9 instead of 15 ms for N = 64, C = 64, 32×32, 3×3.)
     */
    private static void sameRow(float[] x, int channel, int h, int w, int outH, int dy, int dx, float[] col, int dst) {
        int oyLo = Math.max(0, -dy), oyHi = Math.min(outH, h - dy);
        if (oyLo >= oyHi) {
            Arrays.fill(col, dst, dst + outH * w, 0f);
            return;
        }
        Arrays.fill(col, dst, dst + oyLo * w, 0f);
        Arrays.fill(col, dst + oyHi * w, dst + outH * w, 0f);
        int d0 = dst + oyLo * w, s0 = channel + (oyLo + dy) * w + dx, len = (oyHi - oyLo) * w;
        // The span may start or end |dx| elements outside the channel plane; those land on edge columns.
        int lo = Math.max(0, channel - s0), hi = Math.min(len, channel + h * w - s0);
        Arrays.fill(col, d0, d0 + lo, 0f);
        System.arraycopy(x, s0 + lo, col, d0 + lo, hi - lo);
        Arrays.fill(col, d0 + hi, d0 + len, 0f);
        for (int oy = oyLo; oy < oyHi; oy++) {
            int row = dst + oy * w;
            for (int ox = 0; ox < Math.min(-dx, w); ox++) col[row + ox] = 0f;
            for (int ox = Math.max(0, w - dx); ox < w; ox++) col[row + ox] = 0f;
        }
    }

    /**
     * Overwrites images [i0, i0 + b) of {@code dx} with the sum, over every column entry, of the
     * gradient it carries back to its source pixel (the adjoint of the column matrix {@link #row} builds).
     */
    static void col2im(ConvGeometry g, float[] dcol, int i0, int b, float[] dx) {
        int c = g.c(), h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw();
        int outH = g.outH(), outW = g.outW(), plane = outH * outW, ld = b * plane;
        int sh = g.strideH(), sw = g.strideW(), ph = g.padH(), pw = g.padW();
        Arrays.fill(dx, i0 * c * h * w, (i0 + b) * c * h * w, 0f);
        for (int bi = 0; bi < b; bi++) {
            int image = (i0 + bi) * c * h * w;
            for (int ci = 0; ci < c; ci++) {
                int channel = image + ci * h * w;
                for (int ki = 0; ki < kh; ki++) {
                    for (int kj = 0; kj < kw; kj++) {
                        int rowStart = ((ci * kh + ki) * kw + kj) * ld + bi * plane;
                        int oxLo = firstInside(pw - kj, sw), oxHi = endInside(w, pw - kj, sw, outW);
                        for (int oy = 0; oy < outH; oy++) {
                            int iy = oy * sh - ph + ki;
                            if (iy < 0 || iy >= h) continue;
                            int src = rowStart + oy * outW;
                            int dst = channel + iy * w - pw + kj;
                            if (sw == 1) {
                                for (int ox = oxLo; ox < oxHi; ox++) dx[dst + ox] += dcol[src + ox];
                            } else {
                                for (int ox = oxLo; ox < oxHi; ox++) dx[dst + ox * sw] += dcol[src + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Chains of fmas per sum of {@link Im2ColKernel#accumulateDots}: four vectors of 8 lanes, two of 16. */
    static final int CHAINS = 32;

    /**
     * Continues the chains of {@link Im2ColKernel#accumulateDots} over terms [from, n)
     * ({@code partial[p mod CHAINS] = fma(dy[dyOff + p], col[colOff + p], partial[p mod CHAINS])}), then adds the
     * chains pairwise (chain i + s into chain i, s = 16, 8, 4, 2, 1) and returns the sum. partial: overwritten.
     */
    static float addChains(float[] dy, int dyOff, float[] col, int colOff, int from, int n, float[] partial) {
        for (int p = from; p < n; p++) partial[p % CHAINS] = Math.fma(dy[dyOff + p], col[colOff + p], partial[p % CHAINS]);
        for (int s = CHAINS / 2; s >= 1; s /= 2) {
            for (int i = 0; i < s; i++) partial[i] += partial[i + s];
        }
        return partial[0];
    }

    /** Smallest ox ≥ 0 with ox·s − shift ≥ 0, i.e. ceil(shift / s) for shift > 0. */
    private static int firstInside(int shift, int s) {
        return shift <= 0 ? 0 : (shift + s - 1) / s;
    }

    /** One past the largest ox < outW with ox·s − shift ≤ size − 1. */
    private static int endInside(int size, int shift, int s, int outW) {
        int last = size - 1 + shift;
        return last < 0 ? 0 : Math.min(outW, last / s + 1);
    }
}
