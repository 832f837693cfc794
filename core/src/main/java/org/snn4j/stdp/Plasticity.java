package org.snn4j.stdp;

/**
 * An STDP rule running on one group of synapses: it keeps the pre- and post-synaptic traces and changes the
 * weights in place, one time step at a time. Not thread-safe.
 */
public interface Plasticity {
    /**
     * One time step: inputs {@code pre[0..preCount)} and outputs {@code post[0..postCount)} spiked (each index
     * at most once). Decays the traces, adds the spikes and updates the weights, in the order of
     * {@link StdpRule}.
     */
    void step(int[] pre, int preCount, int[] post, int postCount);

    /** The traces back to 0: what a rest long against every τ leaves (between samples). */
    void reset();

    /** The synapses this learner changes. */
    Synapses synapses();
}
