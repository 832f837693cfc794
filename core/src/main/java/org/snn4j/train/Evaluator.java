package org.snn4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.snn4j.data.DataLoader;
import org.snn4j.data.Dataset;
import org.snn4j.encode.Encoder;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Executor;
import org.snn4j.events.EventDataset;
import org.snn4j.events.EventFrames;
import org.snn4j.events.EventTransform;
import org.snn4j.events.Events;
import org.snn4j.events.FrameBinning;
import org.snn4j.events.SparseFrames;
import org.snn4j.loss.Accuracy;
import org.snn4j.loss.Loss;
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
        EvalTotals totals = runBatches(executor, data, steps, encoder, loss, batch, seed, workspace, readouts, 0,
                Integer.MAX_VALUE);
        return totals.result(data.size(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Evaluates batches {@code [fromBatch, toBatch)} of {@code data} (batches of {@code batch} samples in data
     * order, the last one possibly shorter; {@code toBatch} is capped at the last batch) and returns their
     * totals. Each batch draws its randomness from (seed, its index), so the totals of several ranges, computed
     * anywhere and {@link EvalTotals#add added}, are those of one run over all of them: exactly, except the loss's
     * floating-point sum.
     */
    public static EvalTotals runBatches(Executor executor, Dataset data, int steps, Encoder encoder, Loss loss, int batch,
                                        long seed, Workspace workspace, Consumer<Tensor> readouts, int fromBatch, int toBatch) {
        try (DataLoader loader = DataLoader.over(data).batchSize(batch).shuffle(false).prefetch(1).seed(seed).build()) {
            int end = Math.min(toBatch, loader.batchesPerEpoch());
            if (fromBatch >= end) return new EvalTotals();
            try (DataLoader.Epoch epoch = loader.epoch(0, fromBatch)) {
                return accumulate(new java.util.Iterator<EvalBatch>() {
                    private int i = fromBatch;

                    @Override
                    public boolean hasNext() {
                        return i < end;
                    }

                    @Override
                    public EvalBatch next() {
                        i++;
                        DataLoader.Batch b = epoch.next();
                        return new EvalBatch(b.index(), b.labels(),
                                ctx -> executor.infer(encoder.encodeCompact(b.images(), steps, ctx.rng()), ctx));
                    }
                }, steps, loss, seed, workspace, readouts);
            }
        }
    }

    /**
     * Event data read straight into the network: the recordings of each batch are transformed (recording
     * i's random transforms seeded by {@code (seed, i)}, as {@link EventFrames#of} seeds them), binned into
     * event lists ({@link SparseFrames}) and run by {@link Executor#inferEvents}, so in the event modes no
     * dense frame is built and the first layer costs in proportion to the events. The results equal {@link
     * #run(Executor, Dataset, int, Encoder, Loss, int, long, Workspace, Consumer)} on
     * {@code EventFrames.of(data, transform, binning, seed)} with the frames encoder.
     *
     * @param binning its frames are the pass's T
     */
    public static EvalResult runEvents(Executor executor, EventDataset data, EventTransform transform, FrameBinning binning, Loss loss,
                                       int batch, long seed, Workspace workspace, Consumer<Tensor> readouts) {
        if (data.size() == 0) throw new org.snn4j.Snn4jException(data.name() + ": the data set holds no samples");
        int batches = (data.size() + batch - 1) / batch;
        long start = System.nanoTime();
        EvalTotals totals = accumulate(new java.util.Iterator<EvalBatch>() {
            private int b;

            @Override
            public boolean hasNext() {
                return b < batches;
            }

            @Override
            public EvalBatch next() {
                int from = b * batch, to = Math.min(data.size(), from + batch);
                List<Events> recordings = new ArrayList<>(to - from);
                int[] labels = new int[to - from];
                for (int i = from; i < to; i++) {
                    recordings.add(transform.apply(data.recording(i), EventFrames.recordingRng(seed, i)));
                    labels[i - from] = data.label(i);
                }
                SparseFrames frames = SparseFrames.of(binning, recordings);
                return new EvalBatch(b++, labels, ctx -> executor.inferEvents(frames, ctx));
            }
        }, binning.frames(), loss, seed, workspace, readouts);
        return totals.result(data.size(), (System.nanoTime() - start) / 1e9);
    }

    /** One batch of an evaluation: its labels and its pass, run in the context the loop makes. */
    private record EvalBatch(int index, int[] labels, Function<ForwardContext, Tensor> readout) {}

    /** The one evaluation loop: each batch's pass in a context seeded by (seed, its index), tallied into totals. */
    private static EvalTotals accumulate(java.util.Iterator<EvalBatch> batches, int steps, Loss loss, long seed, Workspace workspace,
                                         Consumer<Tensor> readouts) {
        Loss plain = loss.forEvaluation();
        EvalTotals t = new EvalTotals();
        while (batches.hasNext()) {
            EvalBatch b = batches.next();
            Rng rng = new Rng(Seeds.mix(seed, -1, b.index()));
            ForwardContext ctx = new ForwardContext(false, false, rng).withSteps(steps).withWorkspace(workspace)
                    .with(t.ops.forPass()).with(t.spikes);
            Tensor readout = b.readout().apply(ctx);
            t.correct += Accuracy.correct(readout, b.labels());
            t.lossSum += plain.evaluate(readout, b.labels(), rng).value();
            t.batches++;
            if (readouts != null) readouts.accept(readout.copy());
            workspace.recycle();
        }
        return t;
    }
}
