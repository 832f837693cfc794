package org.snn4j.kernels;

/**
 * The two fused neuron loops over a column range [from, to) of a time-major [T, M] array, implemented
 * by {@link PanamaNeuronLoops} (vector) and {@link ScalarNeuronLoops} (its twin). Trusts its arguments;
 * {@link NeuronLoops} checks them and splits the columns over threads.
 */
interface NeuronKernel {
    /** Charge, fire, reset for neurons [from, to); returns the number of spikes emitted. */
    long forward(NeuronSpec spec, float[] input, float[] spikes, int steps, int m, int from, int to);

    /**
     * Reverse-time loop for neurons [from, to), recomputing H from the forward's input: writes ∂L/∂X into gradInput (when not null) and, when
     * paramGrads is not null, adds {∂L/∂α, ∂L/∂θ} of these neurons into paramGrads[0], paramGrads[1].
     */
    void reverse(NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput, int steps, int m,
                 int from, int to, double[] paramGrads);
}
