package org.snn4j.stdp;

import java.util.Arrays;

/**
 * Homeostasis by an adaptive threshold per neuron (Diehl &amp; Cook 2015): each step θ decays towards its rest
 * level θ_rest, {@code θ ← θ_rest + (θ − θ_rest)·exp(−dt/τ_θ)}, and each spike raises the spiking neuron's,
 * {@code θ ← θ + θ₊}. A neuron fires when its membrane exceeds its base threshold plus θ, so a neuron that fires
 * often needs more input to fire again and others get their turn. {@link #frozen} stops both (as at test time).
 * θ is kept in double precision: with τ_θ = 1e7 ms and dt = 0.5 ms a step's decay factor is 1 − 5e-8, below
 * half a float's resolution at 1 (2⁻²⁴ ≈ 6e-8), so in float the factor rounds to 1 − 6e-8 and each product
 * θ·factor to whole units of θ's last place: θ then decays 1.2 to 2.4 times as fast as τ_θ says, in steps.
 */
public final class AdaptiveThreshold {
    private final double[] theta;
    private final double plus;
    private final double decay;
    private final double restLevel;
    private boolean frozen;

    /**
     * @param neurons    neurons
     * @param initial    θ of every neuron at the start
     * @param thetaPlus  θ₊, the rise per spike
     * @param tauThetaMs τ_θ, in ms
     * @param dtMs       the step, in ms
     */
    public AdaptiveThreshold(int neurons, float initial, float thetaPlus, double tauThetaMs, double dtMs) {
        this(neurons, initial, thetaPlus, tauThetaMs, dtMs, 0);
    }

    /**
     * @param neurons    neurons
     * @param initial    θ of every neuron at the start
     * @param thetaPlus  θ₊, the rise per spike
     * @param tauThetaMs τ_θ, in ms
     * @param dtMs       the step, in ms
     * @param restLevel  θ_rest, the level θ decays towards
     */
    public AdaptiveThreshold(int neurons, float initial, float thetaPlus, double tauThetaMs, double dtMs, double restLevel) {
        if (neurons < 1) throw new IllegalArgumentException("neurons must be >= 1, was " + neurons);
        if (!(thetaPlus >= 0)) throw new IllegalArgumentException("thetaPlus must be >= 0, was " + thetaPlus);
        if (!(tauThetaMs > 0) || !(dtMs > 0)) throw new IllegalArgumentException("tau_theta and dt must be > 0");
        if (!Double.isFinite(restLevel)) throw new IllegalArgumentException("the rest level must be finite, was " + restLevel);
        this.theta = new double[neurons];
        Arrays.fill(theta, initial);
        this.plus = thetaPlus;
        this.decay = Math.exp(-dtMs / tauThetaMs);
        this.restLevel = restLevel;
    }

    /** One step's decay of every θ (nothing when frozen). */
    public void decay() {
        if (frozen) return;
        double d = decay, r = restLevel;
        for (int j = 0; j < theta.length; j++) theta[j] = r + (theta[j] - r) * d;
    }

    /** Neurons {@code spikes[0..count)} fired: each θ rises by θ₊ (nothing when frozen). */
    public void spiked(int[] spikes, int count) {
        if (frozen) return;
        for (int k = 0; k < count; k++) theta[spikes[k]] += plus;
    }

    /** {@code steps} steps without spikes at once: {@code θ ← θ_rest + (θ − θ_rest)·exp(−dt/τ_θ)^steps} (nothing when frozen). */
    public void rest(int steps) {
        if (frozen) return;
        double d = Math.pow(decay, steps), r = restLevel;
        for (int j = 0; j < theta.length; j++) theta[j] = r + (theta[j] - r) * d;
    }

    /** Neuron j's θ. */
    public float get(int j) {
        return (float) theta[j];
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
