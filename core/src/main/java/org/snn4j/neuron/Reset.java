package org.snn4j.neuron;

/** What a neuron's membrane does after a spike. */
public enum Reset {
    /** Hard reset, V[t] = H[t]·(1 − S[t]) (Lee et al., Sengupta). */
    ZERO,
    /** Soft reset by subtraction, V[t] = H[t] − θ·S[t] (Rueckauer, RMP, Rathi, DIET-SNN, QCFS). */
    SUBTRACT;

    /** The name specs and flags use ({@code zero, subtract}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
