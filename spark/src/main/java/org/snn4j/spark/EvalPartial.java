package org.snn4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.metrics.OpCounter;
import org.snn4j.train.EvalTotals;

/** An executor's {@link EvalTotals} as Spark returns them: counts, the loss sum, spikes and operations per layer. */
final class EvalPartial implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long correct;
    private final double lossSum;
    private final int batches;
    /** Per layer: spikes, neurons, steps, samples. */
    private final LinkedHashMap<String, long[]> spikes = new LinkedHashMap<>();
    /** Per layer: samples, dense MACs, ACs, MACs. */
    private final LinkedHashMap<String, double[]> ops = new LinkedHashMap<>();

    EvalPartial(EvalTotals t) {
        correct = t.correct();
        lossSum = t.lossSum();
        batches = t.batches();
        t.spikes().byLayer().values().forEach(r -> spikes.put(r.layer(), new long[] {r.spikes(), r.neurons(), r.steps(), r.samples()}));
        for (Map.Entry<String, OpCounter.LayerOps> e : t.ops().layers().entrySet()) {
            OpCounter.LayerOps o = e.getValue();
            ops.put(e.getKey(), new double[] {o.samples(), o.denseMacs(), o.acs(), o.macs()});
        }
    }

    /** Adds these totals to {@code totals}. */
    void addTo(EvalTotals totals) {
        EvalTotals mine = new EvalTotals(correct, lossSum, batches);
        spikes.forEach((layer, r) -> mine.spikes().spikes(layer, r[0], (int) r[1], (int) r[2], (int) r[3]));
        ops.forEach((layer, o) -> mine.ops().add(layer, (long) o[0], o[1], o[2], o[3]));
        totals.add(mine);
    }
}
