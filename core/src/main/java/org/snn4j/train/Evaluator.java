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
        Loss plain = loss.forEvaluation();
        SpikeRecords tally = new SpikeRecords();
        long correct = 0;
        double lossSum = 0;
        int batches = 0;
        long start = System.nanoTime();
        OpCounter ops = new OpCounter();
        try (DataLoader loader = DataLoader.over(data).batchSize(batch).shuffle(false).prefetch(1).seed(seed).build()) {
            for (DataLoader.Batch b : loader.epoch(0)) {
                Rng rng = new Rng(Seeds.mix(seed, -1, b.index()));
                Tensor input = encoder.encodeCompact(b.images(), steps, rng);
                ForwardContext ctx = new ForwardContext(false, false, rng).withSteps(steps).withWorkspace(workspace)
                        .with(ops.forPass()).with(tally);
                Tensor readout = executor.infer(input, ctx);
                correct += Accuracy.correct(readout, b.labels());
                lossSum += plain.evaluate(readout, b.labels(), rng).value();
                batches++;
                if (readouts != null) readouts.accept(readout.copy());
                workspace.recycle();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = data.size();
        return new EvalResult(n == 0 ? 0 : (double) correct / n, batches == 0 ? 0 : lossSum / batches, n, tally.rates(),
                n == 0 ? 0 : (double) tally.totalSpikes() / n, n / Math.max(seconds, 1e-9), tally.overallRate(), ops.layers());
    }
}
