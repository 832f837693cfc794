package org.snn4j.stdp;

/**
 * An STDP rule's parameters (immutable), and the learner it starts on a group of synapses. The rule of a step
 * is always: traces decay, this step's spikes enter the traces, then potentiation at every post-synaptic spike
 * and depression at every pre-synaptic spike (the order SpikingJelly's {@code STDPLearner} uses, so a pre and
 * a post spike in the same step count as both "pre before post" and "post before pre"). Each rule's Javadoc
 * gives its formulas.
 */
public sealed interface StdpRule permits PairStdp, TripletStdp {
    /**
     * A learner of this rule on {@code synapses}, its traces at 0.
     *
     * @param dtMs the step, in ms (the traces decay by {@code exp(−dt/τ)} per step)
     */
    Plasticity start(Synapses synapses, double dtMs);
}
