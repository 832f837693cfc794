/**
 * Unsupervised learning by spike-timing-dependent plasticity (issue 22). The rules ({@link
 * org.snn4j.stdp.PairStdp}, all-to-all or nearest-spike, additive or soft-bounded; {@link
 * org.snn4j.stdp.TripletStdp}) are parameters that start a {@link org.snn4j.stdp.Plasticity} on a group of
 * {@link org.snn4j.stdp.Synapses}, stepped one time step at a time with the step's spike events; a
 * {@link org.snn4j.stdp.StdpLearner} runs one on a network's linear layer as a listener of its passes. The
 * competition and homeostasis Diehl &amp; Cook's network needs ({@link org.snn4j.stdp.LateralInhibition},
 * {@link org.snn4j.stdp.AdaptiveThreshold}, {@link org.snn4j.stdp.WeightNormalisation}) are small classes
 * of their own, and {@link org.snn4j.stdp.DiehlCook} is that network, simulated event-driven. {@link
 * org.snn4j.stdp.ConvStdpNetwork} is Kheradpisheh et al.'s convolutional STDP: first-spike coding, layers of
 * once-firing neurons ({@link org.snn4j.stdp.ConvStdpLayer}) learned one after the other by the rule of
 * {@link org.snn4j.stdp.ConvStdpRule} under first-spike winner-take-all. Imports nn,
 * data and tensor.
 */
package org.snn4j.stdp;
