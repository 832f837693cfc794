package org.snn4j.stdp;

import java.util.Arrays;

/**
 * First-spike times of a {@code [channels, height, width]} map of neurons that fire at most once per sample
 * (row-major, channel first), {@link #NONE} for a neuron that stays silent. It is what first-spike coding makes of
 * an image and what a {@link ConvStdpLayer} makes of its input.
 *
 * @param channels channels (maps)
 * @param height   rows
 * @param width    columns
 * @param times    the step of each neuron's spike, or {@link #NONE}; {@code channels·height·width} of them
 */
public record SpikeMap(int channels, int height, int width, int[] times) {
    /** The time of a neuron that does not fire: after every step. */
    public static final int NONE = Integer.MAX_VALUE;

    public SpikeMap {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("spike map shape must be positive, was [" + channels + ", " + height + ", " + width + "]");
        }
        if (times.length != channels * height * width) {
            throw new IllegalArgumentException("spike map [" + channels + ", " + height + ", " + width + "] needs "
                    + channels * height * width + " times, has " + times.length);
        }
    }

    /**
     * Intensity-to-latency coding (time to first spike): pixel value {@code v} ∈ [0, 1] fires at step
     * {@code floor((1 − v)·steps)} (clipped to {@code steps − 1}), the brightest first; a value at or below
     * {@code silentBelow} does not fire.
     *
     * @param image  {@code [channels, height, width]} values
     * @param steps  the number of time steps, ≥ 1
     */
    public static SpikeMap firstSpike(float[] image, int channels, int height, int width, int steps, float silentBelow) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, was " + steps);
        int[] t = new int[image.length];
        for (int i = 0; i < image.length; i++) {
            float v = image[i];
            t[i] = v <= silentBelow ? NONE : Math.min(steps - 1, Math.max(0, (int) Math.floor((1.0 - v) * steps)));
        }
        return new SpikeMap(channels, height, width, t);
    }

    /** The spike time at {@code (c, y, x)}. */
    public int time(int c, int y, int x) {
        return times[(c * height + y) * width + x];
    }

    /**
     * Max pooling in time: each {@code size × size} window (stride {@code size}, a ragged edge dropped) keeps its
     * earliest spike, the first-spike analogue of max pooling.
     */
    public SpikeMap pool(int size) {
        if (size < 1) throw new IllegalArgumentException("pool size must be >= 1, was " + size);
        if (size == 1) return this;
        int oh = height / size;
        int ow = width / size;
        if (oh < 1 || ow < 1) throw new IllegalArgumentException("pool " + size + " larger than the map " + height + "x" + width);
        int[] out = new int[channels * oh * ow];
        Arrays.fill(out, NONE);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < oh * size; y++) {
                for (int x = 0; x < ow * size; x++) {
                    int o = (c * oh + y / size) * ow + x / size;
                    out[o] = Math.min(out[o], time(c, y, x));
                }
            }
        }
        return new SpikeMap(channels, oh, ow, out);
    }

    /**
     * The map as features for a readout: {@code (steps − t) / steps} for a spike at step t (earlier is larger, in
     * (0, 1]), 0 for silence.
     */
    public float[] earliness(int steps) {
        float[] f = new float[times.length];
        for (int i = 0; i < times.length; i++) f[i] = times[i] == NONE ? 0f : (float) (steps - times[i]) / steps;
        return f;
    }

    /** How many neurons fired. */
    public int spikes() {
        int n = 0;
        for (int t : times) if (t != NONE) n++;
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpikeMap m && m.channels == channels && m.height == height && m.width == width && Arrays.equals(m.times, times);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(times) * 31 + channels * 7 + height * 3 + width;
    }

    @Override
    public String toString() {
        return "SpikeMap[" + channels + ", " + height + ", " + width + "], " + spikes() + " spikes";
    }
}
