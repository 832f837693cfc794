package org.snn4j.neuron;

/** Integrate-and-fire: H[t] = V[t−1] + X[t] (α = 1, no leak). */
public record IF() implements NeuronModel {
    @Override
    public String name() {
        return "if";
    }

    @Override
    public float leak() {
        return 1f;
    }
}
