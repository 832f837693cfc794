package org.snn4j.neuron;

import java.util.Locale;
import org.snn4j.Snn4jException;
import org.snn4j.kernels.StepNeuronSpec;

/**
 * The neurons of a {@link RecurrentNeuronLayer}, run one step at a time (equations in
 * {@link org.snn4j.kernels.StepNeurons}): a leaky membrane with leak α fed by a synaptic current, fired at
 * a threshold that may adapt. Three kinds, as snnTorch's Leaky/Synaptic and Bellec et al.'s LSNN:
 * <ul>
 *   <li>{@code lif}: H[t] = α·V[t−1] + C[t], threshold θ;</li>
 *   <li>{@code cubalif} (current-based LIF, NIR's CubaLIF): I[t] = β·I[t−1] + C[t] with its own decay β,
 *       H[t] = α·V[t−1] + I[t];</li>
 *   <li>{@code alif} (adaptive threshold): Θ[t] = θ + b·A[t−1], A[t] = ρ·A[t−1] + S[t]: the threshold jumps by
 *       b with each spike and relaxes with ρ; its gradient flows through the threshold as well.</li>
 * </ul>
 * Membranes, currents and traces start at zero.
 *
 * @param kind            which of the three
 * @param leak            α in (0, 1]
 * @param synapticDecay   β in [0, 1) ({@code cubalif} only, else 0)
 * @param adaptationDecay ρ in [0, 1] ({@code alif} only, else 0)
 * @param adaptationJump  b ≥ 0 ({@code alif} only, else 0)
 * @param threshold       θ &gt; 0 (the resting threshold for {@code alif})
 * @param reset           ZERO (hard) or SUBTRACT (soft, by the current threshold)
 * @param fire            STRICT (H &gt; Θ) or NON_STRICT (H ≥ Θ)
 */
public record StepNeuron(Kind kind, float leak, float synapticDecay, float adaptationDecay, float adaptationJump,
                         float threshold, Reset reset, FireTest fire) {
    /** The three kinds of stepped neuron. */
    public enum Kind {
        LIF, CUBALIF, ALIF;

        /** The name specs and flags use: {@code lif}, {@code cubalif}, {@code alif}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public StepNeuron {
        if (kind == null || reset == null || fire == null) throw new NullPointerException("kind, reset and fire are required");
        if (!(leak > 0 && leak <= 1)) throw new Snn4jException(kind.label() + ": leak must be in (0, 1], was " + leak);
        if (!(synapticDecay >= 0 && synapticDecay < 1) || (kind != Kind.CUBALIF && synapticDecay != 0)) {
            throw new Snn4jException(kind.label() + ": synaptic decay must be in [0, 1) and only set for cubalif, was "
                    + synapticDecay);
        }
        if (!(adaptationDecay >= 0 && adaptationDecay <= 1) || !(adaptationJump >= 0) || !Float.isFinite(adaptationJump)
                || (kind != Kind.ALIF && (adaptationDecay != 0 || adaptationJump != 0))) {
            throw new Snn4jException(kind.label() + ": adaptation decay must be in [0, 1] and jump finite and >= 0, only for"
                    + " alif; were " + adaptationDecay + ", " + adaptationJump);
        }
        if (!(threshold > 0) || !Float.isFinite(threshold)) {
            throw new Snn4jException(kind.label() + ": threshold must be finite and > 0, was " + threshold);
        }
    }

    /** LIF with leak α, threshold θ, subtract reset, strict test. */
    public static StepNeuron lif(float leak, float threshold) {
        return new StepNeuron(Kind.LIF, leak, 0f, 0f, 0f, threshold, Reset.SUBTRACT, FireTest.STRICT);
    }

    /** CubaLIF with membrane leak α, synaptic decay β, threshold θ, subtract reset, strict test. */
    public static StepNeuron cubaLif(float leak, float synapticDecay, float threshold) {
        return new StepNeuron(Kind.CUBALIF, leak, synapticDecay, 0f, 0f, threshold, Reset.SUBTRACT, FireTest.STRICT);
    }

    /** ALIF with leak α, adaptation decay ρ and jump b, resting threshold θ, subtract reset, strict test. */
    public static StepNeuron alif(float leak, float adaptationDecay, float adaptationJump, float threshold) {
        return new StepNeuron(Kind.ALIF, leak, 0f, adaptationDecay, adaptationJump, threshold, Reset.SUBTRACT, FireTest.STRICT);
    }

    /** The same neuron with another reset. */
    public StepNeuron withReset(Reset reset) {
        return new StepNeuron(kind, leak, synapticDecay, adaptationDecay, adaptationJump, threshold, reset, fire);
    }

    /** The spec the kernels run with {@code surrogate}. */
    public StepNeuronSpec spec(Surrogate surrogate, boolean detachReset) {
        return new StepNeuronSpec(leak, synapticDecay, adaptationDecay, adaptationJump, threshold, fire == FireTest.STRICT,
                reset == Reset.SUBTRACT, detachReset, surrogate.spec());
    }
}
