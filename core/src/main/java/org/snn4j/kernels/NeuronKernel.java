package org.snn4j.kernels;

/**
 * The two fused neuron loops over a column range [from, to) of a time-major [T, M] array, implemented
 * by {@link PanamaNeuronLoops} (vector) and {@link ScalarNeuronLoops} (its twin). Trusts its arguments;
 * {@link NeuronLoops} checks them and splits the columns over threads.
 */
interface NeuronKernel {
    /**
     * Charge, fire, reset for neurons [from, to); returns the number of spikes emitted. With {@code held}
     * the input is one step {@code [M]} applied at every step (X[t] = input[j]), else {@code [T, M]}. With
     * {@code membrane} null every neuron starts from the spec's initial potential; else neuron j starts from
     * {@code membrane[j]} and leaves its potential after the last step there, so consecutive calls over
     * chunks of the steps give what one call over all of them gives.
     */
    long forward(NeuronSpec spec, float[] input, float[] spikes, int steps, int m, int from, int to, boolean held,
                 float[] membrane);

    /**
     * Reverse-time loop for neurons [from, to), recomputing H from the forward's input: writes ∂L/∂X into gradInput (when not null) and, when
     * paramGrads is not null, adds {∂L/∂α, ∂L/∂θ} of these neurons into paramGrads[0], paramGrads[1].
     * With {@code held} the input is {@code [M]} as in {@link #forward} and gradInput, also {@code [M]},
     * receives Σ_t ∂L/∂X[t] (summed from t = T down to 1). X and ∂L/∂X of neuron j at step t are at
     * {@code base + j + t·stride} ({@code base + j} when held), ∂L/∂S at {@code j + t·m}: the caller's
     * {@code [T, M]} arrays have base 0 and stride m; a tile of a larger {@code [T, stride]} array is read and
     * written in place.
     */
    void reverse(NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput, int steps, int m,
                 int from, int to, double[] paramGrads, boolean held, int base, int stride);
}
