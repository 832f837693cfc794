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
 * NaN where the GEMM has no product at all), list per tap the events that reach an output instead. The events
 * are listed once, the chunks of images split over the threads ({@link WeightGradientEvents}); then the blocks
 * are split over the threads of {@link Parallel}: each thread sums every chunk's events into its blocks' rows of
 * the accumulator, which it turns into its output channels of the gradient's layout {@code [outC, c, kh, kw]}
 * ({@link EventKernel#toChannelsFirst}) and adds into the gradient. Every sum is then
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

    /** One thread's scratch, grown on demand; the caller's also holds the call's listed events. */
    private static final class Buffers {
        final WeightGradientEvents events = new WeightGradientEvents();
        float[] rows = new float[0], compact = new float[0], staging = new float[0], value = new float[0], eventValue = new float[0];
        final Sums sums = new Sums();
        float[] byChannel = new float[0];
        int[] offset = new int[0], eventIndex = new int[0], eventImage = new int[0];
        /** The call (its plan) and blocks whose frames {@link #rows} holds, margins zero. */
        Plan rowsOf;
        int rowsK0 = -1, rowsK1 = -1;

        void fit(int rowFloats, int compactFloats, int events) {
            if (rows.length < rowFloats) {
                rows = new float[rowFloats];
                rowsOf = null;
            }
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
        int outC = g.outC(), lists = g.patch(), blocks = Math.ceilDiv(outC, BLOCK), threads = Parallel.threads();
        Plan plan = Plan.of(g);
        Buffers caller = BUFFERS.get();
        WeightGradientEvents events = caller.events;
        Sums sums = caller.sums.fit(threads);
        // one thread sums each chunk right after listing it (its lists stay in L1); more list the whole batch and
        // then sum it: two regions, each ending when the slower thread ends. Groups of 1 MB of input (W1: 13, two
        // regions each) ran 3-16 % slower at two threads than groups of 4 MB, and these as fast as the whole batch
        // (docs/results/issue-27/ewglist-kernel.txt)
        int chunks = Math.ceilDiv(g.n(), plan.chunk()), group = threads == 1 ? 1 : chunks;
        for (int q0 = 0; q0 < chunks; q0 += group) {
            int from = q0, to = Math.min(chunks, q0 + group);
            events.list(g, x, plan.chunk(), plan.image(), plan.at(), plan.frame().shifted(), from, to);
            Parallel.forParts(blocks, 1, (part, k0, k1) -> {
                int o0 = k0 * BLOCK, channels = Math.min(outC, k1 * BLOCK) - o0, row = (k1 - k0) * BLOCK;
                float[] acc = sums.acc(part, lists * row, from == 0);
                double[] bias = dBias == null ? null : sums.bias(part, row, from == 0);
                Buffers b = BUFFERS.get();
                accumulate(g, plan, events, x, dy, k0, k1, from, to, acc, bias, b);
                if (to < chunks) return;
                // to the gradient's layout [outC, c·kh·kw] in register tiles, then added into this thread's rows
                if (b.byChannel.length < channels * lists) b.byChannel = new float[channels * lists];
                EventKernels.KERNEL.toChannelsFirst(acc, row, lists, channels, null, b.byChannel, 0);
                for (int i = 0, at = o0 * lists; i < channels * lists; i++) dWeight[at + i] += b.byChannel[i];
                for (int o = 0; bias != null && o < channels; o++) dBias[o0 + o] += (float) (0.0 + bias[o]);
            });
        }
    }

    /**
     * A call's sums, per part of the blocks ({@link Parallel#forParts}: a part has the same blocks in every group's
     * region): the accumulator {@code [c·kh·kw, row]} and the bias sums. Held by the calling thread, reused.
     */
    private static final class Sums {
        float[][] acc = new float[0][];
        double[][] bias = new double[0][];

        Sums fit(int parts) {
            if (acc.length < parts) {
                acc = java.util.Arrays.copyOf(acc, parts);
                bias = java.util.Arrays.copyOf(bias, parts);
            }
            return this;
        }

        /** Part {@code part}'s accumulator of {@code floats}, zeroed when {@code zero}. */
        float[] acc(int part, int floats, boolean zero) {
            if (acc[part] == null || acc[part].length < floats) acc[part] = new float[floats];
            if (zero) java.util.Arrays.fill(acc[part], 0, floats, 0f);
            return acc[part];
        }

        double[] bias(int part, int row, boolean zero) {
            if (bias[part] == null || bias[part].length < row) bias[part] = new double[row];
            if (zero) java.util.Arrays.fill(bias[part], 0, row, 0.0);
            return bias[part];
        }
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
     * What a call's tasks share: the frame, its floats per image and block ({@code image}), images per chunk, the
     * row offset of each input position in its image's frame ({@code at}, zero where the frame is not shifted),
     * each tap's shift and, where the frame is not shifted, each position's reach ({@link #reach}; a shifted frame's
     * is made only by a task that meets a non-finite input: it cost 0.5 % of W5's training for every call).
     */
    private record Plan(Frame frame, int image, int chunk, int[] at, int[] shift, int[] reach) {
        static Plan of(ConvGeometry g) {
            Frame f = Frame.of(g);
            int positions = g.h() * g.w(), taps = g.kh() * g.kw(), image = f.plane() * BLOCK;
            int[] at = new int[positions], shift = new int[taps];
            for (int p = 0; f.shifted() && p < positions; p++) at[p] = ((p / g.w()) * f.width() + p % g.w()) * BLOCK;
            for (int ki = 0; ki < g.kh(); ki++) {
                for (int kj = 0; kj < g.kw(); kj++) shift[ki * g.kw() + kj] = ((g.kh() - 1 - ki) * f.width() + g.kw() - 1 - kj) * BLOCK;
            }
            return new Plan(f, image, Math.max(1, Math.min(g.n(), CHUNK_FLOATS / image)), at, shift, f.shifted() ? null : EventWeightGradient.reach(g, f));
        }
    }

    /**
     * Adds into {@code acc} ({@code [c·kh·kw, row]}, row = the blocks' channels) the weight gradient of the output
     * channel blocks [k0, k1) over all images, and into {@code bias} (unless null; {@code [row]}) their bias
     * gradient, over the chunks of images [q0, q1), one at a time, from the events listed in {@code events}.
     */
    private static void accumulate(ConvGeometry g, Plan p, WeightGradientEvents events, float[] x, float[] dy, int k0, int k1,
                                   int q0, int q1, float[] acc, double[] bias, Buffers b) {
        int blocks = k1 - k0, row = blocks * BLOCK, plane = g.outPlane(), n = g.n();
        int positions = g.h() * g.w(), c = g.c(), taps = g.kh() * g.kw(), image = p.image(), chunk = p.chunk();
        int blockFloats = chunk * image;
        int[] blockAt = new int[blocks];
        for (int k = 0; k < blocks; k++) blockAt[k] = k * blockFloats;
        b.fit(blocks * blockFloats, plane * BLOCK, chunk * positions);
        if (b.rowsOf != p || b.rowsK0 != k0 || b.rowsK1 != k1) {    // the margins stay zero for the call's groups
            java.util.Arrays.fill(b.rows, 0, blocks * blockFloats, 0f);
            b.rowsOf = p;
            b.rowsK0 = k0;
            b.rowsK1 = k1;
        }
        EventKernel kernel = EventKernels.KERNEL;
        int[] reach = p.reach();
        for (int q = q0; q < q1; q++) {
            int i0 = q * chunk, images = Math.min(chunk, n - i0);
            for (int bi = 0; bi < images; bi++) transpose(g, p.frame(), kernel, dy, i0 + bi, k0, k1, b, bi * image, blockFloats, bias);
            WeightGradientEvents.Part part = events.part(q);
            // a block's rows (of every image in the chunk) stay in L1 while every channel's events go through them
            for (int k = 0; k < blocks; k++) {
                for (int ci = 0; ci < c; ci++) {
                    int from = events.from(q, ci), to = events.to(q, ci);
                    if (!events.listed(q, ci) || from == to) continue;
                    kernel.sumShifted(from, to, part.offset, part.value, b.rows, blockAt[k], p.shift(), taps,
                            acc, ci * taps * row + k * BLOCK, row, BLOCK);
                }
            }
            // strided, or a non-finite input whose product with a margin's zero would be NaN: per tap, the events
            // that reach an output, the blocks as the shifts
            for (int ci = 0; ci < c; ci++) {
                if (events.listed(q, ci)) continue;
                int count = gather(g, kernel, x, i0, images, ci, image, b);
                if (count > 0 && reach == null) reach = reach(g, p.frame());
                for (int t = 0; count > 0 && t < taps; t++) {
                    int listed = list(b, count, reach, taps, t);
                    if (listed > 0) kernel.sumShifted(0, listed, b.offset, b.value, b.rows, 0, blockAt, blocks, acc, (ci * taps + t) * row, BLOCK, BLOCK);
                }
            }
        }
    }

    /** Channel ci's events in the chunk's images from i0, image by image: position, value and image's frame offset. */
    private static int gather(ConvGeometry g, EventKernel kernel, float[] x, int i0, int images, int ci, int image, Buffers b) {
        int positions = g.h() * g.w(), events = 0;
        for (int bi = 0; bi < images; bi++) {
            int from = events;
            events += kernel.gather(x, ((i0 + bi) * g.c() + ci) * positions, positions, b.eventIndex, b.eventValue, events);
            for (int e = from; e < events; e++) b.eventImage[e] = bi * image;
        }
        return events;
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
     * Lists, for tap {@code tap}, every event of {@link #gather}'s {@code count} that reaches an output: that output's row offset in
     * the frames (block 0) and the event's value.
     */
    private static int list(Buffers b, int count, int[] reach, int taps, int tap) {
        int n = 0;
        for (int e = 0; e < count; e++) {
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
