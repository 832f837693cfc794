package org.snn4j.stdp;

/**
 * Competition between the neurons of a layer: every spike inhibits all the other neurons of the layer by
 * {@code strength}, added to their inhibitory input (conductance or current). Strong enough, it is a soft
 * winner-take-all: the first neuron to fire keeps the others silent for a while. This is Diehl &amp; Cook's
 * excitatory → inhibitory → excitatory loop with the inhibitory layer collapsed into a direct connection
 * (each excitatory neuron drives its own inhibitory partner, which in turn inhibits every other excitatory
 * neuron with one weight).
 */
public final class LateralInhibition {
    private final float strength;

    /** @param strength the inhibition each spike adds to every other neuron, ≥ 0 */
    public LateralInhibition(float strength) {
        if (!(strength >= 0) || Float.isInfinite(strength)) throw new IllegalArgumentException("strength must be finite and >= 0, was " + strength);
        this.strength = strength;
    }

    /**
     * Neurons {@code spikes[0..count)} fired this step (each once): adds {@code strength × (spikes of the
     * others)} to every neuron's {@code inhibition}.
     */
    public void apply(int[] spikes, int count, float[] inhibition) {
        if (count == 0 || strength == 0f) return;
        float all = strength * count;
        for (int j = 0; j < inhibition.length; j++) inhibition[j] += all;
        for (int k = 0; k < count; k++) inhibition[spikes[k]] -= strength;
    }

    public float strength() {
        return strength;
    }
}
