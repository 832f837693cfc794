package org.snn4j.kernels;

/**
 * A convolution's weight and bias gradients from the events of its input: what {@link Conv2dKernels#backwardWeights}
 * computes by a GEMM over every input, here with work in proportion to the non-zero inputs (spikes, pooled
 * spikes).
 *
 * <p>{@code ∂L/∂W[o, c, ki, kj] = Σ_images Σ_(iy, ix) x[c, iy, ix] · ∂L/∂y[o, oy, ox]} over the inputs that tap
 * (ki, kj) carries to output (oy, ox). A chunk of images has its output gradient laid out channel last,
 * {@code [image, oy, ox, padded(outC)]}; every event lists, for each tap that reaches an output, that output's
 * row and its value, so each (c, ki, kj) has one list over the chunk's events of channel c, and
 * {@link EventKernel#sum} adds {@code Σ value · row} into a channel-last accumulator {@code [c, ki, kj, outC]}
 * with outC accumulators in vector registers: the transposed accumulation of the event forward. Images are
 * split over the threads of {@link Parallel}, each with its own accumulator, added into the gradient in
 * thread order (so a run is reproducible for a given thread count).
 *
 * <p>The products are those of the dense GEMM, summed in another order, so the result differs from it by
 * rounding only: each element of either is within {@code n·u·Σ|x·∂L/∂y|} of the exact sum (n terms, u = 2⁻²⁴;
 * Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §3.1), so the two are within twice that of
 * each other ({@code EventWeightGradientTest} checks this bound, and equality where no input is non-zero). The
 * bias gradient, {@code Σ ∂L/∂y} per channel, is summed in double.
 */
public final class EventWeightGradient {
    /** Output-gradient rows per chunk: the channel-last rows of a chunk stay within a core's L2 (about 256 kB). */
    private static final int CHUNK_FLOATS = 64 * 1024;
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private EventWeightGradient() {}

    /** One thread's scratch, grown on demand. */
    private static final class Buffers {
        float[] rows = new float[0], value = new float[0], eventValue = new float[0];
        int[] offset = new int[0], eventIndex = new int[0], eventsOf = new int[0];

        void fit(int rowFloats, int listEntries, int events, int lists) {
            if (rows.length < rowFloats) rows = new float[rowFloats];
            if (offset.length < listEntries) {
                offset = new int[listEntries];
                value = new float[listEntries];
            }
            if (eventIndex.length < events) {
                eventIndex = new int[events];
                eventValue = new float[events];
            }
            if (eventsOf.length < lists + 1) eventsOf = new int[lists + 1];
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
        int row = EventKernels.padded(g.outC()), lists = g.patch();
        int threads = Math.max(1, Math.min(Parallel.threads(), g.n()));
        float[][] partial = new float[threads][];
        Parallel.forRange(threads, 1, (from, to) -> {
            for (int s = from; s < to; s++) {
                float[] acc = new float[lists * row];
                int first = (int) ((long) g.n() * s / threads), end = (int) ((long) g.n() * (s + 1) / threads);
                accumulate(g, x, dy, first, end, acc);
                partial[s] = acc;
            }
        });
        int outC = g.outC();
        for (float[] acc : partial) {
            for (int o = 0; o < outC; o++) {
                for (int k = 0; k < lists; k++) dWeight[o * lists + k] += acc[k * row + o];
            }
        }
        if (dBias != null) {
            int plane = g.outPlane();
            for (int o = 0; o < outC; o++) {
                double sum = 0;
                for (int i = 0; i < g.n(); i++) {
                    for (int p = (i * outC + o) * plane, e = p + plane; p < e; p++) sum += dy[p];
                }
                dBias[o] += (float) sum;
            }
        }
    }

    /** Adds into {@code acc} ({@code [c·kh·kw, padded(outC)]}) the gradient of images [first, end), a chunk at a time. */
    private static void accumulate(ConvGeometry g, float[] x, float[] dy, int first, int end, float[] acc) {
        int outC = g.outC(), row = EventKernels.padded(outC), plane = g.outPlane(), positions = g.h() * g.w();
        int c = g.c(), kh = g.kh(), kw = g.kw(), taps = kh * kw;
        int chunk = Math.max(1, Math.min(end - first, CHUNK_FLOATS / Math.max(1, plane * row)));
        int[] reach = reach(g);
        Buffers b = BUFFERS.get();
        b.fit(chunk * plane * row, chunk * positions, chunk * positions, chunk);
        EventKernel kernel = EventKernels.KERNEL;
        for (int i0 = first; i0 < end; i0 += chunk) {
            int images = Math.min(chunk, end - i0);
            // the chunk's output gradient, channel last: rows[(image·plane + p)·row + o] (padding left zero)
            for (int bi = 0; bi < images; bi++) {
                int src = (i0 + bi) * outC * plane, dst = bi * plane * row;
                for (int o = 0; o < outC; o++) {
                    for (int p = 0; p < plane; p++) b.rows[dst + p * row + o] = dy[src + o * plane + p];
                }
            }
            for (int ci = 0; ci < c; ci++) {
                // channel ci's events in the chunk's images, image by image
                int events = 0;
                for (int bi = 0; bi < images; bi++) {
                    b.eventsOf[bi] = events;
                    events += kernel.gather(x, ((i0 + bi) * c + ci) * positions, positions, b.eventIndex, b.eventValue, events);
                }
                b.eventsOf[images] = events;
                if (events == 0) continue;
                for (int ki = 0; ki < kh; ki++) {
                    for (int kj = 0; kj < kw; kj++) {
                        int n = list(b, images, plane, row, reach, taps, ki * kw + kj);
                        if (n > 0) kernel.sum(0, n, b.offset, b.value, b.rows, acc, (ci * taps + ki * kw + kj) * row, row, EventKernel.Into.ADD);
                    }
                }
            }
        }
    }

    /** Lists, for tap {@code tap}, every event of the current channel that reaches an output: that output's row offset and the event's value. */
    private static int list(Buffers b, int images, int plane, int row, int[] reach, int taps, int tap) {
        int n = 0;
        for (int bi = 0; bi < images; bi++) {
            int base = bi * plane;
            for (int e = b.eventsOf[bi]; e < b.eventsOf[bi + 1]; e++) {
                int out = reach[b.eventIndex[e] * taps + tap];
                if (out < 0) continue;
                b.offset[n] = (base + out) * row;
                b.value[n++] = b.eventValue[e];
            }
        }
        return n;
    }

    /** {@code reach[p·taps + t]}: the output position (oy·outW + ox) that tap t carries input position p to, or −1. */
    private static int[] reach(ConvGeometry g) {
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
                        reach[p * taps + rows.tap()[r] * g.kw() + cols.tap()[q]] = rows.out()[r] + cols.out()[q];
                    }
                }
            }
        }
        return reach;
    }
}
