package org.snn4j.train;

import java.util.function.Consumer;
import org.snn4j.data.DataLoader;
import org.snn4j.data.Dataset;
import org.snn4j.encode.Encoder;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Executor;
import org.snn4j.loss.Accuracy;
import org.snn4j.loss.Loss;
import org.snn4j.metrics.OpCounter;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.model.Model;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;
import org.snn4j.tensor.Workspace;

/** Runs a model over a data set without gradients: accuracy, loss, spikes per layer, throughput. */
public final class Evaluator {
    private Evaluator() {}

    /**
     * @param steps   T
     * @param encoder input code (its randomness is seeded by {@code seed}, so results repeat)
     * @param loss    reported as {@link Loss#forEvaluation()} (a stochastic softmax without its noise)
     */
    public static EvalResult run(Model model, Dataset data, int steps, Encoder encoder, Loss loss, int batch, long seed) {
        return run(model, data, steps, encoder, loss, batch, seed, new Workspace());
    }

    /**
     * As {@link #run(Model, Dataset, int, Encoder, Loss, int, long)}, taking each batch's activations from
     * {@code workspace} (a trainer passes its own, so evaluation reuses the training step's arrays);
     * the workspace is recycled after every batch.
     */
    public static EvalResult run(Model model, Dataset data, int steps, Encoder encoder, Loss loss, int batch, long seed,
                                 Workspace workspace) {
        return run(new Executor(model, EngineMode.DENSE), data, steps, encoder, loss, batch, seed, workspace);
    }

    /**
     * As {@link #run(Model, Dataset, int, Encoder, Loss, int, long, Workspace)}, running the model with
     * {@code executor} (every engine mode gives the same results; the event-driven ones faster on sparse spikes).
     */
    public static EvalResult run(Executor executor, Dataset data, int steps, Encoder encoder, Loss loss, int batch,
                                 long seed, Workspace workspace) {
        return run(executor, data, steps, encoder, loss, batch, seed, workspace, null);
    }

    /**
     * As {@link #run(Executor, Dataset, int, Encoder, Loss, int, long, Workspace)}, handing
     * {@code readouts} a copy of each batch's readout ({@code [batch, classes]}), batch after batch in
     * data order (the logits {@code eval --logits} writes); {@code null} for none.
     */
    public static EvalResult run(Executor executor, Dataset data, int steps, Encoder encoder, Loss loss, int batch,
                                 long seed, Workspace workspace, Consumer<Tensor> readouts) {
        data.requireSamples();  // an accuracy of an empty set would read as 0, not as a mistake
        long start = System.nanoTime();
        Totals totals = runBatches(executor, data, steps, encoder, loss, batch, seed, workspace, readouts, 0,
                Integer.MAX_VALUE);
        return totals.result(data.size(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Evaluates batches {@code [fromBatch, toBatch)} of {@code data} (batches of {@code batch} samples in data
     * order, the last one possibly shorter; {@code toBatch} is capped at the last batch) and returns their
     * totals. Each batch draws its randomness from (seed, its index), so the totals of several ranges, computed
     * anywhere and {@link Totals#add added}, are those of one run over all of them: exactly, except the loss's
     * floating-point sum.
     */
    public static Totals runBatches(Executor executor, Dataset data, int steps, Encoder encoder, Loss loss, int batch,
                                    long seed, Workspace workspace, Consumer<Tensor> readouts, int fromBatch, int toBatch) {
        Loss plain = loss.forEvaluation();
        Totals t = new Totals();
        try (DataLoader loader = DataLoader.over(data).batchSize(batch).shuffle(false).prefetch(1).seed(seed).build()) {
            int end = Math.min(toBatch, loader.batchesPerEpoch());
            if (fromBatch >= end) return t;
            try (DataLoader.Epoch epoch = loader.epoch(0, fromBatch)) {
                for (int i = fromBatch; i < end; i++) {
                    DataLoader.Batch b = epoch.next();
                    Rng rng = new Rng(Seeds.mix(seed, -1, b.index()));
                    Tensor input = encoder.encodeCompact(b.images(), steps, rng);
                    ForwardContext ctx = new ForwardContext(false, false, rng).withSteps(steps).withWorkspace(workspace)
                            .with(t.ops.forPass()).with(t.spikes);
                    Tensor readout = executor.infer(input, ctx);
                    t.correct += Accuracy.correct(readout, b.labels());
                    t.lossSum += plain.evaluate(readout, b.labels(), rng).value();
                    t.batches++;
                    if (readouts != null) readouts.accept(readout.copy());
                    workspace.recycle();
                }
            }
        }
        return t;
    }

    /** What the batches of an evaluation added up to: correct samples, summed loss, spikes and operations. */
    public static final class Totals {
        private long correct;
        private double lossSum;
        private int batches;
        private final SpikeRecords spikes = new SpikeRecords();
        private final OpCounter ops = new OpCounter();

        /** Totals of nothing, to add others to. */
        public Totals() {}

        /** Totals from their parts (e.g. received from another machine). */
        public Totals(long correct, double lossSum, int batches) {
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
        public Totals add(Totals o) {
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
}
