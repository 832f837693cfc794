package org.snn4j.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.nn.SpikeListener;

/**
 * The spikes every spiking layer emitted, by layer in the order the layers first ran, over the passes it
 * is attached to (one pass, or every batch of an evaluation): a layer that runs more than once (in one
 * pass, or in many) adds its calls up.
 */
public final class SpikeRecords implements SpikeListener {
    private final Map<String, SpikeRecord> byLayer = new LinkedHashMap<>();

    @Override
    public void spikes(String layer, long spikes, int neurons, int steps, int samples) {
        byLayer.merge(layer, new SpikeRecord(layer, spikes, neurons, steps, samples), SpikeRecord::plus);
    }

    /** Records by layer name, in the order the layers first ran. */
    public Map<String, SpikeRecord> byLayer() {
        return Collections.unmodifiableMap(byLayer);
    }

    /** The record of {@code layer}, or null when it emitted nothing here. */
    public SpikeRecord get(String layer) {
        return byLayer.get(layer);
    }

    /** Spikes per neuron per time step, by layer, in the order the layers ran. */
    public Map<String, Double> rates() {
        Map<String, Double> m = new LinkedHashMap<>();
        byLayer.forEach((k, r) -> m.put(k, r.rate()));
        return m;
    }

    /** Spikes of all layers. */
    public long totalSpikes() {
        long s = 0;
        for (SpikeRecord r : byLayer.values()) s += r.spikes();
        return s;
    }

    /** Neuron-steps of all layers: Σ neurons · T · N. */
    public long neuronSteps() {
        long n = 0;
        for (SpikeRecord r : byLayer.values()) n += r.neuronSteps();
        return n;
    }

    /** Spikes per neuron per step over all spiking layers together. */
    public double overallRate() {
        long n = neuronSteps();
        return n == 0 ? 0 : (double) totalSpikes() / n;
    }

    /** Spikes of one layer over the calls recorded. */
    public record SpikeRecord(String layer, long spikes, int neurons, int steps, int samples) {
        /** Spikes per neuron per time step (the firing rate the papers report). */
        public double rate() {
            double denominator = (double) neurons * steps * samples;
            return denominator == 0 ? 0 : spikes / denominator;
        }

        /** neurons · T · N. */
        public long neuronSteps() {
            return (long) neurons * steps * samples;
        }

        SpikeRecord plus(SpikeRecord o) {
            return new SpikeRecord(layer, spikes + o.spikes, neurons, steps, samples + o.samples);
        }
    }
}
