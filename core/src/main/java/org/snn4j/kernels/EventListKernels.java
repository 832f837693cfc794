package org.snn4j.kernels;

import java.util.concurrent.atomic.LongAdder;

/**
 * The event-driven convolution fed by event lists instead of dense images: what an event camera's
 * recording binned into frames gives without ever building the frames. It runs {@link EventKernels}'
 * own tap lists and k-block sums, so its output is bit-identical to {@link EventKernels#convForward} (and
 * so to the GEMM) on the images that hold those events, at a cost in proportion to the events.
 */
public final class EventListKernels {
    private EventListKernels() {}

    /**
     * The convolution of images given as event lists: the events of input channel ci of image i are
     * {@code (index[e], value[e])} for e in {@code [start[i·c + ci], start[i·c + ci + 1])}, positions
     * {@code iy·w + ix} strictly ascending, values non-zero (a zero value would still add its taps, where a
     * zero in a dense image adds none).
     *
     * @param start {@code g.n()·g.c() + 1} list boundaries, non-decreasing from 0
     * @param weightChannelLast {@code [c, kh, kw, padded(outC)]} ({@link EventKernels#transposed}); read
     * @param bias {@code [outC]} or {@code null}; read
     * @param y {@code [n, outC, outH, outW]}; overwritten
     * @return synaptic operations done, as {@link EventKernels#convForward} counts them
     * @throws IllegalArgumentException when a list is out of order, a position outside the image or an array of the wrong size
     */
    public static long convForward(ConvGeometry g, int[] start, int[] index, float[] value, float[] weightChannelLast,
                                   float[] bias, float[] y) {
        EventKernels.check("weight", weightChannelLast, g.patch() * EventKernels.padded(g.outC()));
        if (bias != null) EventKernels.check("bias", bias, g.outC());
        EventKernels.check("y", y, g.outputSize());
        checkLists(g, start, index, value);
        LongAdder ops = new LongAdder();
        Parallel.forRange(g.n(), 4, (from, to) -> {
            EventKernels.Buffers b = EventKernels.BUFFERS.get();
            EventKernels.Plan plan = b.planFor(g);
            b.fitConvolution(g, plan);
            long done = 0;
            for (int image = from; image < to; image++) {
                EventKernels.startImage(g, plan, b);
                for (int ci = 0; ci < g.c(); ci++) {
                    int list = image * g.c() + ci;
                    TapScatter.scatter(g, plan, ci, index, value, start[list], start[list + 1], b);
                }
                done += EventKernels.finishImage(EventKernels.KERNEL, g, plan, weightChannelLast, bias, y, image * g.outC() * g.outPlane(), b);
            }
            ops.add(done);
        });
        return ops.sum();
    }

    private static void checkLists(ConvGeometry g, int[] start, int[] index, float[] value) {
        int lists = g.n() * g.c(), positions = g.h() * g.w();
        if (start == null || start.length != lists + 1 || start[0] != 0) {
            throw new IllegalArgumentException("start: expected " + (lists + 1) + " list boundaries from 0");
        }
        if (start[lists] > index.length || start[lists] > value.length) {
            throw new IllegalArgumentException("lists hold " + start[lists] + " events, index " + index.length + ", value " + value.length);
        }
        for (int l = 0; l < lists; l++) {
            if (start[l + 1] < start[l]) throw new IllegalArgumentException("list " + l + " ends before it starts");
            for (int e = start[l], last = -1; e < start[l + 1]; e++) {
                if (index[e] <= last || index[e] >= positions) {
                    throw new IllegalArgumentException("list " + l + ": position " + index[e] + " after " + last + " (of " + positions + ")");
                }
                last = index[e];
            }
        }
    }
}
