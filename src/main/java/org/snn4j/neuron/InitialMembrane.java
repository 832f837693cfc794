package org.snn4j.neuron;

/** The membrane V[0] before the first step. */
public enum InitialMembrane {
    /** V[0] = 0 (most methods). */
    ZERO,
    /** V[0] = θ/2 (QCFS: turns flooring of the rate into rounding). */
    HALF_THRESHOLD
}
