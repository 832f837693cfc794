package org.snn4j.kernels;

/**
 * The neurons of one stepped layer (see {@link StepNeurons} for the equations): a leaky membrane fed by a
 * synaptic current with its own decay and fired at a threshold that jumps with each spike and decays. A plain
 * LIF has no synaptic decay (β = 0: the current is the input) and no jump (b = 0); a current-based LIF
 * (CubaLIF) has β &gt; 0; an adaptive LIF (ALIF) has b &gt; 0.
 *
 * @param leak            α in H[t] = α·V[t−1] + I[t]
 * @param synapticDecay   β in I[t] = β·I[t−1] + C[t] (0: I = C)
 * @param adaptationDecay ρ in A[t] = ρ·A[t−1] + S[t]
 * @param adaptationJump  b in Θ[t] = θ + b·A[t−1] (0: a fixed threshold)
 * @param threshold       θ &gt; 0, the threshold at rest and the surrogate's width unit
 * @param strictFire      S = 1[H &gt; Θ] when true, else 1[H ≥ Θ]
 * @param subtractReset   V = H − Θ·S when true (soft), else V = H·(1 − S) (hard)
 * @param detachReset     the reset path carries no gradient through S
 * @param surrogate       the derivative used in the reverse step (a surrogate with a formula in x: not Lee's, not STDB)
 */
public record StepNeuronSpec(float leak, float synapticDecay, float adaptationDecay, float adaptationJump, float threshold,
                             boolean strictFire, boolean subtractReset, boolean detachReset, SurrogateSpec surrogate) {
    public StepNeuronSpec {
        if (surrogate == null) throw new NullPointerException("surrogate");
        SurrogateKind kind = surrogate.kind();
        if (kind.isLee() || kind == SurrogateKind.STDB) {
            throw new IllegalArgumentException(kind + " is not a function of the membrane; stepped neurons need one that is");
        }
        if (!(threshold > 0) || !Float.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite and > 0, was " + threshold);
        }
        for (float f : new float[] {leak, synapticDecay, adaptationDecay, adaptationJump}) {
            if (!Float.isFinite(f)) throw new IllegalArgumentException("neuron constants must be finite: " + this);
        }
    }
}
