package org.snn4j.events;

import java.util.Arrays;
import java.util.List;
import org.snn4j.tensor.Tensor;

/**
 * A batch of recordings binned into frames without building the frames: for every step t, sample n and
 * channel c, the list of the frame's non-zero pixels (position {@code y·W + x} ascending, event count as
 * value). List {@code l = (t·N + n)·C + c} holds entries {@code [start[l], start[l + 1])} of {@link #index}
 * and {@link #value}: the layout of a {@code [T, N, C, H, W]} sequence, which {@link #dense} builds and
 * whose non-zero entries these are. Made in time proportional to the events, for a network's first layer
 * to read by events (the engine's event input).
 */
public final class SparseFrames {
    private final int steps;
    private final int samples;
    private final int channels;
    private final int height;
    private final int width;
    private final int[] start;
    private final int[] index;
    private final float[] value;

    private SparseFrames(int steps, int samples, int channels, int height, int width, int[] start, int[] index, float[] value) {
        this.steps = steps;
        this.samples = samples;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.start = start;
        this.index = index;
        this.value = value;
    }

    /**
     * The frames of {@code recordings} (one sample each, all from one sensor) as {@code binning} makes them.
     *
     * @throws IllegalArgumentException when there is no recording or the sensors differ
     */
    public static SparseFrames of(FrameBinning binning, List<Events> recordings) {
        if (recordings.isEmpty()) throw new IllegalArgumentException("no recordings");
        int w = recordings.getFirst().width(), h = recordings.getFirst().height();
        int n = recordings.size(), steps = binning.frames(), c = binning.channels(), plane = w * h;
        int[][] bounds = new int[n][];
        long total = 0;
        for (int s = 0; s < n; s++) {
            Events e = recordings.get(s);
            if (e.width() != w || e.height() != h) {
                throw new IllegalArgumentException("recording " + s + " is from a " + e.width() + "x" + e.height() + " sensor, recording 0 from "
                        + w + "x" + h);
            }
            bounds[s] = binning.bounds(e);
            for (int f = 0; f < steps; f++) total += bounds[s][2 * f + 1] - bounds[s][2 * f];
        }
        if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(total + " events in one batch");
        int[] start = new int[steps * n * c + 1];
        int[] index = new int[(int) total];
        float[] value = new float[(int) total];
        float[] count = new float[c * plane];
        int[] touched = new int[c * plane];
        int at = 0;
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < n; s++) {
                Events e = recordings.get(s);
                int k = 0;
                for (int i = bounds[s][2 * t], to = bounds[s][2 * t + 1]; i < to; i++) {
                    int key = (c == 2 ? e.polarity(i) * plane : 0) + e.y(i) * w + e.x(i);
                    if (count[key] == 0) touched[k++] = key;
                    count[key] += 1;
                }
                Arrays.sort(touched, 0, k);  // channel, then position: the lists' order
                int list = (t * n + s) * c;
                int j = 0;
                for (int ch = 0; ch < c; ch++) {
                    start[list + ch] = at;
                    for (; j < k && touched[j] < (ch + 1) * plane; j++) {
                        index[at] = touched[j] - ch * plane;
                        value[at++] = count[touched[j]];
                        count[touched[j]] = 0;
                    }
                }
            }
        }
        start[steps * n * c] = at;
        return new SparseFrames(steps, n, c, h, w, start, Arrays.copyOf(index, at), Arrays.copyOf(value, at));
    }

    /** Frames per sample (T). */
    public int steps() {
        return steps;
    }

    /** Samples (N). */
    public int samples() {
        return samples;
    }

    /** Channels per frame (C). */
    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** {@code [T, N, C, H, W]}. */
    public int[] shape() {
        return new int[] {steps, samples, channels, height, width};
    }

    /** List boundaries, {@code T·N·C + 1} of them (the array itself: do not modify). */
    public int[] start() {
        return start;
    }

    /** Positions {@code y·W + x} of the non-zero pixels, list after list (the array itself: do not modify). */
    public int[] index() {
        return index;
    }

    /** Event counts of the non-zero pixels (the array itself: do not modify). */
    public float[] value() {
        return value;
    }

    /** Non-zero pixels over all frames. */
    public int nonZero() {
        return index.length;
    }

    /** The frames as a dense {@code [T, N, C, H, W]} sequence. */
    public Tensor dense() {
        Tensor t = Tensor.zeros(shape());
        float[] d = t.data();
        int plane = height * width;
        for (int l = 0; l + 1 < start.length; l++) {
            for (int e = start[l]; e < start[l + 1]; e++) d[l * plane + index[e]] = value[e];
        }
        return t;
    }
}
