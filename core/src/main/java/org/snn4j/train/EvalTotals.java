package org.snn4j.train;

import org.snn4j.metrics.OpCounter;
import org.snn4j.metrics.SpikeRecords;

/**
 * What the batches of an evaluation added up to: correct samples, summed loss, spikes and operations. Totals of
 * batch ranges computed anywhere (another thread, another machine) {@link #add add} up to those of one run.
 */
public final class EvalTotals {
    long correct;
    double lossSum;
    int batches;
    final SpikeRecords spikes = new SpikeRecords();
    final OpCounter ops = new OpCounter();

    /** Totals of nothing, to add others to. */
    public EvalTotals() {}

    /** Totals from their parts (e.g. received from another machine). */
    public EvalTotals(long correct, double lossSum, int batches) {
        this.correct = correct;
        this.lossSum = lossSum;
        this.batches = batches;
    }

    /** Samples classified correctly. */
    public long correct() {
        return correct;
    }

    /** The batches' losses, summed. */
    public double lossSum() {
        return lossSum;
    }

    /** Batches evaluated. */
    public int batches() {
        return batches;
    }

    /** The spikes of every layer (add to it to merge). */
    public SpikeRecords spikes() {
        return spikes;
    }

    /** The synaptic operations of every weighted layer (add to it to merge). */
    public OpCounter ops() {
        return ops;
    }

    /** Adds {@code o}'s totals to these; counts add exactly, layers keep the order they were first seen in. */
    public EvalTotals add(EvalTotals o) {
        correct += o.correct;
        lossSum += o.lossSum;
        batches += o.batches;
        o.spikes.byLayer().values().forEach(r -> spikes.spikes(r.layer(), r.spikes(), r.neurons(), r.steps(), r.samples()));
        ops.add(o.ops);
        return this;
    }

    /** The result of an evaluation of {@code samples} samples with these totals that took {@code seconds}. */
    public EvalResult result(int samples, double seconds) {
        int n = samples;
        return new EvalResult(n == 0 ? 0 : (double) correct / n, batches == 0 ? 0 : lossSum / batches, n, spikes.rates(),
                n == 0 ? 0 : (double) spikes.totalSpikes() / n, n / Math.max(seconds, 1e-9), spikes.overallRate(),
                ops.layers());
    }
}
