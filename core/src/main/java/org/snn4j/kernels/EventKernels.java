package org.snn4j.kernels;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Event-driven forward kernels for layers fed by spikes: instead of multiplying every input, each
 * image (or row) lists its non-zero inputs, the events (index and value, so amplitude-θ spikes and
 * average-pooled spikes work as well as 0/1), and adds each event's weight row, scaled by its value,
 * to the outputs it reaches. Work is proportional to the events, not to the inputs.
 *
 * <p>Bit-identical to the dense kernels ({@link Conv2dKernels#forward}, and {@link Gemm} for a linear
 * layer): a GEMM sums every output element as {@code fma(w, x, acc)} over k in increasing order, in
 * the k blocks of its driver ({@code PackedGemm.kStep}), adding each later block's sum to the earlier
 * ones, then adds the bias. Here each output element receives its events in the same k order (events
 * are listed in input index order; for a convolution input (c, iy, ix) reaches output (oy, ox) through
 * tap k = c·kh·kw + ki·kw + kj with ki, kj increasing with iy, ix), summed in the same blocks, merged
 * and biased with the same roundings; a zero input adds exactly nothing to a GEMM's sum. So the spike
 * trains downstream are identical too, with no threshold ties to worry about.
 *
 * <p>A convolution scans each image's inputs once in index order and appends every non-zero input's
 * taps (weight-row offset and value) to the list of each output position it reaches ({@link TapScatter}), so every list is
 * in k order (with stride 1 the lists lie on the output plane widened by margins that catch the taps
 * falling outside it, so every event appends the same kh × kw taps at fixed list offsets: {@link Plan});
 * each row of output positions then sums its lists into channel-last rows of outC outputs held in vector
 * registers, several lists side by side ({@link EventKernel#sumLists}, weights read from the channel-last
 * copy {@code [c, kh, kw, outC]}, {@link #transposed}); the rows are transposed into the NCHW output. A linear layer lists each row's
 * events ({@link EventKernel#gather}) and sums their weight rows the same way, a group of rows at a time
 * so that the rows share the weight rows they read from cache ({@link #linearGroup}). Images (rows) are split over the
 * threads of {@link Parallel}; each thread keeps its lists and sums between calls. Facades check array
 * sizes and throw {@link IllegalArgumentException}.
 */
public final class EventKernels {
    /** Rows are padded to a multiple of this many floats: 512 bits, a multiple of every vector width. */
    private static final int ROW_ALIGN = 16;
    static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    /** The inner loops, as {@link KernelProvider} chose them. */
    static final EventKernel KERNEL = KernelProvider.get().events();

    private EventKernels() {}

    /** One thread's tap lists and sums, grown on demand; contents are scratch. */
    static final class Buffers {
        /** Geometries whose plans a thread keeps. */
        static final int PLANS_KEPT = 16;

        int[] next = new int[0], tapOffset = new int[0], eventIndex = new int[0];
        float[] tapValue = new float[0], sum = new float[0], eventValue = new float[0];

        /** {@code positions} list ends and {@code outputs} sums. */
        void fitOutputs(int positions, int outputs) {
            if (next.length < positions) next = new int[positions];
            if (sum.length < outputs) sum = new float[outputs];
        }

        /** The plans of the geometries this thread convolved with last, least recently used first. */
        private final java.util.LinkedHashMap<ConvGeometry, Plan> plans = new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<ConvGeometry, Plan> eldest) {
                return size() > PLANS_KEPT;
            }
        };

        /**
         * The plan of {@code g}, kept for this thread's {@value #PLANS_KEPT} most recent geometries, so a
         * network's convolutions, one after another at every step, each find theirs.
         */
        Plan planFor(ConvGeometry g) {
            return plans.computeIfAbsent(g, Plan::of);
        }

        /** A plane of {@code positions} inputs' events, and the tap lists of {@code plan} and the sums of {@code g}. */
        void fitConvolution(ConvGeometry g, Plan plan) {
            fitOutputs(plan.lists(), padded(g.outC()) * g.outPlane());
            fitTaps(plan.lists() * g.patch());
            int positions = g.h() * g.w();
            if (eventIndex.length < positions) {
                eventIndex = new int[positions];
                eventValue = new float[positions];
            }
        }

        void fitTaps(int taps) {
            if (tapOffset.length < taps) {
                tapOffset = new int[taps];
                tapValue = new float[taps];
            }
        }

        int[] cursor = new int[0];
        float[] part = new float[0];
        boolean[] started = new boolean[0];

        /** A linear layer's group of {@code rows} rows: their event lists, list ends and cursors, and sums. */
        void fitLinear(int rows, int in, int row) {
            fitTaps(rows * in);
            fitOutputs(rows, rows * row);
            if (part.length < rows * row) part = new float[rows * row];
            if (cursor.length < rows) {
                cursor = new int[rows];
                started = new boolean[rows];
            }
        }
    }

    /**
     * The transposed weights the event kernels read: of a linear layer ({@code [out, in] → [in, out]}),
     * or of a convolution seen as {@code [outC, c·kh·kw]}, which gives the channel-last
     * {@code [c, kh, kw, outC]}.
     *
     * @param weight {@code [out, in]}; read
     * @return {@code [in, padded(out)]} (zero in the padding), a new array
     */
    public static float[] transposed(int out, int in, float[] weight) {
        float[] t = new float[in * padded(out)];
        transpose(out, in, weight, t);
        return t;
    }

    /**
     * {@link #transposed} into {@code t} ({@code [in, padded(out)]}, its padding left as it is): the copy of
     * weights that change (training) brought up to date without a new array.
     */
    public static void transpose(int out, int in, float[] weight, float[] t) {
        check("weight", weight, out * in);
        int stride = padded(out);
        check("transposed weight", t, in * stride);
        // weight [out][in] is an image of `out` channels over `in` positions: to channel-last rows in register tiles
        // (the element-by-element loop wrote one cache line per weight; training refreshes these copies every batch,
        // by blocks of 16 channels split over the threads)
        Parallel.forRange(Math.ceilDiv(out, 16), Parallel.grainFor(16 * in), (b0, b1) -> KERNEL.toChannelsLast(weight, b0 * 16 * in, in,
                Math.min(out, b1 * 16) - b0 * 16, t, b0 * 16, stride));
    }

    /**
     * The row length of {@link #transposed} weights and of the kernels' scratch rows: {@code n} rounded up to
     * a multiple of {@value #ROW_ALIGN}, so the vector sums never take a masked or scalar tail (a masked
     * load costs more than the zeros it reads: W1's 10-output readout ran 20x slower with one), and one
     * multiple more when that is a multiple of {@value #ALIASING_ROW}: weight rows a whole number of kilobytes
     * apart fall into a few sets of the L1 cache, and the rows of a layer's events evict each other
     * (docs/BENCHMARKS.md: VGG-7's fc1, 1,568 × 1,024).
     */
    public static int padded(int n) {
        int row = Math.ceilDiv(n, ROW_ALIGN) * ROW_ALIGN;
        return row % ALIASING_ROW == 0 && row > 0 ? row + ROW_ALIGN : row;
    }

    /** Row lengths (floats) that are multiples of this one alias in the L1 cache: 1 kB. */
    private static final int ALIASING_ROW = 256;

    /**
     * Fraction of non-zero inputs over up to {@code sampled} images spread evenly over the batch (0 for an
     * empty batch): what an "auto" engine compares with its crossover, at a small fraction of a scan.
     *
     * @param x {@code [images, imageSize]}; read
     */
    public static double density(float[] x, int images, int imageSize, int sampled) {
        check("x", x, images * imageSize);
        if (images == 0 || imageSize == 0) return 0;
        int step = Math.max(1, images / Math.max(1, sampled));
        long nonZero = 0, seen = 0;
        EventKernel kernel = KERNEL;
        for (int i = 0; i < images; i += step, seen += imageSize) {
            nonZero += kernel.countNonZero(x, i * imageSize, (i + 1) * imageSize);
        }
        return (double) nonZero / seen;
    }

    /**
     * Convolution forward from the events of each image, bit-identical to {@link Conv2dKernels#forward}.
     *
     * @param x                 {@code [n, c, h, w]}; read
     * @param weightChannelLast {@code [c, kh, kw, padded(outC)]} ({@link #transposed} of {@code [outC, c·kh·kw]}); read
     * @param bias              {@code [outC]} or {@code null}; read
     * @param y                 {@code [n, outC, outH, outW]}; overwritten
     * @return synaptic operations done: Σ over events of outC × the taps that reach an output
     */
    public static long convForward(ConvGeometry g, float[] x, float[] weightChannelLast, float[] bias, float[] y) {
        check("x", x, g.inputSize());
        check("weight", weightChannelLast, g.patch() * padded(g.outC()));
        if (bias != null) check("bias", bias, g.outC());
        check("y", y, g.outputSize());
        return convForward(KERNEL, g, x, weightChannelLast, bias, y);
    }

    static long convForward(EventKernel kernel, ConvGeometry g, float[] x, float[] weightChannelLast, float[] bias,
                            float[] y) {
        LongAdder ops = new LongAdder();
        Parallel.forPieces(g.n(), 4, () -> {     // in pieces: a batch's later time steps carry more events
            Buffers buffers = BUFFERS.get();
            Plan plan = buffers.planFor(g);
            buffers.fitConvolution(g, plan);
            return (from, to) -> {
                for (int i = from; i < to; i++) ops.add(convImage(kernel, g, plan, x, i, weightChannelLast, bias, y, i * g.outC() * g.outPlane(), buffers));
            };
        });
        return ops.sum();
    }

    /**
     * {@link #convForward} for one sample of a sequence on the calling thread: the images
     * {@code t·samples + sample} of {@code x} ({@code [steps, samples, c, h, w]}, {@code g.n() = steps ·
     * samples}) for t in [from, to), their outputs written one after the other into {@code y[0, (to − from) ·
     * outC · outH · outW)}. What a fused inference block runs per sample, so that the output of these
     * steps stays in cache for the layers after it.
     *
     * @return synaptic operations done, as {@link #convForward} counts them
     */
    public static long convSample(ConvGeometry g, int steps, int sample, int from, int to, float[] x, float[] weightChannelLast,
                                  float[] bias, float[] y) {
        check("x", x, g.inputSize());
        check("weight", weightChannelLast, g.patch() * padded(g.outC()));
        if (bias != null) check("bias", bias, g.outC());
        if (steps < 1 || g.n() % steps != 0) throw new IllegalArgumentException(g.n() + " images are not " + steps + " steps");
        if (from < 0 || from > to || to > steps) throw new IllegalArgumentException("steps [" + from + ", " + to + ") of " + steps);
        int samples = g.n() / steps, out = g.outC() * g.outPlane();
        if (sample < 0 || sample >= samples) throw new IllegalArgumentException("sample " + sample + " of " + samples);
        if (y == null || y.length < (to - from) * out) {
            throw new IllegalArgumentException("y: expected at least " + (to - from) * out + " elements");
        }
        EventKernel kernel = KERNEL;
        Buffers buffers = BUFFERS.get();
        Plan plan = buffers.planFor(g);
        buffers.fitConvolution(g, plan);
        long done = 0;
        for (int t = from; t < to; t++) {
            done += convImage(kernel, g, plan, x, t * samples + sample, weightChannelLast, bias, y, (t - from) * out, buffers);
        }
        return done;
    }

    /**
     * Where an input row (or column) i sends its events: the taps {@code tap[j]} of the windows that cover
     * it and the output offset {@code out[j]} (window index × {@code outStride}), for j in
     * [start[i], start[i + 1]). Built once per call, so no division is left in the per-event loops.
     */
    record Taps(int[] start, int[] tap, int[] out) {
        static Taps of(int size, int outSize, int k, int stride, int pad, int outStride) {
            int[] start = new int[size + 1], tap = new int[size * k], out = new int[size * k];
            int n = 0;
            for (int i = 0; i < size; i++) {
                start[i] = n;
                for (int t = 0; t < k; t++) {
                    int shifted = i + pad - t;                   // = o · stride for the window o using tap t
                    if (shifted < 0 || shifted % stride != 0 || shifted / stride >= outSize) continue;
                    tap[n] = t;
                    out[n++] = shifted / stride * outStride;
                }
            }
            start[size] = n;
            return new Taps(start, tap, out);
        }
    }

    /**
     * Where a convolution's events go. Each output position (oy, ox) has a tap list, list
     * {@code first + oy·listW + ox}. With stride 1 an event's taps reach outputs at fixed offsets: its tap
     * (ki, kj) reaches the list {@code corner[p] − ki·listW − kj}, p its position in the plane, so the lists
     * are laid out on the output plane widened by a margin of {@code k − 1 − pad} lists on every side (where
     * that is positive), and the taps that fall outside the output go to the margin's lists, which are never
     * summed: every event takes the same loops of constant length, with no bounds to test (W1's second
     * convolution: 16 × 16 lists for its 14 × 14 outputs). With larger strides the taps that reach an
     * output depend on the position, and come from the tables {@code rows} (list offsets oy·listW) and
     * {@code cols} (ox), by the row and column of the position ({@code corner} null).
     */
    record Plan(Taps rows, Taps cols, int[] rowOf, int[] colOf, int[] corner, int listW, int first, int lists) {
        static Plan of(ConvGeometry g) {
            int positions = g.h() * g.w();
            int[] rowOf = new int[positions], colOf = new int[positions];
            for (int p = 0; p < positions; p++) {
                rowOf[p] = p / g.w();
                colOf[p] = p % g.w();
            }
            if (g.strideH() != 1 || g.strideW() != 1) {
                Taps rows = Taps.of(g.h(), g.outH(), g.kh(), g.strideH(), g.padH(), g.outW());
                Taps cols = Taps.of(g.w(), g.outW(), g.kw(), g.strideW(), g.padW(), 1);
                return new Plan(rows, cols, rowOf, colOf, null, g.outW(), 0, g.outPlane());
            }
            int marginH = Math.max(0, g.kh() - 1 - g.padH()), marginW = Math.max(0, g.kw() - 1 - g.padW());
            int listW = g.outW() + 2 * marginW, first = marginH * listW + marginW;
            int[] corner = new int[positions];
            for (int p = 0; p < positions; p++) corner[p] = first + (rowOf[p] + g.padH()) * listW + colOf[p] + g.padW();
            return new Plan(null, null, rowOf, colOf, corner, listW, first, (g.outH() + 2 * marginH) * listW);
        }

        /** The list of output position (oy, ox). */
        int list(int oy, int ox) {
            return first + oy * listW + ox;
        }
    }

    /**
     * One image: list each input channel's events in index order (iy, ix) ({@link EventKernel#gather}) and
     * append every event's taps to the list of the output position each reaches (list l owns the slots [l·patch, l·patch + patch), its
     * most possible taps), so each list is in k order; sum each position's list into a channel-last row
     * of outC outputs, block by block; transpose to NCHW ({@link EventKernel#toChannelsFirst}).
     */
    private static long convImage(EventKernel kernel, ConvGeometry g, Plan plan, float[] x, int image,
                                  float[] weight, float[] bias, float[] y, int yOff, Buffers b) {
        int positions = g.h() * g.w();
        startImage(g, plan, b);
        for (int ci = 0; ci < g.c(); ci++) {
            int events = kernel.gather(x, (image * g.c() + ci) * positions, positions, b.eventIndex, b.eventValue, 0);
            TapScatter.scatter(g, plan, ci, b.eventIndex, b.eventValue, 0, events, b);
        }
        return finishImage(kernel, g, plan, weight, bias, y, yOff, b);
    }

    /** Empties every tap list (list l owns the slots [l·patch, l·patch + patch)). */
    static void startImage(ConvGeometry g, Plan plan, Buffers b) {
        for (int l = 0, lists = plan.lists(), patch = g.patch(); l < lists; l++) b.next[l] = l * patch;
    }

    /**
     * Sums each output position's tap list into a channel-last row, block by block, a row of outputs at a
     * time, and transposes to NCHW; returns the synaptic operations.
     */
    static long finishImage(EventKernel kernel, ConvGeometry g, Plan plan, float[] weight, float[] bias, float[] y, int yOff, Buffers b) {
        int outC = g.outC(), row = padded(outC), outW = g.outW(), patch = g.patch();
        int[] next = b.next;
        int step = PackedGemm.kStep(patch, PackedGemm.KC) * row;
        long done = 0;
        for (int oy = 0; oy < g.outH(); oy++) {
            int first = plan.list(oy, 0), at = oy * outW * row;
            for (int l = first; l < first + outW; l++) done += next[l] - l * patch;
            if (step == patch * row) {          // one k block: the row's lists side by side
                kernel.sumLists(first, first + outW, patch, next, b.tapOffset, b.tapValue, weight, b.sum, at, row);
            } else {
                for (int ox = 0; ox < outW; ox++) sumInBlocks(kernel, (first + ox) * patch, next[first + ox], b, weight, b.sum, at + ox * row, row, step);
            }
        }
        kernel.toChannelsFirst(b.sum, row, g.outPlane(), outC, bias, y, yOff);
        return done * outC;
    }

    /**
     * Sums the tap list [from, to) (offsets ascending) into {@code y[yOff, yOff + n)} in the GEMM's k
     * blocks of {@code step} weight offsets: the first block stores its sum, each later one adds to it.
     */
    private static void sumInBlocks(EventKernel kernel, int from, int to, Buffers b, float[] weight, float[] y, int yOff,
                                    int n, int step) {
        if (to == from || b.tapOffset[to - 1] < step) {   // one block (offsets ascend): no need to look for its end
            kernel.sum(from, to, b.tapOffset, b.tapValue, weight, y, yOff, n, EventKernel.Into.STORE);
            return;
        }
        int e = from;
        for (int blockEnd = step, first = 1; first == 1 || e < to; blockEnd += step, first = 0) {
            int end = e;
            while (end < to && b.tapOffset[end] < blockEnd) end++;
            if (first == 1 || end > e) {
                kernel.sum(e, end, b.tapOffset, b.tapValue, weight, y, yOff, n, first == 1 ? EventKernel.Into.STORE : EventKernel.Into.ADD);
            }
            e = end;
        }
    }

    /**
     * Linear forward from the events of each row, bit-identical to {@code y = x·Wᵀ} by {@link Gemm} then
     * {@code y += b}.
     *
     * @param x                {@code [rows, in]}; read
     * @param weightTransposed {@code [in, padded(out)]} ({@link #transposed}); read
     * @param bias             {@code [out]} or {@code null}; read
     * @param y                {@code [rows, out]}; overwritten
     * @return synaptic operations done: events × out
     */
    public static long linearForward(int rows, int in, int out, float[] x, float[] weightTransposed, float[] bias, float[] y) {
        check("x", x, rows * in);
        check("weight", weightTransposed, in * padded(out));
        if (bias != null) check("bias", bias, out);
        check("y", y, rows * out);
        return linearForward(KERNEL, rows, in, out, x, weightTransposed, bias, y);
    }

    static long linearForward(EventKernel kernel, int rows, int in, int out, float[] x, float[] weightTransposed, float[] bias,
                              float[] y) {
        LongAdder ops = new LongAdder();
        int row = padded(out), block = PackedGemm.kStep(in, PackedGemm.KC);
        int cachedInputs = Math.min(block, Math.max(ROW_ALIGN, LINEAR_PASS_BYTES / (Float.BYTES * row) / ROW_ALIGN * ROW_ALIGN));
        int group = Math.clamp(LINEAR_PASS_BYTES / (2L * Float.BYTES * row), 1, MAX_GROUP);
        Parallel.forRange(rows, 16, (from, to) -> {
            Buffers b = BUFFERS.get();
            b.fitLinear(group, in, row);
            long done = 0;
            for (int r0 = from; r0 < to; r0 += group) {
                done += linearGroup(kernel, r0, Math.min(to, r0 + group), in, out, block, cachedInputs, x, weightTransposed, bias, y, b);
            }
            ops.add(done);
        });
        return ops.sum();
    }

    /** What the weight rows of one pass of {@link #linearGroup} take, and the sums of its rows: inside a core's L2. */
    private static final int LINEAR_PASS_BYTES = 256 * 1024;
    /** Most rows {@link #linearGroup} sums together. */
    private static final int MAX_GROUP = 64;
    /** Fewest events a row should have in a pass of {@link #linearGroup} that does not cover a whole k block. */
    private static final int MIN_PASS_EVENTS = 8;

    /**
     * Rows [r0, r1) of {@link #linearForward}: each row's events listed (row q of the group owns the slots
     * [q·in, q·in + in)), then summed in the GEMM's k blocks, each block in passes over every row of the
     * group, so that a pass's weight rows are read from cache by all the rows instead of from memory by each
     * (a wide layer's weights do not fit in cache: VGG-7's fc1, 6.5 MB). A pass covers {@code cachedInputs}
     * inputs, whose weight rows fit in cache, or more, up to the whole block, when the rows have too few
     * events for a pass to pay for reloading their sums. A row's chain of fmas continues from one pass to the
     * next ({@link EventKernel.Into#CONTINUE}); a later block's complete sum is added to the earlier ones, as
     * the GEMM adds it; a later block without events adds nothing.
     *
     * @return synaptic operations done
     */
    private static long linearGroup(EventKernel kernel, int r0, int r1, int in, int out, int block, int cachedInputs, float[] x,
                                    float[] weight, float[] bias, float[] y, Buffers b) {
        int rows = r1 - r0, row = padded(out);
        int[] offset = b.tapOffset, cursor = b.cursor, end = b.next;
        long done = 0;
        for (int q = 0; q < rows; q++) {
            int events = kernel.gather(x, (r0 + q) * in, in, offset, b.tapValue, q * in);
            cursor[q] = q * in;
            end[q] = q * in + events;
            for (int e = cursor[q]; e < end[q]; e++) offset[e] *= row;     // input index -> its weight row
            done += (long) events * out;
        }
        // a pass continues each row's chains at the cost of reloading its sums: only worth it with enough events
        int rowEvents = (int) (done / Math.max(1, out) / rows);
        int inputs = Math.min(block, Math.max(cachedInputs, Math.ceilDiv(MIN_PASS_EVENTS * in, Math.max(1, rowEvents) * ROW_ALIGN) * ROW_ALIGN));
        float[] sum = b.sum, part = b.part;
        for (int k0 = 0; k0 < in; k0 += block) {
            int k1 = Math.min(in, k0 + block);
            boolean first = k0 == 0, split = k1 - k0 > inputs;        // split: a later block's sum goes to part first
            float[] target = first || !split ? sum : part;
            Arrays.fill(b.started, 0, rows, false);
            for (int s0 = k0; s0 < k1; s0 += inputs) {
                int limit = Math.min(k1, s0 + inputs) * row;
                for (int q = 0; q < rows; q++) {
                    int e0 = cursor[q], e1 = e0;
                    while (e1 < end[q] && offset[e1] < limit) e1++;
                    if (e1 == e0) continue;
                    EventKernel.Into into = b.started[q] ? EventKernel.Into.CONTINUE
                            : first || split ? EventKernel.Into.STORE : EventKernel.Into.ADD;
                    kernel.sum(e0, e1, offset, b.tapValue, weight, target, q * row, row, into);
                    cursor[q] = e1;
                    b.started[q] = true;
                }
            }
            for (int q = 0; q < rows; q++) {
                if (first && !b.started[q]) {
                    Arrays.fill(sum, q * row, (q + 1) * row, 0f);          // no events in the first block: its sum is 0
                } else if (!first && split && b.started[q]) {
                    for (int j = q * row; j < (q + 1) * row; j++) sum[j] = part[j] + sum[j];
                }
            }
        }
        for (int q = 0; q < rows; q++) {
            int yOff = (r0 + q) * out;
            System.arraycopy(sum, q * row, y, yOff, out);
            if (bias != null) for (int j = 0; j < out; j++) y[yOff + j] += bias[j];
        }
        return done;
    }

    static void check(String name, float[] a, int size) {
        if (a == null) throw new IllegalArgumentException(name + " is null");
        if (a.length != size) {
            throw new IllegalArgumentException(name + ": expected " + size + " elements, array has " + a.length);
        }
    }
}
