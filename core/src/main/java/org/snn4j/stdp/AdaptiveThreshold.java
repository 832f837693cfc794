package org.snn4j.stdp;

import java.util.Arrays;

/**
 * Homeostasis by an adaptive threshold per neuron (Diehl &amp; Cook 2015): each step θ decays,
 * {@code θ ← θ·exp(−dt/τ_θ)}, and each spike raises the spiking neuron's, {@code θ ← θ + θ₊}. A neuron fires
 * when its membrane exceeds its base threshold plus θ, so a neuron that fires often needs more input to fire
 * again and others get their turn. {@link #frozen} stops both (as at test time).
 */
public final class AdaptiveThreshold {
    private final float[] theta;
    private final float plus;
    private final float decay;
    private boolean frozen;

    /**
     * @param neurons    neurons
     * @param initial    θ of every neuron at the start
     * @param thetaPlus  θ₊, the rise per spike
     * @param tauThetaMs τ_θ, in ms
     * @param dtMs       the step, in ms
     */
    public AdaptiveThreshold(int neurons, float initial, float thetaPlus, double tauThetaMs, double dtMs) {
        if (neurons < 1) throw new IllegalArgumentException("neurons must be >= 1, was " + neurons);
        if (!(thetaPlus >= 0)) throw new IllegalArgumentException("thetaPlus must be >= 0, was " + thetaPlus);
        if (!(tauThetaMs > 0) || !(dtMs > 0)) throw new IllegalArgumentException("tau_theta and dt must be > 0");
        this.theta = new float[neurons];
        Arrays.fill(theta, initial);
        this.plus = thetaPlus;
        this.decay = (float) Math.exp(-dtMs / tauThetaMs);
    }

    /** One step's decay of every θ (nothing when frozen). */
    public void decay() {
        if (frozen) return;
        float d = decay;
        for (int j = 0; j < theta.length; j++) theta[j] *= d;
    }

    /** Neurons {@code spikes[0..count)} fired: each θ rises by θ₊ (nothing when frozen). */
    public void spiked(int[] spikes, int count) {
        if (frozen) return;
        for (int k = 0; k < count; k++) theta[spikes[k]] += plus;
    }

    /** {@code steps} steps without spikes at once: {@code θ ← θ·exp(−dt/τ_θ)^steps} (nothing when frozen). */
    public void rest(int steps) {
        if (frozen) return;
        float d = (float) Math.pow(decay, steps);
        for (int j = 0; j < theta.length; j++) theta[j] *= d;
    }

    /** Neuron j's θ. */
    public float get(int j) {
        return theta[j];
    }

    /** Sets neuron j's θ (a saved network's, restored). */
    public void set(int j, float value) {
        theta[j] = value;
    }

    /** Stops (true) or resumes (false) adaptation: frozen, θ stays as it is. */
    public void freeze(boolean frozen) {
        this.frozen = frozen;
    }

    public boolean frozen() {
        return frozen;
    }

    public int size() {
        return theta.length;
    }
}
