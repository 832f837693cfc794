package org.snn4j.train;

import java.util.List;
import org.snn4j.data.DataLoader;
import org.snn4j.data.Dataset;
import org.snn4j.encode.Encoder;
import org.snn4j.engine.Executor;
import org.snn4j.loss.Accuracy;
import org.snn4j.loss.Loss;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.model.Model;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.NumericalException;
import org.snn4j.nn.Parameter;
import org.snn4j.nn.Pass;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;
import org.snn4j.tensor.Workspace;

/**
 * Computes in this process: encode, forward, loss, backward through time for a mini-batch; the test
 * evaluation with {@link Evaluator}. Batch {@code b} of epoch {@code e} draws all its randomness
 * (encoder, dropout, a stochastic loss) from {@code Rng(mix(seed, e, b))}; {@link #gradients(DataLoader.Batch,
 * int, int, SpikeRecords, Rng)} takes another stream, for a part of a batch computed on its own (a shard of a
 * data-parallel step); with {@link TrainConfig#gradientChunk} set, every chunk of a batch draws from a stream of its
 * own ({@link GradientChunks}).
 */
public final class LocalBackend implements TrainingBackend {
    private final Model model;
    private final TrainConfig cfg;
    private final Executor executor;
    private final Encoder encoder;
    /** Activations and gradients of one step, reused by the next (see {@link Workspace}). */
    private final Workspace workspace = new Workspace();

    /** A backend for {@code model} trained with {@code cfg} (its steps, encoder, loss, spike penalty and seed). */
    public LocalBackend(Model model, TrainConfig cfg) {
        this.model = model;
        this.cfg = cfg;
        this.executor = Executor.training(model);
        this.encoder = cfg.encoder().create();
    }

    /** The model this backend computes. */
    public Model model() {
        return model;
    }

    /** The executor that runs its passes ("auto", training): what it chose per layer, {@link Executor#activity}. */
    public Executor executor() {
        return executor;
    }

    /** With {@link TrainConfig#gradientChunk} set, the batch's chunks one after the other, added by a {@link GradientChunks.Sum}. */
    @Override
    public StepOutcome gradients(DataLoader.Batch b, int epoch, int batches, SpikeRecords tally) {
        int size = cfg.gradientChunk();
        if (size == 0) return gradients(b, epoch, batches, tally, new Rng(Seeds.mix(cfg.seed(), epoch, b.index())));
        float[] startBuffers = GradientChunks.flat(model.buffers(), false);
        GradientChunks.Sum sum = new GradientChunks.Sum(cfg.loss(), b.size());
        for (int k = 0; k < GradientChunks.count(b.size(), size); k++) {
            int from = GradientChunks.from(b.size(), size, k);
            sum.add(chunk(GradientChunks.slice(b, from, GradientChunks.from(b.size(), size, k + 1) - from), k, batches, tally,
                    startBuffers));
        }
        return sum.apply(model.parameters(), model.buffers());
    }

    /**
     * Chunk {@code k} of a batch ({@code chunk}: its samples, with the batch's epoch and index), computed from
     * the buffers {@code startBuffers} (the model's at the start of the step, end to end) with the chunk's own
     * stream ({@link GradientChunks}); the model's gradients and buffers are left as the chunk set them.
     */
    public GradientChunks.Result chunk(DataLoader.Batch chunk, int k, int batches, SpikeRecords tally, float[] startBuffers) {
        GradientChunks.setValues(model.buffers(), startBuffers);
        StepOutcome r = gradients(chunk, chunk.epoch(), batches, tally, GradientChunks.rng(cfg.seed(), chunk.epoch(), chunk.index(), k));
        return new GradientChunks.Result(k, chunk.size(), GradientChunks.flat(model.parameters(), true),
                GradientChunks.flat(model.buffers(), false), r.loss(), r.correct());
    }

    /**
     * As {@link #gradients(DataLoader.Batch, int, int, SpikeRecords)}, drawing the batch's randomness from
     * {@code rng}; the gradients are those of the loss averaged over {@code b}'s samples.
     */
    public StepOutcome gradients(DataLoader.Batch b, int epoch, int batches, SpikeRecords tally, Rng rng) {
        Tensor input = encoder.encodeCompact(b.images(), cfg.steps(), rng);
        SpikePenalty.Term penalty = cfg.spikePenalty().forPass(epoch, cfg.epochs());
        ForwardContext ctx = ForwardContext.training(rng).withSteps(cfg.steps()).withWorkspace(workspace).with(penalty).with(tally);
        try {
            Pass pass = executor.forward(input, ctx);
            double progress = (epoch + (double) b.index() / batches) / cfg.epochs();
            Loss.Result l = cfg.loss().atProgress(progress).evaluate(pass.output(), b.labels(), rng);
            if (!Double.isFinite(l.value())) {
                throw new NumericalException("loss", "loss value", 0, (float) l.value());
            }
            List<Parameter> params = model.parameters();
            for (Parameter p : params) p.zeroGrad();
            pass.backward(l.gradient(), false);
            return new StepOutcome(l.value() + penalty.loss(), Accuracy.correct(pass.output(), b.labels()));
        } finally {
            workspace.recycle();
        }
    }

    /**
     * The totals of batches {@code [fromBatch, toBatch)} of an evaluation on {@code test} (see
     * {@link Evaluator#runBatches}): what a machine that evaluates part of a test set returns.
     */
    public EvalTotals evaluateBatches(Dataset test, int fromBatch, int toBatch) {
        return Evaluator.runBatches(executor, test, cfg.steps(), encoder, cfg.loss(), cfg.batch(), cfg.seed(), workspace, null,
                fromBatch, toBatch);
    }

    @Override
    public EvalResult evaluate(Dataset test) {
        return Evaluator.run(executor, test, cfg.steps(), encoder, cfg.loss(), cfg.batch(), cfg.seed(), workspace);
    }
}
