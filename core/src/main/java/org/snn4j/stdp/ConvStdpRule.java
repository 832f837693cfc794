package org.snn4j.stdp;

/**
 * The simplified STDP of Kheradpisheh et al. 2018 for neurons that fire at most once: when a neuron wins, each of its
 * synapses changes by
 * <pre>
 *   Δw = a₊·w·(1 − w)   if t_pre ≤ t_post  (the input fired before or with the output)
 *   Δw = a₋·w·(1 − w)   otherwise            (it fired later or not at all)
 * </pre>
 * with a₊ &gt; 0 and a₋ &lt; 0; the time difference does not matter, only the order. The factor w(1 − w) keeps
 * the weights in [0, 1] without clipping and drives them towards 0 or 1.
 *
 * @param aPlus  a₊ &gt; 0
 * @param aMinus a₋ &lt; 0
 */
public record ConvStdpRule(float aPlus, float aMinus) {
    public ConvStdpRule {
        if (!(aPlus > 0) || aPlus >= 1) throw new IllegalArgumentException("aPlus must be in (0, 1), was " + aPlus);
        if (!(aMinus < 0) || aMinus <= -1) throw new IllegalArgumentException("aMinus must be in (-1, 0), was " + aMinus);
    }

    /** The paper's first-layer rates: a₊ = 0.004, a₋ = −0.003. */
    public static ConvStdpRule kheradpisheh() {
        return new ConvStdpRule(0.004f, -0.003f);
    }

    /** The same rule with both rates times {@code factor} (the paper doubles them as learning goes on). */
    public ConvStdpRule scaled(double factor) {
        return new ConvStdpRule((float) (aPlus * factor), (float) (aMinus * factor));
    }

    /** The new weight of a synapse of weight {@code w} whose input fired at {@code pre} and output at {@code post}. */
    public float update(float w, int pre, int post) {
        float rate = pre <= post ? aPlus : aMinus;
        return w + rate * w * (1f - w);
    }
}
