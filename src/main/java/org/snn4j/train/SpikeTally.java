package org.snn4j.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.nn.ForwardContext;

/** Adds up the spikes each spiking layer emitted over many forward passes. */
final class SpikeTally {
    private final Map<String, long[]> byLayer = new LinkedHashMap<>();  // {spikes, neuron-steps}

    void add(ForwardContext ctx) {
        for (ForwardContext.SpikeRecord r : ctx.spikeRecords().values()) {
            long[] a = byLayer.computeIfAbsent(r.layer(), k -> new long[2]);
            a[0] += r.spikes();
            a[1] += (long) r.neurons() * r.steps() * r.samples();
        }
    }

    /** Spikes per neuron per time step, by layer, in the order the layers ran. */
    Map<String, Double> rates() {
        Map<String, Double> m = new LinkedHashMap<>();
        byLayer.forEach((k, a) -> m.put(k, a[1] == 0 ? 0 : (double) a[0] / a[1]));
        return m;
    }

    /** Spikes per neuron per step over all spiking layers together. */
    double overallRate() {
        long s = 0, n = 0;
        for (long[] a : byLayer.values()) {
            s += a[0];
            n += a[1];
        }
        return n == 0 ? 0 : (double) s / n;
    }

    long totalSpikes() {
        long s = 0;
        for (long[] a : byLayer.values()) s += a[0];
        return s;
    }
}
