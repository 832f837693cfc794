package org.snn4j.neuron;

import java.util.Locale;

/** The recurrent connection of a {@link RecurrentNeuronLayer}: from the layer's own spikes at t−1 to its currents at t. */
public enum Recurrence {
    /** No recurrent weights: the neurons are fed by their input only. */
    NONE,
    /** Every neuron to every neuron of the same sample: weights {@code [H, H]}, W[i][k] from neuron k to neuron i. */
    DENSE,
    /** Each neuron to itself only: weights {@code [H]} (a diagonal W). */
    ONE_TO_ONE;

    /** The name specs and flags use: {@code none}, {@code dense}, {@code one-to-one}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
