package org.snn4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.snn4j.data.DataLoader;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.DataSource;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.model.Model;
import org.snn4j.nn.Finite;
import org.snn4j.nn.NumericalException;
import org.snn4j.nn.Parameter;
import org.snn4j.train.EvalResult;
import org.snn4j.train.GradientChunks;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.TrainingBackend;

/**
 * Synchronous data-parallel training on Spark, as a {@link TrainingBackend} of the ordinary
 * {@link org.snn4j.train.Trainer}: every mini-batch is one Spark job of {@code partitions} tasks. The driver
 * broadcasts the current weights; task p computes the gradients of shard p of the batch
 * ({@link ShardTask}); {@code treeReduce} sums them; the trainer on the driver applies one optimizer step
 * and writes the checkpoints as on one machine. Test evaluations run distributed too
 * ({@link SparkEvaluation}). The training set is broadcast once and kept by every executor, or opened by every
 * executor from the files it was read from ({@link SampleStore}).
 *
 * <p>Per step the network carries the weights to each executor (4 bytes per parameter, a torrent
 * broadcast) and the gradient sums back (8 bytes per parameter and partition, combined in a tree of depth
 * {@value #TREE_DEPTH}); with a gradient chunk ({@link TrainConfig#gradientChunk}) each chunk's float gradients
 * instead (4 bytes per parameter and chunk), which the driver adds in chunk order, so that the step is the
 * single-machine one bit for bit for any number of partitions. docs/DISTRIBUTED.md has the model.
 */
public final class SparkBackend implements TrainingBackend {
    /** The depth of the gradient sum's tree: partitions send to about √P combiners, those to the driver. */
    static final int TREE_DEPTH = 2;
    private final JavaSparkContext jsc;
    private final boolean ownsContext;
    private final Model model;
    private final TrainPayload payload;
    private final TrainConfig cfg;
    private final boolean chunked;
    private final int partitions;
    private final String run = UUID.randomUUID().toString();
    private final SampleStore train;
    private final List<Integer> partitionIds = new ArrayList<>();
    private final SparkEvaluation evaluation;

    /**
     * @param jsc         the Spark context to run on
     * @param ownsContext whether {@link #close()} stops {@code jsc}
     * @param partitions  shards per mini-batch (tasks per step), ≥ 1
     * @throws org.snn4j.Snn4jException for a loss that cannot be computed in shards (see {@link TrainPayload})
     */
    public SparkBackend(JavaSparkContext jsc, boolean ownsContext, Model model, TrainConfig cfg, Dataset train, int partitions) {
        this(jsc, ownsContext, model, cfg, train, null, partitions);
    }

    /**
     * As {@link #SparkBackend(JavaSparkContext, boolean, Model, TrainConfig, Dataset, int)}; with {@code files} not
     * null every executor opens the training set from those files (which it must see at the same path, e.g. on a
     * shared filesystem) instead of receiving {@code train} from the driver, and reads only its shards' samples of
     * an image folder. {@code train} must be the set {@code files} names (the trainer's order comes from it).
     */
    public SparkBackend(JavaSparkContext jsc, boolean ownsContext, Model model, TrainConfig cfg, Dataset train, DataSource files,
                        int partitions) {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        this.jsc = jsc;
        this.ownsContext = ownsContext;
        this.model = model;
        this.payload = TrainPayload.of(model, cfg);
        this.cfg = cfg;
        this.chunked = cfg.gradientChunk() > 0;
        this.partitions = partitions;
        this.train = files != null ? SampleStore.files(files) : SampleStore.broadcast(jsc.broadcast(SampleBlock.of(train)));
        for (int p = 0; p < partitions; p++) partitionIds.add(p);
        this.evaluation = new SparkEvaluation(jsc, payload, partitions);
    }

    /** The Spark context this backend runs on. */
    public JavaSparkContext context() {
        return jsc;
    }

    @Override
    public StepOutcome gradients(DataLoader.Batch batch, int epoch, int batches, SpikeRecords tally) {
        List<Parameter> params = model.parameters();
        Broadcast<float[][]> weights = jsc.broadcast(new float[][] {Flat.values(params), Flat.values(model.buffers())});
        try {
            ShardTask task = new ShardTask(run, payload, train, weights, batch.indices(), epoch, batch.index(), batches, partitions);
            ShardResult sum = jsc.parallelize(partitionIds, partitions).map(task::compute).treeReduce(ShardResult::plus, TREE_DEPTH);
            StepOutcome outcome;
            if (chunked) {
                sum.chunks.sort(Comparator.comparingInt(GradientChunks.Result::chunk));
                GradientChunks.Sum chunks = new GradientChunks.Sum(cfg.loss(), batch.size());
                sum.chunks.forEach(chunks::add);
                outcome = chunks.apply(params, model.buffers());
            } else {
                Flat.setGradients(params, sum.gradients);
                if (sum.buffers != null && sum.buffers.length > 0) Flat.setValues(model.buffers(), sum.buffers);
                outcome = new StepOutcome(sum.loss, sum.correct);
            }
            if (!Double.isFinite(outcome.loss())) throw new NumericalException("loss", "loss value", 0, (float) outcome.loss());
            for (Parameter p : params) Finite.check(p.name(), "gradient summed over the partitions", p.grad());
            sum.tellSpikes(tally);
            return outcome;
        } finally {
            weights.destroy();
        }
    }

    @Override
    public EvalResult evaluate(Dataset test) {
        return evaluation.evaluate(model, test);
    }

    @Override
    public void close() {
        train.release();
        evaluation.close();
        if (ownsContext) jsc.stop();
    }
}
