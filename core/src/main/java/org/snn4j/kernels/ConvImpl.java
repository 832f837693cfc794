package org.snn4j.kernels;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bodies behind {@link Conv2dKernels} (trust their arguments). Each call splits the batch into
 * chunks of {@link Conv2dKernels#imagesPerChunk} images. The weight gradient gives the chunks to one
 * contiguous run per slot, which owns its partial gradient (summed in slot order); forward and
 * backward-data, whose every image writes its own outputs, deal the chunks out to whichever thread is free
 * ({@link Parallel#forPieces}). The column and staging buffers are per-thread and reused across calls (a
 * chunk runs on one thread and never nests): for the second W1 convolution they are 1.4 to 2.7 MB per call,
 * which allocation would zero, an extra pass over memory, and then leave to the garbage collector.
 *
 * <p>A chunk of b images is one GEMM of width b·P. Its output is {@code [outC, b·P]}, i.e. channel
 * major across the chunk, so for b > 1 it is staged and scattered into NCHW (and dY gathered the
 * other way: backward-data packs it into the GEMM's panels as it gathers, {@link #byColumns}); for
 * b = 1 the GEMM reads and writes the NCHW arrays directly.
 *
 * <p>Three shortcuts: a 1×1 stride-1 unpadded convolution uses the image itself as its column matrix,
 * and backward-data at stride 1 with at least as many input as output channels runs as the forward
 * convolution of dy with the flipped, transposed kernel (an im2col of dy instead of a col2im; measured
 * 9 against 20 ms for N = 64, C = 64, 32×32, 3×3).
 * A weight gradient whose patch has fewer rows than a GEMM panel has columns (W1's first convolution: 9) is
 * one dot product per weight and image ({@link #dots}), within a few float roundings of the GEMM's sum.
 */
final class ConvImpl {
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    private static final PackedGemm GEMM = KernelProvider.get().gemm();
    /** Where column rows come from: {@link PanamaIm2Col} or its scalar twin. */
    private static final Im2ColKernel IM2COL = KernelProvider.get().im2col();
    /** Row-buffer slack for {@link #IM2COL}'s writes past a row's end. */
    private static final int SLACK = IM2COL.slack();

    private ConvImpl() {}

    /** One thread's column and staging buffers, grown on demand; contents are scratch (always overwritten). */
    private static final class Buffers {
        private float[] col = new float[0], stage = new float[0], packed = new float[0], row = new float[0];

        float[] col(int size) {
            if (col.length < size) col = new float[size];
            return col;
        }

        /**
         * The column matrix of a chunk as a packed GEMM operand, filled row by row through a row buffer;
         * {@code inside}: {@link Im2ColKernel#insideMasks} of g.
         */
        PackedB packedColumns(ConvGeometry g, float[] x, int i0, int b, boolean[][] inside) {
            int k = g.patch(), width = b * g.outPlane();
            int size = PackedB.size(GEMM, k, width);
            if (packed.length < size) packed = new float[size];
            if (row.length < width + SLACK) row = new float[width + SLACK];
            PackedB columns = new PackedB(GEMM, k, width, packed);
            for (int r = 0; r < k; r++) {
                IM2COL.row(g, x, i0, b, r, inside, row, 0);
                columns.row(r, row, 0);
            }
            return columns;
        }

        /**
         * Images [i0, i0 + b) of {@code dy} ({@code [n, outC, plane]}) as the {@code [outC, b·plane]} B operand of a
         * GEMM, packed row by row: each row gathered from the b images into the row buffer, then packed.
         */
        PackedB packedGradients(float[] dy, int i0, int b, int outC, int plane) {
            int width = b * plane;
            int size = PackedB.size(GEMM, outC, width);
            if (packed.length < size) packed = new float[size];
            if (row.length < width + SLACK) row = new float[width + SLACK];
            PackedB rows = new PackedB(GEMM, outC, width, packed);
            for (int o = 0; o < outC; o++) {
                if (b == 1) {
                    rows.row(o, dy, (i0 * outC + o) * plane);
                    continue;
                }
                for (int bi = 0; bi < b; bi++) System.arraycopy(dy, ((i0 + bi) * outC + o) * plane, row, bi * plane, plane);
                rows.row(o, row, 0);
            }
            return rows;
        }

        float[] stage(int size) {
            if (stage.length < size) stage = new float[size];
            return stage;
        }
    }

    /** The images [firstImage, endImage) one slot handles, in chunks of {@code chunk} images. */
    @FunctionalInterface
    private interface SlotBody {
        void run(int slot, int firstImage, int endImage, int chunk);
    }

    /** The images [firstImage, endImage) of one piece of a call, in chunks of {@code chunk} images. */
    @FunctionalInterface
    private interface ChunkBody {
        void run(int firstImage, int endImage, int chunk);
    }

    /**
     * Runs {@code body} over the images in pieces of one chunk each, dealt out to whichever thread is free (a
     * chunk's work depends on its zeros, which the GEMM skips, and a batch's time steps differ in their spikes):
     * for the passes whose every image writes its own outputs, not for the weight gradient's partial sums.
     */
    private static void forChunks(ConvGeometry g, int chunk, ChunkBody body) {
        Parallel.forPieces(g.n(), chunk, () -> (first, end) -> body.run(first, end, chunk));
    }

    /** Runs {@code body} once per slot, in parallel; returns the number of slots used. */
    private static int forSlots(ConvGeometry g, int threads, SlotBody body) {
        int n = g.n(), chunk = Conv2dKernels.imagesPerChunk(g, threads);
        if (n == 0) return 0;
        int chunks = (n + chunk - 1) / chunk;
        int slots = Math.min(threads, chunks);
        Parallel.forRange(slots, 1, (from, to) -> {
            for (int s = from; s < to; s++) {
                int first = chunks * s / slots * chunk;
                int end = Math.min(n, chunks * (s + 1) / slots * chunk);
                body.run(s, first, end, chunk);
            }
        });
        return slots;
    }

    /**
     * y = conv(x); returns whether all of y is finite, each image's output scanned as soon as it is written
     * (while it is in cache), so the caller's NaN guard need not read y again.
     */
    static boolean forward(ConvGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        int outC = g.outC(), plane = g.outPlane(), k = g.patch(), image = outC * plane;
        boolean[][] inside = IM2COL.insideMasks(g);
        AtomicBoolean finite = new AtomicBoolean(true);
        forChunks(g, Conv2dKernels.imagesPerChunk(g, Parallel.threads()), (first, end, chunk) -> {
            Buffers buffers = BUFFERS.get();
            float[] stage = chunk > 1 ? buffers.stage(outC * chunk * plane) : null;
            for (int i0 = first; i0 < end; i0 += chunk) {
                int b = Math.min(chunk, end - i0), width = b * plane;
                if (b == 1 && pointwise(g)) {
                    int yOff = i0 * outC * plane;
                    Gemm.sgemm(false, false, outC, plane, k, 1f, weight, 0, k, x, i0 * k * plane, plane, 0f, y, yOff, plane);
                    if (bias != null) addBias(y, yOff, bias, outC, plane);
                    scan(y, yOff, image, finite);
                    continue;
                }
                PackedB columns = buffers.packedColumns(g, x, i0, b, inside);
                if (b == 1) {
                    int yOff = i0 * outC * plane;
                    GEMM.sgemm(outC, weight, 0, k, columns, y, yOff, plane);
                    if (bias != null) addBias(y, yOff, bias, outC, plane);
                    scan(y, yOff, image, finite);
                    continue;
                }
                GEMM.sgemm(outC, weight, 0, k, columns, stage, 0, width);
                for (int bi = 0; bi < b; bi++) {
                    for (int o = 0; o < outC; o++) {
                        int src = o * width + bi * plane, dst = ((i0 + bi) * outC + o) * plane;
                        float add = bias == null ? 0f : bias[o];
                        for (int p = 0; p < plane; p++) y[dst + p] = stage[src + p] + add;
                    }
                    scan(y, (i0 + bi) * image, image, finite);
                }
            }
        });
        return finite.get();
    }

    /** Clears {@code finite} if {@code a[off, off + n)} holds a NaN or ±∞ (not scanned once one was found). */
    private static void scan(float[] a, int off, int n, AtomicBoolean finite) {
        if (finite.get() && !Reductions.finite(a, off, n)) finite.set(false);
    }

    /** dx from dy; returns whether all of dx is finite (each chunk scanned as it is written). */
    static boolean backwardData(ConvGeometry g, float[] dy, float[] weight, float[] dx) {
        if (g.strideH() == 1 && g.strideW() == 1 && g.padH() < g.kh() && g.padW() < g.kw() && g.c() >= g.outC()) {
            // Stride 1: dx is the forward convolution of dy, padded by k − 1 − p, with the kernel flipped
            // and its channel axes swapped. An im2col of dy costs less than a col2im (scattered adds) when
            // both have as many rows (C ≥ outC); with fewer input channels the col2im has fewer rows than
            // the im2col of dy (W1's conv2, 32 → 64: 30 against 35 ms at 2 threads for 512 images).
            ConvGeometry t = new ConvGeometry(g.n(), g.outC(), g.outH(), g.outW(), g.c(), g.kh(), g.kw(), 1, 1,
                    g.kh() - 1 - g.padH(), g.kw() - 1 - g.padW());
            return forward(t, dy, flippedTranspose(g, weight), null, dx);
        }
        return byColumns(g, dy, weight, dx, Conv2dKernels.imagesPerChunk(g, Parallel.threads()));
    }

    /**
     * dx = col2im(Wᵀ · dY) in chunks of {@code chunk} images: Wᵀ transposed once per call (not packed transposed,
     * element by element, for every chunk and column block), dY packed straight into GEMM panels one row at a
     * time through a row buffer (not gathered into a staging matrix that the GEMM then packs). The GEMM's
     * operands are the same numbers in the same panels, so dx is bit for bit the same. Returns whether all of dx
     * is finite, each chunk's images scanned right after their col2im.
     */
    static boolean byColumns(ConvGeometry g, float[] dy, float[] weight, float[] dx, int chunkImages) {
        int outC = g.outC(), plane = g.outPlane(), k = g.patch(), image = g.c() * g.h() * g.w();
        boolean[][] inside = IM2COL.insideMasks(g);
        AtomicBoolean finite = new AtomicBoolean(true);
        float[] transposed = transpose(weight, outC, k);
        forChunks(g, chunkImages, (first, end, chunk) -> {
            Buffers buffers = BUFFERS.get();
            float[] dcol = buffers.col(k * chunk * plane);
            for (int i0 = first; i0 < end; i0 += chunk) {
                int b = Math.min(chunk, end - i0);
                PackedB gradients = buffers.packedGradients(dy, i0, b, outC, plane);
                GEMM.sgemm(k, transposed, 0, outC, gradients, dcol, 0, b * plane);
                IM2COL.col2im(g, dcol, i0, b, inside, dx);
                scan(dx, i0 * image, b * image, finite);
            }
        });
        return finite.get();
    }

    /** The {@code [cols, rows]} transpose of the row-major {@code [rows, cols]} matrix {@code a}. */
    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        Parallel.forRange(cols, Parallel.grainFor(rows), (c0, c1) -> {    // rows of t: each thread writes its own
            for (int r = 0; r < rows; r++) {
                for (int c = c0; c < c1; c++) t[c * rows + r] = a[r * cols + c];
            }
        });
        return t;
    }

    static void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias) {
        int outC = g.outC(), plane = g.outPlane(), k = g.patch();
        int threads = Parallel.threads();
        float[][] partialW = new float[threads][];
        float[][] partialB = new float[threads][];
        boolean[][] inside = IM2COL.insideMasks(g);
        boolean byDots = k < GEMM.nr() && !pointwise(g);
        if (byDots) {
            byDots(g, x, dy, dWeight, dBias, inside);
            return;
        }
        int slots = forSlots(g, threads, (slot, first, end, chunk) -> {
            Buffers buffers = BUFFERS.get();
            float[] col = chunk == 1 && pointwise(g) ? null : buffers.col(k * chunk * plane + SLACK);
            float[] stage = chunk > 1 ? buffers.stage(outC * chunk * plane) : null;
            // Slot 0 accumulates straight into the caller's arrays; the others into partials summed below.
            float[] dw = slot == 0 ? dWeight : new float[outC * k];
            float[] db = dBias == null ? null : slot == 0 ? dBias : new float[outC];
            partialW[slot] = dw;
            partialB[slot] = db;
            for (int i0 = first; i0 < end; i0 += chunk) {
                int b = Math.min(chunk, end - i0), width = b * plane;
                boolean direct = b == 1 && pointwise(g);
                if (!direct) for (int r = 0; r < k; r++) IM2COL.row(g, x, i0, b, r, inside, col, r * width);
                float[] a = dy;
                int aOff = i0 * outC * plane;
                if (b > 1) {
                    gather(dy, i0, b, outC, plane, stage);
                    a = stage;
                    aOff = 0;
                }
                Gemm.sgemm(false, true, outC, k, width, 1f, a, aOff, width, direct ? x : col, direct ? i0 * k * plane : 0,
                        width, 1f, dw, 0, k);
                if (db != null) biasSums(dy, i0, b, 0, outC, outC, plane, db);
            }
        });
        for (int s = 1; s < slots; s++) {
            add(partialW[s], dWeight);
            if (dBias != null) add(partialB[s], dBias);
        }
    }

    /**
     * dW += Σ over images [i0, i0 + b) of dY[image] · col(x[image])ᵀ as one dot product per weight
     * ({@link Im2ColKernel#accumulateDots}), for a patch of fewer rows than a GEMM panel has columns (W1's first
     * convolution: 9): there every GEMM tile was an edge tile, and the GEMM's operands were copied three times
     * (dY gathered, dY packed, the columns packed) for 9 multiply-adds per dY value. Here dY is read once, and
     * one image's column rows (9 × 784 floats for W1) stay in L1.
     */
    private static void dots(ConvGeometry g, float[] x, float[] dy, int i0, int b, int o0, int o1, boolean[][] inside, float[] col,
                             float[] partial, float[] dw) {
        int outC = g.outC(), plane = g.outPlane(), k = g.patch();
        for (int i = i0; i < i0 + b; i++) {
            for (int r = 0; r < k; r++) IM2COL.row(g, x, i, 1, r, inside, col, r * plane);
            for (int o = o0; o < o1; o++) IM2COL.accumulateDots(dy, (i * outC + o) * plane, col, plane, k, plane, partial, dw, o * k);
        }
    }

    /**
     * The weight gradient by {@link #dots}, the output channels split over the threads: each thread adds its channels'
     * dots of every image, in image order, and their bias sums in the chunks of one thread, straight into dW and dB,
     * so the bits do not depend on the thread count (the column rows of an image, 9 or 27 × its plane, are built
     * by every thread: W5's first convolution, 3 → 32 channels on 32 × 32, splitting the images changed its weight
     * gradient, and with it the whole training run, between 1 and 2 threads).
     */
    private static void byDots(ConvGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias, boolean[][] inside) {
        int outC = g.outC(), plane = g.outPlane(), chunk = Conv2dKernels.imagesPerChunk(g, 1);
        Parallel.forRange(outC, 1, (o0, o1) -> {
            float[] col = BUFFERS.get().col(g.patch() * plane + SLACK), partial = new float[Im2Col.CHAINS];
            for (int i0 = 0; i0 < g.n(); i0 += chunk) {
                int b = Math.min(chunk, g.n() - i0);
                dots(g, x, dy, i0, b, o0, o1, inside, col, partial, dWeight);
                if (dBias != null) biasSums(dy, i0, b, o0, o1, outC, plane, dBias);
            }
        });
    }

    /** db[o] += Σ over images [i0, i0 + b) and positions of dy[image, o] for o in [o0, o1) (a double sum per channel). */
    private static void biasSums(float[] dy, int i0, int b, int o0, int o1, int outC, int plane, float[] db) {
        for (int o = o0; o < o1; o++) {
            double sum = 0;
            for (int bi = 0; bi < b; bi++) sum += sum(dy, ((i0 + bi) * outC + o) * plane, plane);
            db[o] += (float) sum;
        }
    }

    /** A 1×1 kernel with stride 1 and no padding: the column matrix of one image is the image itself. */
    private static boolean pointwise(ConvGeometry g) {
        return g.kh() == 1 && g.kw() == 1 && g.strideH() == 1 && g.strideW() == 1 && g.padH() == 0 && g.padW() == 0;
    }

    /** W'[c, o, ki, kj] = W[o, c, kh − 1 − ki, kw − 1 − kj]: the kernel of the transposed convolution. */
    private static float[] flippedTranspose(ConvGeometry g, float[] weight) {
        int outC = g.outC(), c = g.c(), kh = g.kh(), kw = g.kw(), taps = kh * kw;
        float[] t = new float[weight.length];
        Parallel.forRange(c, Parallel.grainFor(outC * taps), (c0, c1) -> {    // rows of t: each thread writes its own
            for (int o = 0; o < outC; o++) {
                for (int ci = c0; ci < c1; ci++) {
                    int src = (o * c + ci) * taps, dst = (ci * outC + o) * taps;
                    for (int tap = 0; tap < taps; tap++) t[dst + tap] = weight[src + taps - 1 - tap];
                }
            }
        });
        return t;
    }

    /** stage[o, bi·P + p] = dy[i0 + bi, o, p]: a chunk of NCHW gradients laid out as one GEMM operand. */
    private static void gather(float[] dy, int i0, int b, int outC, int plane, float[] stage) {
        int width = b * plane;
        for (int bi = 0; bi < b; bi++) {
            for (int o = 0; o < outC; o++) {
                System.arraycopy(dy, ((i0 + bi) * outC + o) * plane, stage, o * width + bi * plane, plane);
            }
        }
    }

    /** Σ a[off .. off + len) in double, four accumulators so the adds do not wait on each other. */
    private static double sum(float[] a, int off, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = off, end = off + len;
        for (; i + 3 < end; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < end; i++) s0 += a[i];
        return (s0 + s1) + (s2 + s3);
    }

    private static void addBias(float[] y, int off, float[] bias, int outC, int plane) {
        for (int o = 0; o < outC; o++) {
            float v = bias[o];
            int row = off + o * plane;
            for (int p = 0; p < plane; p++) y[row + p] += v;
        }
    }

    private static void add(float[] src, float[] dst) {
        for (int i = 0; i < dst.length; i++) dst[i] += src[i];
    }
}
