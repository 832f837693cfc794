package org.snn4j.kernels;

/**
 * Which surrogate derivative g'(x) the fused neuron loops inline, on the normalised argument
 * x = (H − θ)/θ; the loops use ∂S/∂H = g'(x)/θ. Parameters p1, p2 are those of {@link SurrogateSpec}.
 */
public enum SurrogateKind {
    /** g'(x) = 1/w for |x| &lt; w/2, else 0; p1 = width w. */
    RECTANGULAR,
    /** g'(x) = γ · max(0, 1 − |x|); p1 = γ (Rathi's and DIET-SNN's "linear" with γ = 0.3). */
    TRIANGLE,
    /** g'(x) = k / (2 (1 + k|x|)²); p1 = slope k. */
    FAST_SIGMOID,
    /** g'(x) = (a/2) / (1 + (π a x / 2)²); p1 = slope a. */
    ARCTAN,
    /**
     * Rathi's spike-time-dependent derivative g' = α_s · exp(−β_s · Δt), independent of x;
     * Δt = steps since the neuron's previous spike (before the current step); p1 = α_s, p2 = β_s.
     */
    STDB,
    /** Lee et al.'s straight-through derivative at spike times with the leak-aware factor NG. */
    LEE,
    /** Lee et al.'s derivative with NG ≡ 1 (ablation of the leak-aware factor). */
    LEE_NO_LEAK_FACTOR,
    /**
     * Lee et al.'s spiking pooling neurons: the plain straight-through estimator at spike times, without NG
     * and without the 1/θ factor (their code's {@code Pooling_sNeuron}).
     */
    LEE_POOL;

    /** Whether this is one of Lee et al.'s reset-gated, leak-free derivatives (a different reverse loop). */
    public boolean isLee() {
        return this == LEE || this == LEE_NO_LEAK_FACTOR || this == LEE_POOL;
    }
}
