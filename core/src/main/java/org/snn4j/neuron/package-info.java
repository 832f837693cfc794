/**
 * Spiking neurons as layers: neuron models ({@link org.snn4j.neuron.IF}, {@link org.snn4j.neuron.LIF},
 * {@link org.snn4j.neuron.ParametricLIF}), reset, fire test and initial membrane choices, surrogate
 * derivatives (value classes with primitive and derivative), {@link org.snn4j.neuron.NeuronLayer}, the
 * converted network's {@link org.snn4j.neuron.ConvertedNeuronLayer} (tuned thresholds, per-channel settings,
 * signed spikes) and the non-spiking {@link org.snn4j.neuron.IntegratingReadout}, and {@link org.snn4j.neuron.NeuronConfig},
 * which a CLI fills from strings.
 *
 * <p>The loops over time live in {@link org.snn4j.kernels.NeuronLoops}; this package holds the
 * configuration, the equations' documentation and the layer contract. May import
 * {@code org.snn4j.nn}, {@code org.snn4j.kernels}, {@code org.snn4j.tensor} and {@code org.snn4j}.
 */
package org.snn4j.neuron;
