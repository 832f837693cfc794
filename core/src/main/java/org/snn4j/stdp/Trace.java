package org.snn4j.stdp;

import java.util.Arrays;

/**
 * A spike trace per neuron, in discrete time with step {@code dt}: each step it decays,
 * {@code x ← x·exp(−dt/τ)}, and then a spike of the step adds to it ({@link Kind#ALL_TO_ALL}:
 * {@code x ← x + 1}, every earlier spike still counting) or sets it ({@link Kind#NEAREST}: {@code x ← 1},
 * only the latest spike counting). Spikes are events (0/1); a trace is what an STDP rule reads to know how
 * long ago, and how often, a neuron fired.
 */
public final class Trace {
    /** How a spike enters the trace. */
    public enum Kind {
        /** {@code x ← x + 1}: all spike pairs interact (the classical trace of pair STDP). */
        ALL_TO_ALL,
        /** {@code x ← 1}: only the nearest spike counts (the trace of Diehl &amp; Cook's reference code). */
        NEAREST
    }

    private final float[] values;
    private final float decay;
    private final Kind kind;

    /**
     * @param size  neurons
     * @param tauMs the time constant τ, in ms
     * @param dtMs  the step, in ms
     */
    public Trace(int size, double tauMs, double dtMs, Kind kind) {
        if (size < 1) throw new IllegalArgumentException("trace size must be >= 1, was " + size);
        if (!(tauMs > 0) || !(dtMs > 0)) throw new IllegalArgumentException("tau and dt must be > 0, were " + tauMs + ", " + dtMs);
        this.values = new float[size];
        this.decay = (float) Math.exp(-dtMs / tauMs);
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    /** One step's decay of every neuron's trace: {@code x ← x·exp(−dt/τ)}. */
    public void decay() {
        float d = decay;
        for (int i = 0; i < values.length; i++) values[i] *= d;
    }

    /** Neuron {@code i} spiked this step: {@code x ← x + 1} or, nearest-spike, {@code x ← 1}. */
    public void spike(int i) {
        values[i] = kind == Kind.NEAREST ? 1f : values[i] + 1f;
    }

    /** The spikes {@code indices[0..count)} of this step, each as {@link #spike}. */
    public void spikes(int[] indices, int count) {
        for (int k = 0; k < count; k++) spike(indices[k]);
    }

    /** Neuron {@code i}'s trace. */
    public float get(int i) {
        return values[i];
    }

    /** The factor one step multiplies the trace by, {@code exp(−dt/τ)}. */
    public float decayPerStep() {
        return decay;
    }

    public int size() {
        return values.length;
    }

    /** Every trace back to 0 (a long rest). */
    public void reset() {
        Arrays.fill(values, 0f);
    }
}
