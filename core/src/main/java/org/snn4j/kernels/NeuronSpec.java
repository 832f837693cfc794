package org.snn4j.kernels;

/**
 * Everything the fused neuron loops need to know about one layer's neurons (see {@link NeuronLoops}
 * for the equations).
 *
 * @param leak               α in H[t] = α·V[t−1] + X[t] (1 = IF)
 * @param threshold          θ &gt; 0
 * @param halfThresholdStart V[0] = θ/2 when true, else V[0] = 0
 * @param strictFire         S = 1[H &gt; θ] when true (Lee, Rathi, DIET), else 1[H ≥ θ] (QCFS)
 * @param subtractReset      V = H − θ·S when true (soft), else V = H·(1 − S) (to zero, hard)
 * @param detachReset        the reset path carries no gradient through S
 * @param surrogate          the derivative used in the reverse loop
 */
public record NeuronSpec(float leak, float threshold, boolean halfThresholdStart, boolean strictFire,
                         boolean subtractReset, boolean detachReset, SurrogateSpec surrogate) {
    public NeuronSpec {
        if (surrogate == null) throw new NullPointerException("surrogate");
    }

    /** V[0]: θ/2 or 0. */
    public float initialMembrane() {
        return halfThresholdStart ? threshold * 0.5f : 0f;
    }

    /** The same neuron with another threshold. */
    public NeuronSpec withThreshold(float threshold) {
        return new NeuronSpec(leak, threshold, halfThresholdStart, strictFire, subtractReset, detachReset, surrogate);
    }
}
