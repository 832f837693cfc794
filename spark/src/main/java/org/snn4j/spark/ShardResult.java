package org.snn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.train.GradientChunks;

/**
 * What the shards of one synchronous step (or one local-SGD round: then "gradients" are the weights) sum
 * to: the weighted gradient sum (double, so that the order
 * in which Spark combines the shards changes nothing but double rounding), the weighted loss, the correct
 * samples, the spikes per layer and the weighted buffers (batch-norm statistics). Two results
 * {@link #plus add}; a partition with no samples gives {@link #empty()}.
 */
final class ShardResult implements Serializable {
    private static final long serialVersionUID = 1L;
    double[] gradients;
    double[] buffers;
    /** Local SGD: the weighted optimizer state (see {@link LocalSgdBackend}); null in a synchronous step. */
    double[] state;
    double loss;
    long correct;
    int samples;
    /** With a gradient chunk: the results of the chunks, in no particular order; empty otherwise. */
    final ArrayList<GradientChunks.Result> chunks = new ArrayList<>();
    /** Per layer: spikes, neurons, steps, samples (as {@link SpikeRecords.SpikeRecord}). */
    final LinkedHashMap<String, long[]> spikes = new LinkedHashMap<>();

    /** Nothing: a shard without samples. */
    static ShardResult empty() {
        return new ShardResult();
    }

    /** Records {@code records}' spikes in this result. */
    void addSpikes(SpikeRecords records) {
        records.byLayer().values().forEach(r -> addSpike(r.layer(), new long[] {r.spikes(), r.neurons(), r.steps(), r.samples()}));
    }

    private void addSpike(String layer, long[] r) {
        spikes.merge(layer, r.clone(), (a, b) -> new long[] {a[0] + b[0], a[1], a[2], a[3] + b[3]});
    }

    /** This result plus {@code o} (this one, updated). */
    ShardResult plus(ShardResult o) {
        gradients = add(gradients, o.gradients);
        buffers = add(buffers, o.buffers);
        state = add(state, o.state);
        loss += o.loss;
        correct += o.correct;
        samples += o.samples;
        chunks.addAll(o.chunks);
        o.spikes.forEach(this::addSpike);
        return this;
    }

    /** Tells {@code tally} the spikes of the step. */
    void tellSpikes(SpikeRecords tally) {
        for (Map.Entry<String, long[]> e : spikes.entrySet()) {
            long[] r = e.getValue();
            tally.spikes(e.getKey(), r[0], (int) r[1], (int) r[2], (int) r[3]);
        }
    }

    private static double[] add(double[] a, double[] b) {
        if (a == null) return b;
        if (b == null) return a;
        for (int i = 0; i < a.length; i++) a[i] += b[i];
        return a;
    }
}
