package org.snn4j.neuron;

/**
 * DIET-SNN's LIF with one trainable leak α and one trainable threshold θ per layer
 * (parameters {@code <layer>.leak} and {@code <layer>.threshold}): H[t] = α·V[t−1] + X[t].
 * Gradients: ∂L/∂α = Σ_t ∂L/∂H[t+1]·V[t]; ∂L/∂θ through the fire test and the reset (see
 * {@link org.snn4j.kernels.NeuronLoops}).
 *
 * @param leak the initial α (DIET-SNN starts at 1.0)
 */
public record ParametricLIF(float leak) implements NeuronModel {
    public ParametricLIF {
        if (!(leak > 0) || !Float.isFinite(leak)) throw new IllegalArgumentException("initial leak must be > 0, was " + leak);
    }

    @Override
    public String name() {
        return "plif";
    }

    @Override
    public boolean trainable() {
        return true;
    }
}
