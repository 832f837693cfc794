package org.snn4j.train;

import java.util.Map;
import org.snn4j.metrics.EnergyModel;
import org.snn4j.metrics.OpCounter;

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
 * @param ops               synaptic operations of each weighted layer (see {@link OpCounter})
 */
public record EvalResult(double accuracy, double loss, int samples, Map<String, Double> spikeRates,
                         double spikesPerSample, double samplesPerSecond, double overallSpikeRate,
                         Map<String, OpCounter.LayerOps> ops) {
    /** Dense (ANN) MACs per sample over all weighted layers. */
    public double denseMacsPerSample() {
        return ops.values().stream().mapToDouble(OpCounter.LayerOps::denseMacsPerSample).sum();
    }

    /** Event-driven accumulates per sample. */
    public double acsPerSample() {
        return ops.values().stream().mapToDouble(OpCounter.LayerOps::acsPerSample).sum();
    }

    /** MACs on analog inputs per sample. */
    public double macsPerSample() {
        return ops.values().stream().mapToDouble(OpCounter.LayerOps::macsPerSample).sum();
    }

    /** Energy per sample of this network as run (MACs and ACs). */
    public double energyJoules(EnergyModel energy) {
        return energy.joules(macsPerSample(), acsPerSample());
    }

    /** Energy per sample of the same network as an ANN (every connection one MAC). */
    public double annEnergyJoules(EnergyModel energy) {
        return energy.joules(denseMacsPerSample(), 0);
    }
}
