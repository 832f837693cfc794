package org.snn4j.kernels;

import java.util.Arrays;

/**
 * The events of a spike-fed convolution's input, listed once for {@link EventWeightGradient}'s tasks: every
 * chunk of images, channel by channel, the events of the chunk's images one image after the other in index
 * order, each as its row offset in the chunk's frames (image in the chunk · frame floats + the frame row of its
 * position, times the 16 channels of a block) and its value. The chunks are listed in parallel, split over the
 * threads as the images of a batch are ({@link Parallel#forParts}), each part into lists of its own; then every
 * output-channel block task reads them all. Where each thread listed every image itself, listing cost each of
 * two threads about what it cost one (W1's second convolution: the gather's samples 55 at one thread, 96-104
 * at two).
 *
 * <p>A chunk's channel with a non-finite input is not kept (its block tasks list it per tap from the input
 * itself), and with a frame that is not shifted nothing is listed. One instance per calling thread, reused: a
 * part's lists grow to the most events it has held and stay.
 */
final class WeightGradientEvents {
    /** One part's lists: row offsets and values, events of its chunks one after the other. */
    static final class Part {
        int[] offset = new int[0];
        float[] value = new float[0];

        /** Room for {@code events} events, keeping those held. */
        void fit(int events) {
            if (offset.length >= events) return;
            int size = Math.max(events, offset.length + (offset.length >> 1));
            offset = Arrays.copyOf(offset, size);
            value = Arrays.copyOf(value, size);
        }
    }

    private Part[] parts = new Part[0];
    /** Per chunk: the part that holds its lists. */
    private Part[] owner = new Part[0];
    /** Per chunk q and channel ci, at q·(c + 1) + ci: where its events start in its part; ci = c: the end. */
    private int[] start = new int[0];
    /** Per chunk q and channel ci, at q·c + ci: whether its events are listed (shifted frame, all finite). */
    private boolean[] listed = new boolean[0];
    private int channels;

    /**
     * Lists the events of {@code x} ({@code [n, c, h, w]}) of the chunks [q0, q1) of {@code chunk} images, an event
     * of position p of the chunk's image bi at row offset {@code bi·image + at[p]}; those of earlier chunks may be
     * overwritten.
     */
    void list(ConvGeometry g, float[] x, int chunk, int image, int[] at, boolean shifted, int q0, int q1) {
        int c = g.c();
        fit(Math.ceilDiv(g.n(), chunk), c, Parallel.threads());
        channels = c;
        if (!shifted) {
            Arrays.fill(listed, q0 * c, q1 * c, false);
            return;
        }
        Parallel.forParts(q1 - q0, 1, (part, from, to) -> list(g, x, chunk, image, at, q0 + from, q0 + to, parts[part]));
    }

    private void fit(int chunks, int c, int threads) {
        if (parts.length < threads) {
            int had = parts.length;
            parts = Arrays.copyOf(parts, threads);
            for (int i = had; i < threads; i++) parts[i] = new Part();
        }
        if (owner.length < chunks) owner = new Part[chunks];
        if (start.length < chunks * (c + 1)) start = new int[chunks * (c + 1)];
        if (listed.length < chunks * c) listed = new boolean[chunks * c];
    }

    /** The chunks [q0, q1) into {@code part}, from its start. */
    private void list(ConvGeometry g, float[] x, int chunk, int image, int[] at, int q0, int q1, Part part) {
        int c = g.c(), n = g.n(), positions = g.h() * g.w(), events = 0;
        EventKernel kernel = EventKernels.KERNEL;
        for (int q = q0; q < q1; q++) {
            int i0 = q * chunk, images = Math.min(chunk, n - i0), s = q * (c + 1);
            owner[q] = part;
            part.fit(events + c * images * positions);    // the gather may write a plane's worth past its events
            for (int ci = 0; ci < c; ci++) {
                start[s + ci] = events;
                boolean finite = true;
                for (int bi = 0; bi < images; bi++) {
                    int from = events;
                    events += kernel.gather(x, ((i0 + bi) * c + ci) * positions, positions, part.offset, part.value, events);
                    for (int e = from; e < events; e++) {
                        part.offset[e] = bi * image + at[part.offset[e]];
                        finite &= Float.isFinite(part.value[e]);
                    }
                }
                listed[q * c + ci] = finite;
                if (!finite) events = start[s + ci];    // listed per tap by the block tasks
            }
            start[s + c] = events;
        }
    }

    /** Whether channel ci of chunk q is listed here (else it is listed per tap). */
    boolean listed(int q, int ci) {
        return listed[q * channels + ci];
    }

    /** The first event of channel ci of chunk q in {@link #part}'s lists. */
    int from(int q, int ci) {
        return start[q * (channels + 1) + ci];
    }

    /** The end of channel ci's events of chunk q. */
    int to(int q, int ci) {
        return start[q * (channels + 1) + ci + 1];
    }

    /** The part that holds chunk q's lists. */
    Part part(int q) {
        return owner[q];
    }
}
