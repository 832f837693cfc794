package org.snn4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.snn4j.data.DataLoader;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.DataSource;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.model.Model;
import org.snn4j.optim.Optimizer;
import org.snn4j.tensor.Tensor;
import org.snn4j.train.EvalResult;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.TrainingBackend;

/**
 * Local SGD with periodic averaging, as a {@link TrainingBackend} of the ordinary {@link org.snn4j.train.Trainer},
 * for networks too slow for a synchronous step per mini-batch. At the first mini-batch of every round of
 * {@code syncEvery} (K) consecutive ones (rounds start afresh each epoch) every partition starts from the
 * broadcast weights, buffers and optimizer state, takes K optimizer steps on its shards of the round's K global
 * mini-batches (the trainer's order, split as {@link Shards} splits them; {@link LocalRound}), and the driver
 * sets the weights, buffers and optimizer state to their average, each partition weighted by its share of the
 * round's samples; the round's other mini-batches are then already done. Communication falls by a factor of K.
 * With K = 1 and SGD without momentum it is the synchronous step (the average of w − η·g_p is w − η·Σ g_p·n_p/n).
 * The trainer keeps its checkpoints (weights and averaged optimizer state after every epoch) and {@code --resume}.
 * A round is a Spark job; a task run again computes the same.
 */
public final class LocalSgdBackend implements TrainingBackend {
    private final JavaSparkContext jsc;
    private final boolean ownsContext;
    private final Model model;
    private final TrainPayload payload;
    private final int partitions;
    private final int syncEvery;
    private final String run = UUID.randomUUID().toString();
    private final SampleStore train;
    private final DataLoader orders;
    private final List<Integer> partitionIds = new ArrayList<>();
    private final SparkEvaluation evaluation;
    private Broadcast<int[]> order;
    private int orderEpoch = -1;

    /**
     * @param ownsContext whether {@link #close()} stops {@code jsc}
     * @param partitions  shards of every global mini-batch, ≥ 1
     * @param syncEvery   local steps between averagings (K), ≥ 1
     */
    public LocalSgdBackend(JavaSparkContext jsc, boolean ownsContext, Model model, TrainConfig cfg, Dataset train, int partitions,
                           int syncEvery) {
        this(jsc, ownsContext, model, cfg, train, null, partitions, syncEvery);
    }

    /** With {@code files} not null the executors open the training set from its files, as {@link SparkBackend} can. */
    public LocalSgdBackend(JavaSparkContext jsc, boolean ownsContext, Model model, TrainConfig cfg, Dataset train, DataSource files,
                           int partitions, int syncEvery) {
        if (partitions < 1 || syncEvery < 1) {
            throw new IllegalArgumentException("partitions and syncEvery must be >= 1, were " + partitions + ", " + syncEvery);
        }
        this.jsc = jsc;
        this.ownsContext = ownsContext;
        this.model = model;
        this.payload = TrainPayload.of(model, cfg);
        this.partitions = partitions;
        this.syncEvery = syncEvery;
        this.train = files != null ? SampleStore.files(files) : SampleStore.broadcast(jsc.broadcast(SampleBlock.of(train)));
        // the trainer's sample order of each epoch (its loader's: same set, batch, shuffle and seed)
        this.orders = DataLoader.over(train).batchSize(cfg.batch()).shuffle(true).seed(cfg.seed()).prefetch(0).build();
        for (int p = 0; p < partitions; p++) partitionIds.add(p);
        this.evaluation = new SparkEvaluation(jsc, payload, partitions);
    }

    /** Not used: a round's optimizer steps happen on the executors ({@link #step}). */
    @Override
    public StepOutcome gradients(DataLoader.Batch batch, int epoch, int batches, SpikeRecords tally) {
        throw new UnsupportedOperationException("local SGD takes its steps on the executors; the trainer calls step");
    }

    /** The round that starts at {@code batch} (nothing for a later mini-batch of a round: it is done already). */
    @Override
    public StepOutcome step(DataLoader.Batch batch, int epoch, int batches, SpikeRecords tally, Optimizer optimizer, double rate) {
        int first = batch.index();
        if (first % syncEvery != 0) return new StepOutcome(0, 0);
        if (epoch != orderEpoch) {
            if (order != null) order.destroy();
            order = jsc.broadcast(orders.order(epoch));
            orderEpoch = epoch;
        }
        Broadcast<float[][]> start = jsc.broadcast(new float[][] {
                Flat.values(model.parameters()), Flat.values(model.buffers()), flatState(optimizer.state())});
        try {
            LocalRound round = new LocalRound(run, payload, train, start, order, epoch, first, Math.min(batches, first + syncEvery),
                    batches, partitions);
            ShardResult r = jsc.parallelize(partitionIds, partitions).map(round::compute).treeReduce(ShardResult::plus,
                    SparkBackend.TREE_DEPTH);
            Flat.setValues(model.parameters(), r.gradients);
            if (r.buffers.length > 0) Flat.setValues(model.buffers(), r.buffers);
            optimizer.loadState(unflatState(optimizer.state(), r.state));
            r.tellSpikes(tally);
            return new StepOutcome(r.loss, r.correct);
        } finally {
            start.destroy();
        }
    }

    @Override
    public EvalResult evaluate(Dataset test) {
        return evaluation.evaluate(model, test);
    }

    @Override
    public void close() {
        if (order != null) order.destroy();
        train.release();
        orders.close();
        evaluation.close();
        if (ownsContext) jsc.stop();
    }

    /** An optimizer state's tensors end to end, in its fixed key order. */
    static float[] flatState(Map<String, Tensor> state) {
        int n = 0;
        for (Tensor t : state.values()) n += t.size();
        float[] out = new float[n];
        int at = 0;
        for (Tensor t : state.values()) {
            System.arraycopy(t.data(), 0, out, at, t.size());
            at += t.size();
        }
        return out;
    }

    /** {@code template}'s keys and shapes filled from {@code flat} (rounded to float). */
    static Map<String, Tensor> unflatState(Map<String, Tensor> template, double[] flat) {
        int at = 0;
        for (Tensor t : template.values()) {
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) d[i] = (float) flat[at++];
        }
        return template;
    }
}
