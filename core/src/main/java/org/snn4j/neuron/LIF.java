package org.snn4j.neuron;

/**
 * Leaky integrate-and-fire with a fixed leak: H[t] = α·V[t−1] + X[t]. Lee et al. use α = 0.99
 * (membrane time constant τ_m = −1/ln α ≈ 99.5 steps).
 *
 * @param leak α in (0, 1]
 */
public record LIF(float leak) implements NeuronModel {
    public LIF {
        if (!(leak > 0 && leak <= 1)) throw new IllegalArgumentException("LIF leak must be in (0, 1], was " + leak);
    }

    @Override
    public String name() {
        return "lif";
    }
}
