package org.snn4j.kernels;

/**
 * A convolution's weight and bias gradients from the events of its input: what {@link Conv2dKernels#backwardWeights}
 * computes by a GEMM over every input, here with work in proportion to the non-zero inputs (spikes, pooled
 * spikes).
 *
 * <p>{@code ∂L/∂W[o, c, ki, kj] = Σ_images Σ_(iy, ix) x[c, iy, ix] · ∂L/∂y[o, oy, ox]} over the inputs that tap
 * (ki, kj) carries to output (oy, ox). A chunk of images has its output gradient laid out channel last in blocks
 * of 16 channels (one vector), {@code [block, image, frame row, 16]}, transposed in registers
 * ({@link EventKernel#toChannelsLast}). With stride 1 each image's rows sit in a frame, the output plane with a
 * margin of zero rows (kernel less one, less the padding, on each side), so that tap (ki, kj) carries every
 * input, interior or on the border, to the row of the input's own frame position plus a shift of the tap's:
 * one list of a channel's events (frame row, value) serves all taps, with no per-tap list to build, and where a
 * tap falls outside the output it reads zeros (a frame of 16 × 16 rows for a 14 × 14 plane, 9 % more products
 * than the taps that reach an output). {@link EventKernel#sumShifted} reads each event once for the nine taps of
 * a 3 × 3 kernel, nine chains of fmas into the accumulator {@code [c, ki, kj, outC]}. Blocks go outermost: one
 * block's rows of a chunk (16 kB, one image of W1's second convolution) stay in the L1 cache while the events of
 * every channel go through them, where rows of all channels came from L2 at a cache line per fma. Strided
 * convolutions, and channels with a non-finite input in the chunk (whose product with a margin's zero would be
 * NaN where the GEMM has no product at all), list per tap the events that reach an output instead. The blocks
 * are split over the threads of {@link Parallel}: each thread lists the events of every image and sums them into
 * its blocks' rows of the accumulator, which it turns into its output channels of the gradient's layout
 * {@code [outC, c, kh, kw]} ({@link EventKernel#toChannelsFirst}) and adds into the gradient. Every sum is then
 * taken in the same order whatever the thread count (splitting the images instead gave each thread a part of
 * every sum, added in thread order: the thread count changed the result, the partial accumulators were
 * allocated for every call, and a batch's later time steps, which carry more events, made one thread's part
 * cost up to a third more than the other's).
 *
 * <p>The products are those of the dense GEMM (and products of events with the margin's zeros, which add
 * exactly nothing), summed in another order, so the result differs from it by rounding only: each element of
 * either is within {@code n·u·Σ|x·∂L/∂y|} of the exact sum (n terms, u = 2⁻²⁴; Higham, Accuracy and Stability of
 * Numerical Algorithms, 2nd ed., §3.1), so the two are within twice that of each other
 * ({@code EventWeightGradientTest} checks this bound, and equality where no input is non-zero). The bias
 * gradient, {@code Σ ∂L/∂y} per channel, is summed per image in float from the transposed rows (vector lanes are
 * channels) and over images in double.
 */
public final class EventWeightGradient {
    /** Output channels per block: a vector of 16 lanes (two of 8); the accumulator rows are whole blocks. */
    private static final int BLOCK = 16;
    /** One block's rows of a chunk of images (floats): 16 kB, half a core's L1 data cache (32 kB on Zen 4). */
    private static final int CHUNK_FLOATS = 4 * 1024;
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private EventWeightGradient() {}

    /** One thread's scratch, grown on demand. */
    private static final class Buffers {
        float[] rows = new float[0], compact = new float[0], staging = new float[0], value = new float[0], eventValue = new float[0];
        float[] acc = new float[0], byChannel = new float[0];
        int[] offset = new int[0], eventIndex = new int[0], eventImage = new int[0], start = new int[0];
        boolean[] finite = new boolean[0];

