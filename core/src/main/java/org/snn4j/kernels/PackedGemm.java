package org.snn4j.kernels;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The blocked GEMM driver around one {@link GemmMicroKernel}:
 * {@code C = alpha · op(A) · op(B) + beta · C} on row-major arrays, arguments as in {@link Gemm#sgemm}.
 *
 * <p>Loop nest (BLIS order): columns of C in blocks of NC, k in blocks of KC (pack op(B) block KC×NC,
 * kept in L2/L3), rows in blocks of MC (pack op(A) block MC×KC), then MR-row micro-panels of A (stay in
 * L1) against NR-column micro-panels of B. The first k block applies beta, later ones accumulate (beta 1).
 * Tiles cut by the edge of C are computed into a scratch tile and merged with the same store formula.
 *
 * <p>Zero operands are skipped: a spiking network's output gradients are often exactly zero wherever the
 * surrogate derivative is (W5, issue 27: every convolution's dY in a network whose deep layers are silent),
 * and its backward GEMMs then multiply zeros. A k block whose rows of op(A) are all ±0, a packed B block or
 * a packed A or B micro-panel that is all ±0 runs no kernel; the tiles it would have written get the
 * store formula with the sum +0, which is the kernel's exact sum when the other operand is finite (every
 * product is ±0 and the sum starts at +0), so results are bit-identical. If the other operand holds
 * NaN or ±Inf where this one is zero, the kernel would have summed NaN (0 · Inf); skipped, the tile gets
 * beta·C + alpha·(+0) instead: a zero gradient times a non-finite activation counts as zero. The test
 * costs one vector compare per 16 floats of packed data and stops at the first nonzero: about 1/M of a
 * dense B block's multiply, 1/N of a dense A block's.
 *
 * <p>Threads: the larger of the two panel counts (N in NR panels, M in MR panels) is split into
 * contiguous ranges with {@link Parallel#forRange}; each range runs the whole nest with its own pack
 * buffers, which live in a per-thread workspace reused across calls. Trusts its arguments.
 * A, B: read. C: written (beta = 0) or accumulated into.
 */
final class PackedGemm {
    /** Depth of a k block: an MR×KC A micro-panel stays in L1. */
    static final int KC = 256;
    /** Rows of a packed A block. */
    static final int MC = 192;
    /** Columns of a packed B block: KC×NC floats fit in L2. */
    static final int NC = 768;
    /** Below this many flops (2·M·N·K) one thread does everything. */
    static final double PARALLEL_MIN_FLOPS = 4e6;

    private final GemmMicroKernel kernel;
    private final int mr, nr, kc, mc, nc;
    private final ThreadLocal<Workspace> workspaces;
    /** Whether zero operands are skipped (see the class comment); off only to measure and test the skipping. */
    private final boolean skipZeros;

    /** The driver with the default blocks {@link #KC}, {@link #MC}, {@link #NC}. */
    PackedGemm(GemmMicroKernel kernel) {
        this(kernel, KC, MC, NC, true);
    }

    /** The driver with other blocks (tests use small ones); mc and nc are rounded up to MR and NR. */
    PackedGemm(GemmMicroKernel kernel, int kc, int mc, int nc) {
        this(kernel, kc, mc, nc, true);
    }

    /** As {@link #PackedGemm(GemmMicroKernel, int, int, int)}, skipping zero operands or not. */
    PackedGemm(GemmMicroKernel kernel, int kc, int mc, int nc, boolean skipZeros) {
        this.kernel = kernel;
        this.skipZeros = skipZeros;
        this.mr = kernel.mr();
        this.nr = kernel.nr();
        this.kc = kc;
        this.mc = Math.ceilDiv(mc, mr) * mr;
        this.nc = Math.ceilDiv(nc, nr) * nr;
        this.workspaces = ThreadLocal.withInitial(() -> new Workspace(mr * nr));
    }

    /** Same contract as {@link Gemm#sgemm}, arguments already checked. */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc) {
        run(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, null, beta, c, cOff, ldc, false);
    }

    /**
     * As {@link #sgemm(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int, float, float[],
     * int, int)}, also scanning C for NaN and ±∞ block by block as it is finished (an MC×NC block, in L2):
     * returns whether all of C is finite, without a separate pass over it.
     */
    boolean sgemmFinite(boolean transA, boolean transB, int m, int n, int k, float alpha,
                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float beta, float[] c, int cOff, int ldc) {
        return run(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, null, beta, c, cOff, ldc, true);
    }

    /** {@code C = A · B} with B packed ahead by {@code b} (alpha 1, beta 0, A not transposed). */
    void sgemm(int m, float[] a, int aOff, int lda, PackedB b, float[] c, int cOff, int ldc) {
        run(false, false, m, b.n(), b.k(), 1f, a, aOff, lda, null, 0, 0, b, 0f, c, cOff, ldc, false);
    }

    /** Columns of op(B) rounded up to whole NR panels: the row length of a packed k block. */
    int paddedColumns(int n) {
        return Math.ceilDiv(n, nr) * nr;
    }

    /** Rows of op(B) per k block for depth k (see {@link #kStep(int, int)}). */
    int kStep(int k) {
        return kStep(k, kc);
    }

    /** Whether {@code x[off .. off + len)} is all ±0, by this kernel's zero test (the one the driver skips by). */
    boolean allZero(float[] x, int off, int len) {
        return kernel.allZero(x, off, len);
    }

    /** Columns of a packed B panel. */
    int nr() {
        return nr;
    }

    /** Packs one row of op(B) with this kernel's packer (see {@link GemmMicroKernel#packBRow}). */
    void packBRow(float[] src, int srcOff, int n, float[] dst, int dstOff, int panelStride) {
        kernel.packBRow(src, srcOff, n, dst, dstOff, panelStride);
    }

    /** The GEMM; with {@code scan}, returns whether C is all finite (else true). */
    private boolean run(boolean transA, boolean transB, int m, int n, int k, float alpha,
                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb, PackedB packed,
                        float beta, float[] c, int cOff, int ldc, boolean scan) {
        if (m == 0 || n == 0) return true;
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return !scan || Reductions.finite(c, cOff, m, n, ldc);
        }
        int mPanels = Math.ceilDiv(m, mr), nPanels = Math.ceilDiv(n, nr);
        boolean splitN = nPanels >= mPanels;
        int panels = splitN ? nPanels : mPanels;
        int grain = 2.0 * m * n * k < PARALLEL_MIN_FLOPS ? panels : 1;
        AtomicBoolean finite = new AtomicBoolean(true);
        Parallel.forRange(panels, grain, (from, to) -> {
            boolean ok = splitN
                    ? blocked(transA, transB, 0, m, from * nr, Math.min(n, to * nr), k, alpha,
                            a, aOff, lda, b, bOff, ldb, packed, beta, c, cOff, ldc, scan)
                    : blocked(transA, transB, from * mr, Math.min(m, to * mr), 0, n, k, alpha,
                            a, aOff, lda, b, bOff, ldb, packed, beta, c, cOff, ldc, scan);
            if (!ok) finite.set(false);
        });
        return finite.get();
    }

    /**
     * The serial loop nest over rows [i0, i1) and columns [j0, j1) of C; B packed here unless {@code packed}.
     * Zero operands are skipped (see the class comment): a k block whose op(A) rows are all zero packs
     * nothing, a zero packed B block packs no A, and a tile whose A or B micro-panel is zero runs no kernel;
     * each stores what the kernel would, {@link #storeZero}. After the first k block that store keeps C as it is
     * ({@code zeroKeeps}), so it is left out: it is {@code fma(+0, alpha, c)}, which for a finite alpha changes c
     * only if c is −0 and alpha·(+0) is +0, and no store formula of the first block leaves a −0 when alpha &gt; 0 (the
     * kernel's sum from +0 is never −0, so alpha·sum is not, nor is fma(sum, alpha, x), nor +0 + x). W5 (issue 27):
     * the backward-data GEMMs of 5 and 9 k blocks stored their zero tiles 5 and 9 times, 3 % of training.
     * With {@code scan}, each block of C is scanned for NaN and ±∞ right after its last k block (returns whether
     * all were finite; true without scan).
     */
    private boolean blocked(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb, PackedB packed,
                            float beta, float[] c, int cOff, int ldc, boolean scan) {
        Workspace w = workspaces.get();
        boolean finite = true;
        for (int jc = j0; jc < j1; jc += nc) {
            int nb = Math.min(nc, j1 - jc);
            int kStep = kStep(k, kc);
            for (int pc = 0; pc < k; pc += kStep) {
                int kb = Math.min(kStep, k - pc);
                float betaK = pc == 0 ? beta : 1f;
                boolean zeroKeeps = pc > 0 && Float.isFinite(alpha), last = scan && pc + kb == k;
                if (skipZeros && zeroA(transA, a, aOff, lda, i0, i1, pc, kb)) {
                    if (!zeroKeeps) storeZero(i1 - i0, nb, alpha, betaK, c, cOff + i0 * ldc + jc, ldc);
                    finite = finite && (!last || Reductions.finite(c, cOff + i0 * ldc + jc, i1 - i0, nb, ldc));
                    continue;
                }
                float[] bPack;
                int bBase;
                if (packed != null) {
                    bPack = packed.data();
                    bBase = packed.blockStart(pc, jc, kb);
                } else {
                    bPack = w.bPack(Math.ceilDiv(nb, nr) * nr * kb);
                    bBase = 0;
                    kernel.packB(transB, b, bOff, ldb, pc, kb, jc, nb, bPack);
                }
                boolean[] bLive = w.bLive(Math.ceilDiv(nb, nr));
                if (!markLive(bPack, bBase, nr * kb, bLive, Math.ceilDiv(nb, nr))) {
                    if (!zeroKeeps) storeZero(i1 - i0, nb, alpha, betaK, c, cOff + i0 * ldc + jc, ldc);
                    finite = finite && (!last || Reductions.finite(c, cOff + i0 * ldc + jc, i1 - i0, nb, ldc));
                    continue;
                }
                for (int ic = i0; ic < i1; ic += mc) {
                    int mb = Math.min(mc, i1 - ic);
                    float[] aPack = w.aPack(Math.ceilDiv(mb, mr) * mr * kb);
                    kernel.packA(transA, a, aOff, lda, ic, mb, pc, kb, aPack);
                    boolean[] aLive = w.aLive(Math.ceilDiv(mb, mr));
                    markLive(aPack, 0, mr * kb, aLive, Math.ceilDiv(mb, mr));
                    for (int ir = 0; ir < mb; ir += mr) {
                        int rows = Math.min(mr, mb - ir), aPanel = ir * kb;
                        boolean aLiveHere = aLive[ir / mr];
                        for (int jr = 0; jr < nb; jr += nr) {
                            int cols = Math.min(nr, nb - jr), bPanel = bBase + jr * kb;
                            int cAt = cOff + (ic + ir) * ldc + jc + jr;
                            if (!aLiveHere || !bLive[jr / nr]) {
                                if (!zeroKeeps) storeZero(rows, cols, alpha, betaK, c, cAt, ldc);
                            } else if (rows == mr && cols == nr) {
                                kernel.multiply(kb, aPack, aPanel, bPack, bPanel, alpha, betaK, c, cAt, ldc);
                            } else {
                                // alpha 1, beta 0 leaves the raw sums in the tile; merge applies the store formula
                                kernel.multiply(kb, aPack, aPanel, bPack, bPanel, 1f, 0f, w.tile, 0, nr);
                                merge(rows, cols, alpha, betaK, w.tile, c, cAt, ldc);
                            }
                        }
                    }
                    finite = finite && (!last || Reductions.finite(c, cOff + ic * ldc + jc, mb, nb, ldc));
                }
            }
        }
        return finite;
    }

    /** Whether op(A)[i0 .. i1)[p0 .. p0 + kb) is all (±)zero, read in the stored matrix's contiguous runs. */
    private boolean zeroA(boolean transA, float[] a, int aOff, int lda, int i0, int i1, int p0, int kb) {
        if (transA) {
            for (int p = p0; p < p0 + kb; p++) if (!kernel.allZero(a, aOff + p * lda + i0, i1 - i0)) return false;
        } else {
            for (int i = i0; i < i1; i++) if (!kernel.allZero(a, aOff + i * lda + p0, kb)) return false;
        }
        return true;
    }

    /**
     * live[q] = whether packed panel q ({@code panelSize} floats from {@code base + q·panelSize}) has a value
     * other than ±0, for q &lt; panels; returns whether any has.
     */
    private boolean markLive(float[] pack, int base, int panelSize, boolean[] live, int panels) {
        if (!skipZeros) {
            java.util.Arrays.fill(live, 0, panels, true);
            return true;
        }
        boolean any = false;
        for (int q = 0; q < panels; q++) {
            live[q] = !kernel.allZero(pack, base + q * panelSize, panelSize);
            any |= live[q];
        }
        return any;
    }

    /**
     * What a tile whose products are all zero stores: the kernel's sum from +0 of fma(±0, finite, acc) is +0,
     * so each element becomes {@code ScalarGemm.store(+0, alpha, beta, c)} (beta 0: alpha·0; else beta·c + alpha·0).
     */
    private static void storeZero(int rows, int cols, float alpha, float beta, float[] c, int cAt, int ldc) {
        for (int r = 0; r < rows; r++) {
            int row = cAt + r * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + cols, alpha * 0f);
            } else {
                for (int j = 0; j < cols; j++) c[row + j] = ScalarGemm.store(0f, alpha, beta, c[row + j]);
            }
        }
    }

    /**
     * The k block depth: k split into ⌈k / KC⌉ blocks of equal depth, rounded up to a multiple of 16
     * (the vector packer's block) unless KC is a small test block; a k up to 1.25·KC is one block. Instead of full KC blocks and a thin remainder whose tiles would
     * reload and store C for little work (K = 288 ran as 256 + 32; now as one block of 288).
     * {@link EventKernels} sums in the same blocks (with the default {@link #KC}), so its results are
     * bit-identical to a GEMM's.
     */
    static int kStep(int k, int kc) {
        if (k <= kc + kc / 4) return k;
        int blocks = Math.ceilDiv(k, kc);
        int step = Math.ceilDiv(k, blocks);
        return kc >= 64 ? Math.ceilDiv(step, 16) * 16 : step;
    }

    private void merge(int rows, int cols, float alpha, float beta, float[] tile, float[] c, int cAt, int ldc) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int at = cAt + r * ldc + j;
                c[at] = ScalarGemm.store(tile[r * nr + j], alpha, beta, c[at]);
            }
        }
    }

    /** C = beta · C (beta 0 writes zeros), for k = 0 or alpha = 0 where op(A)·op(B) is not read. */
    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) c[row + j] *= beta;
            }
        }
    }

    /** One thread's pack buffers and edge tile, grown on demand and reused across calls. */
    private static final class Workspace {
        final float[] tile;
        private float[] a = new float[0], b = new float[0];
        private boolean[] aLive = new boolean[0], bLive = new boolean[0];

        Workspace(int tileSize) {
            tile = new float[tileSize];
        }

        float[] aPack(int size) {
            if (a.length < size) a = new float[size];
            return a;
        }

        float[] bPack(int size) {
            if (b.length < size) b = new float[size];
            return b;
        }

        boolean[] aLive(int panels) {
            if (aLive.length < panels) aLive = new boolean[panels];
            return aLive;
        }

        boolean[] bLive(int panels) {
            if (bLive.length < panels) bLive = new boolean[panels];
            return bLive;
        }
    }
}
