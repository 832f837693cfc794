package org.snn4j.stdp;

/**
 * Keeps each output neuron's total input weight constant (Diehl &amp; Cook normalise before every sample to
 * 78 for 784 inputs): {@code w_ij ← w_ij · target / Σ_i w_ij}. A neuron whose weights sum to 0 is left as it
 * is. With weights ≥ 0 this is competition between a neuron's synapses: what one gains, the others lose.
 */
public final class WeightNormalisation {
    private final float target;

    /** @param target the sum of each output's input weights, &gt; 0 */
    public WeightNormalisation(float target) {
        if (!(target > 0) || Float.isInfinite(target)) throw new IllegalArgumentException("target must be finite and > 0, was " + target);
        this.target = target;
    }

    /**
     * Scales each output j's weights {@code w_·j} of {@code synapses} to sum to the target. The sums are
     * accumulated in double, input by input (the channel-last layout's storage order).
     */
    public void apply(Synapses synapses) {
        float[] w = synapses.weights();
        int in = synapses.in(), out = synapses.out();
        double[] sums = new double[out];
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) sums[j] += w[synapses.index(i, j)];
        }
        float[] scale = new float[out];
        for (int j = 0; j < out; j++) scale[j] = sums[j] == 0 ? 1f : (float) (target / sums[j]);
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) w[synapses.index(i, j)] *= scale[j];
        }
    }

    public float target() {
        return target;
    }
}
