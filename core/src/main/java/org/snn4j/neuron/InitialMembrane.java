package org.snn4j.neuron;

/** The membrane V[0] before the first step. */
public enum InitialMembrane {
    /** V[0] = 0 (most methods). */
    ZERO,
    /** V[0] = θ/2 (QCFS: turns flooring of the rate into rounding). */
    HALF_THRESHOLD;

    /** The name specs and flags use ({@code zero, half-threshold}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
