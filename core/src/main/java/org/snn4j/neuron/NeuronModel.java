package org.snn4j.neuron;

/**
 * A neuron's charge equation H[t] = α·V[t−1] + X[t] and its two partials, ∂H[t+1]/∂V[t] = α and
 * ∂H[t]/∂X[t] = 1. Fire, reset and the loops over time are shared ({@link org.snn4j.kernels.NeuronLoops}).
 */
public sealed interface NeuronModel permits IF, LIF, ParametricLIF {
    /** The CLI name: {@code if}, {@code lif} or {@code plif}. */
    String name();

    /** α (for {@link ParametricLIF}, the initial value of the trainable leak). */
    float leak();

    /** Whether leak and threshold are trainable parameters. */
    default boolean trainable() {
        return false;
    }
}
