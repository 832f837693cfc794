package org.snn4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.snn4j.data.DataLoader;
import org.snn4j.data.Dataset;
import org.snn4j.model.Model;
import org.snn4j.nn.Finite;
import org.snn4j.nn.Parameter;
import org.snn4j.optim.Optimizer;
import org.snn4j.tensor.Tensor;
import org.snn4j.train.TrainConfig;

/**
 * Local SGD with periodic averaging, for networks too slow for a synchronous step per mini-batch: every
 * partition starts a round from the same weights and optimizer state, takes {@code syncEvery} optimizer
 * steps on its shards of {@code syncEvery} consecutive global mini-batches (the trainer's order of each
 * epoch, split as {@link Shards} splits them), and the driver averages the weights, buffers and optimizer
 * states, each partition weighted by its share of the round's samples. Communication falls by a factor of
 * {@code syncEvery}; with {@code syncEvery = 1} and SGD without momentum it is the synchronous step (the
 * average of w − η·g_p is w − η·Σ g_p·n_p/n). A round is a Spark job; a task run again computes the same.
 * Nothing is checkpointed here: use the synchronous {@link SparkBackend} through the trainer for that.
 */
public final class LocalSgd {
    private final JavaSparkContext jsc;
    private final int partitions;
    private final int syncEvery;

    /** What one epoch measured: the mean training loss and accuracy over its rounds, the test accuracy, the rounds. */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, int rounds) {}

    /**
     * @param partitions shards of every global mini-batch, ≥ 1
     * @param syncEvery  local steps between averagings (K), ≥ 1
     */
    public LocalSgd(JavaSparkContext jsc, int partitions, int syncEvery) {
        if (partitions < 1 || syncEvery < 1) {
            throw new IllegalArgumentException("partitions and syncEvery must be >= 1, were " + partitions + ", " + syncEvery);
        }
        this.jsc = jsc;
        this.partitions = partitions;
        this.syncEvery = syncEvery;
    }

    /** Trains {@code model} for {@code cfg}'s epochs (its batch is the global mini-batch), evaluating on {@code test} after each. */
    public List<Epoch> fit(Model model, TrainConfig cfg, Dataset train, Dataset test) {
        TrainPayload payload = TrainPayload.of(model, cfg);
        String run = UUID.randomUUID().toString();
        Optimizer optimizer = cfg.optimizer().create(model.parameters(), cfg.weightDecay(), cfg.momentum());
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < partitions; p++) ids.add(p);
        List<Epoch> history = new ArrayList<>();
        Broadcast<SampleBlock> data = jsc.broadcast(SampleBlock.of(train));
        try (SparkEvaluation evaluation = new SparkEvaluation(jsc, payload, partitions);
             DataLoader loader = DataLoader.over(train).batchSize(cfg.batch()).shuffle(true).seed(cfg.seed()).prefetch(0).build()) {
            int batches = loader.batchesPerEpoch();
            for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
                Broadcast<int[]> order = jsc.broadcast(loader.order(epoch));
                double loss = 0;
                long correct = 0, seen = 0;
                int rounds = 0;
                for (int first = 0; first < batches; first += syncEvery, rounds++) {
                    float[] state = flatState(optimizer.state());
                    Broadcast<float[][]> start = jsc.broadcast(new float[][] {
                            Flat.values(model.parameters()), Flat.values(model.buffers()), state});
                    try {
                        LocalRound round = new LocalRound(run, payload, data, start, order, epoch, first,
                                Math.min(batches, first + syncEvery), batches, partitions);
                        ShardResult r = jsc.parallelize(ids, partitions).map(round::compute).treeReduce(ShardResult::plus, 2);
                        Flat.setValues(model.parameters(), r.gradients);
                        if (r.buffers.length > 0) Flat.setValues(model.buffers(), r.buffers);
                        optimizer.loadState(unflatState(optimizer.state(), r.state));
                        for (Parameter p : model.parameters()) Finite.check(p.name(), "weights after averaging", p.value());
                        loss += r.loss;
                        correct += r.correct;
                        seen += r.samples;
                    } finally {
                        start.destroy();
                    }
                }
                order.destroy();
                double testAccuracy = evaluation.evaluate(model, test).accuracy();
                history.add(new Epoch(epoch + 1, loss / Math.max(1, batches), seen == 0 ? 0 : (double) correct / seen, testAccuracy,
                        rounds));
            }
        } finally {
            data.destroy();
        }
        return history;
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
