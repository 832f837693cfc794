package org.snn4j.neuron;

/** The comparison that decides a spike. */
public enum FireTest {
    /** S = 1[H &gt; θ] (Lee, Rathi, DIET-SNN). */
    STRICT,
    /** S = 1[H ≥ θ] (QCFS). */
    NON_STRICT
}
