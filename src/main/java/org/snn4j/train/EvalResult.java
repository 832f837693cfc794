package org.snn4j.train;

import java.util.Map;

/**
 * What an evaluation measured.
 *
 * @param accuracy          fraction of samples classified correctly
 * @param loss              the loss averaged over batches (each batch as the loss reduces it)
 * @param samples           number of samples evaluated
 * @param spikeRates        spikes per neuron per time step, by spiking layer
 * @param spikesPerSample   total spikes of all spiking layers per sample (over all T steps)
 * @param samplesPerSecond  inference throughput
 * @param overallSpikeRate  spikes per neuron per step over all spiking layers together
 */
public record EvalResult(double accuracy, double loss, int samples, Map<String, Double> spikeRates,
                         double spikesPerSample, double samplesPerSecond, double overallSpikeRate) {
}
