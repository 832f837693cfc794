/**
 * What a run costs and emits, gathered by listeners attached to its passes: synaptic operations per layer
 * (dense MACs, ACs, MACs on analog inputs: {@link org.snn4j.metrics.OpCounter}), spikes per layer
 * ({@link org.snn4j.metrics.SpikeRecords}) and their energy at 45 nm figures
 * ({@link org.snn4j.metrics.EnergyModel}). Imports nn, kernels and tensor.
 */
package org.snn4j.metrics;
