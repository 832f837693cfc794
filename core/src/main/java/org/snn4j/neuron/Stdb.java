package org.snn4j.neuron;

import org.snn4j.kernels.SurrogateKind;
import org.snn4j.kernels.SurrogateSpec;

/**
 * Rathi et al.'s spike-time-dependent surrogate (STDB): g' = α_s · exp(−β_s · Δt), where Δt is the
 * number of steps since the neuron's previous spike (before the current step). It does not depend on
 * x and has no primitive. Project reading (the paper notes give only "time since the last spike"): a
 * neuron that has not spiked yet counts Δt from step 0, so at step t (1-based) Δt = t.
 *
 * @param alpha α_s &gt; 0 (default 0.3)
 * @param beta  β_s ≥ 0 (default 0.01)
 */
public record Stdb(double alpha, double beta) implements Surrogate {
    public Stdb {
        Surrogates.requirePositive("stdb alpha", alpha);
        if (!(beta >= 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("stdb beta must be >= 0, was " + beta);
    }

    public Stdb() {
        this(0.3, 0.01);
    }

    @Override
    public String name() {
        return "stdb";
    }

    @Override
    public SurrogateSpec spec() {
        return new SurrogateSpec(SurrogateKind.STDB, (float) alpha, (float) beta);
    }

    @Override
    public boolean hasPrimitive() {
        return false;
    }

    @Override
    public double primitive(double x) {
        throw new UnsupportedOperationException("stdb has no primitive");
    }

    @Override
    public double derivative(double x) {
        throw new UnsupportedOperationException("stdb depends on the time since the last spike; use derivativeAt");
    }

    /** g' = α_s · exp(−β_s · Δt) for Δt steps since the previous spike. */
    public double derivativeAt(int dt) {
        return alpha * Math.exp(-beta * dt);
    }
}