        void fitSums(int accFloats, int weights) {
            if (acc.length < accFloats) acc = new float[accFloats];
            if (byChannel.length < weights) byChannel = new float[weights];
        }

        void fit(int rowFloats, int compactFloats, int events, int channels) {
            if (rows.length < rowFloats) rows = new float[rowFloats];
            if (compact.length < compactFloats) {
                compact = new float[compactFloats];
                staging = new float[compactFloats];
            }
            if (offset.length < events) {
                offset = new int[events];
                value = new float[events];
                eventIndex = new int[events];
                eventImage = new int[events];
                eventValue = new float[events];
            }
            if (start.length < channels + 1) {
                start = new int[channels + 1];
                finite = new boolean[channels];
            }
        }
    }

    /**
     * Adds the weight gradient of the convolution {@code g} into {@code dWeight}, and its bias gradient into
     * {@code dBias} (unless null), as {@link Conv2dKernels#backwardWeights} does, from the events of {@code x}.
     *
     * @param x       {@code [n, c, h, w]}; read
     * @param dy      {@code [n, outC, outH, outW]}; read
     * @param dWeight {@code [outC, c, kh, kw]}; added into
     * @param dBias   {@code [outC]}, or null; added into
     */
    public static void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias) {
        EventKernels.check("x", x, g.inputSize());
        EventKernels.check("dy", dy, g.outputSize());
        EventKernels.check("dWeight", dWeight, g.weightSize());
        if (dBias != null) EventKernels.check("dBias", dBias, g.outC());
        if (Conv2dKernels.zero(dy)) {
            // every product is zero: what the sums give (+0 added), as Conv2dKernels.backwardWeights does
            Conv2dKernels.addZero(dWeight);
            if (dBias != null) Conv2dKernels.addZero(dBias);
            return;
        }
        int outC = g.outC(), lists = g.patch();
        Parallel.forRange(Math.ceilDiv(outC, BLOCK), 1, (k0, k1) -> {
            int o0 = k0 * BLOCK, channels = Math.min(outC, k1 * BLOCK) - o0, row = (k1 - k0) * BLOCK;
            Buffers b = BUFFERS.get();
            b.fitSums(lists * row, channels * lists);
            float[] acc = b.acc;
            java.util.Arrays.fill(acc, 0, lists * row, 0f);
            double[] bias = dBias == null ? null : new double[row];
            accumulate(g, x, dy, k0, k1, acc, bias, b);
            // to the gradient's layout [outC, c·kh·kw] in register tiles, then added into this thread's rows
            EventKernels.KERNEL.toChannelsFirst(acc, row, lists, channels, null, b.byChannel, 0);
            for (int i = 0, at = o0 * lists; i < channels * lists; i++) dWeight[at + i] += b.byChannel[i];
            for (int o = 0; bias != null && o < channels; o++) dBias[o0 + o] += (float) (0.0 + bias[o]);
        });
    }

    /**
     * Where one image's output-gradient rows lie: a frame of {@code height × width} rows, output (oy, ox) at row
     * {@code (oy + top)·width + ox + left}, every other row zero. With stride 1 the frame is the input grown by
     * the kernel less one ({@code (h + kh − 1) × (w + kw − 1)}), so that tap (ki, kj) carries input (iy, ix) to
     * row {@code iy·width + ix + (kh − 1 − ki)·width + (kw − 1 − kj)}, inside the frame for every input and tap:
     * one shift per tap, zero rows where the tap falls outside the output ({@code shifted}). Otherwise (strided,
     * or padded more than the kernel less one) the frame is the output itself.
     */
    private record Frame(int height, int width, int top, int left, boolean shifted) {
        static Frame of(ConvGeometry g) {
            boolean shifted = g.strideH() == 1 && g.strideW() == 1 && g.padH() < g.kh() && g.padW() < g.kw();
            return shifted ? new Frame(g.h() + g.kh() - 1, g.w() + g.kw() - 1, g.kh() - 1 - g.padH(), g.kw() - 1 - g.padW(), true)
                    : new Frame(g.outH(), g.outW(), 0, 0, false);
        }

        int plane() {
            return height * width;
        }

        /** The frame row of output position {@code out} (oy·outW + ox). */
        int of(int out, int outW) {
            return (out / outW + top) * width + out % outW + left;
        }
    }

    /**
     * Adds into {@code acc} ({@code [c·kh·kw, row]}, row = the blocks' channels) the weight gradient of the output
     * channel blocks [k0, k1) over all images, and into {@code bias} (unless null; {@code [row]}) their bias
     * gradient, a chunk of images at a time.
     */
    private static void accumulate(ConvGeometry g, float[] x, float[] dy, int k0, int k1, float[] acc, double[] bias, Buffers b) {
        int blocks = k1 - k0, row = blocks * BLOCK, plane = g.outPlane(), n = g.n();
        int positions = g.h() * g.w(), c = g.c(), taps = g.kh() * g.kw();
        Frame f = Frame.of(g);
        int image = f.plane() * BLOCK;    // floats of one block of one image's frame
        int chunk = Math.max(1, Math.min(n, CHUNK_FLOATS / image)), blockFloats = chunk * image;
        // a shifted frame needs the reach table only for a non-finite input (making it for every call cost 0.5 % of
        // W5's two-thread training)
        int[] reach = f.shifted() ? null : reach(g, f), at = new int[positions], shift = new int[taps], blockAt = new int[blocks];
        for (int p = 0; p < positions; p++) at[p] = ((p / g.w()) * f.width() + p % g.w()) * BLOCK;
        for (int ki = 0; ki < g.kh(); ki++) {
            for (int kj = 0; kj < g.kw(); kj++) shift[ki * g.kw() + kj] = ((g.kh() - 1 - ki) * f.width() + g.kw() - 1 - kj) * BLOCK;
        }
        for (int k = 0; k < blocks; k++) blockAt[k] = k * blockFloats;
        b.fit(blocks * blockFloats, plane * BLOCK, c * chunk * positions, c);
        java.util.Arrays.fill(b.rows, 0, blocks * blockFloats, 0f);    // the margins stay zero
        EventKernel kernel = EventKernels.KERNEL;
        for (int i0 = 0; i0 < n; i0 += chunk) {
            int images = Math.min(chunk, n - i0);
            for (int bi = 0; bi < images; bi++) transpose(g, f, kernel, dy, i0 + bi, k0, k1, b, bi * image, blockFloats, bias);
            int events = 0;
            for (int ci = 0; ci < c; ci++) {    // channel ci's events in the chunk's images, image by image
                b.start[ci] = events;
                boolean finite = true;
                for (int bi = 0; bi < images; bi++) {
                    int from = events;
                    events += kernel.gather(x, ((i0 + bi) * c + ci) * positions, positions, b.eventIndex, b.eventValue, events);
                    for (int e = from; e < events; e++) {
                        b.offset[e] = bi * image + at[b.eventIndex[e]];
                        b.eventImage[e] = bi * image;
                        finite &= Float.isFinite(b.eventValue[e]);
                    }
                }
                b.finite[ci] = finite && f.shifted();
            }
            b.start[c] = events;
            // a block's rows (of every image in the chunk) stay in L1 while every channel's events go through them
            for (int k = 0; k < blocks; k++) {
                for (int ci = 0; ci < c; ci++) {
                    if (!b.finite[ci] || b.start[ci] == b.start[ci + 1]) continue;
                    kernel.sumShifted(b.start[ci], b.start[ci + 1], b.offset, b.eventValue, b.rows, blockAt[k], shift, taps,
                            acc, ci * taps * row + k * BLOCK, row, BLOCK);
                }
            }
            // strided, or a non-finite input whose product with a margin's zero would be NaN: per tap, the events
            // that reach an output, the blocks as the shifts
            for (int ci = 0; ci < c; ci++) {
                if (b.finite[ci] || b.start[ci] == b.start[ci + 1]) continue;
                if (reach == null) reach = reach(g, f);
                for (int t = 0; t < taps; t++) {
                    int listed = list(b, b.start[ci], b.start[ci + 1], reach, taps, t);
                    if (listed > 0) kernel.sumShifted(0, listed, b.offset, b.value, b.rows, 0, blockAt, blocks, acc, (ci * taps + t) * row, BLOCK, BLOCK);
                }
            }
        }
    }

    /**
     * Image {@code i}'s output gradient of the channel blocks [k0, k1) into its frames, channel last, one block at a
     * time at {@code b.rows[(k − k0)·blockFloats + to]}; its channel sums added into {@code bias} (unless null; from
     * block k0's first channel).
     */
    private static void transpose(ConvGeometry g, Frame f, EventKernel kernel, float[] dy, int i, int k0, int k1, Buffers b, int to,
                                  int blockFloats, double[] bias) {
        int outC = g.outC(), plane = g.outPlane(), outW = g.outW();
        for (int o0 = k0 * BLOCK; o0 < Math.min(outC, k1 * BLOCK); o0 += BLOCK) {
            int n = Math.min(BLOCK, outC - o0), src = (i * outC + o0) * plane, dst = (o0 / BLOCK - k0) * blockFloats + to;
            float[] rows = f.shifted() ? b.compact : b.rows;
            int at = f.shifted() ? 0 : dst;
            // a contiguous copy first: the transpose reads 16 channels side by side, 16 streams from memory that
            // ran slower than one (W1's second convolution, 512 images: 5.0 ms, against 3.2 ms with the copy)
            System.arraycopy(dy, src, b.staging, 0, n * plane);
            kernel.toChannelsLast(b.staging, 0, plane, n, rows, at, BLOCK);
            if (bias != null) kernel.addColumnSums(rows, at, plane, BLOCK, bias, o0 - k0 * BLOCK);
            if (!f.shifted()) continue;
            for (int oy = 0; oy < g.outH(); oy++) {
                System.arraycopy(b.compact, oy * outW * BLOCK, b.rows, dst + f.of(oy * outW, outW) * BLOCK, outW * BLOCK);
            }
        }
    }

    /**
     * Lists, for tap {@code tap}, every event of [from, to) that reaches an output: that output's row offset in
     * the frames (block 0) and the event's value.
     */
    private static int list(Buffers b, int from, int to, int[] reach, int taps, int tap) {
        int n = 0;
        for (int e = from; e < to; e++) {
            int out = reach[b.eventIndex[e] * taps + tap];
            if (out < 0) continue;
            b.offset[n] = b.eventImage[e] + out * BLOCK;
            b.value[n++] = b.eventValue[e];
        }
        return n;
    }

    /** {@code reach[p·taps + t]}: the frame row of the output that tap t carries input position p to, or −1. */
    private static int[] reach(ConvGeometry g, Frame f) {
        EventKernels.Taps rows = EventKernels.Taps.of(g.h(), g.outH(), g.kh(), g.strideH(), g.padH(), g.outW());
        EventKernels.Taps cols = EventKernels.Taps.of(g.w(), g.outW(), g.kw(), g.strideW(), g.padW(), 1);
        int taps = g.kh() * g.kw();
        int[] reach = new int[g.h() * g.w() * taps];
        java.util.Arrays.fill(reach, -1);
        for (int iy = 0; iy < g.h(); iy++) {
            for (int ix = 0; ix < g.w(); ix++) {
                int p = iy * g.w() + ix;
                for (int r = rows.start()[iy]; r < rows.start()[iy + 1]; r++) {
                    for (int q = cols.start()[ix]; q < cols.start()[ix + 1]; q++) {
                        reach[p * taps + rows.tap()[r] * g.kw() + cols.tap()[q]] = f.of(rows.out()[r] + cols.out()[q], g.outW());
                    }
                }
            }
        }
        return reach;
    }
}
