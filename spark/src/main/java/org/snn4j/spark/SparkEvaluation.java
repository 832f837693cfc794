package org.snn4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.snn4j.data.Dataset;
import org.snn4j.model.Model;
import org.snn4j.train.EvalResult;
import org.snn4j.train.EvalTotals;
import org.snn4j.train.LocalBackend;
import org.snn4j.train.TrainConfig;

/**
 * Distributed evaluation: the test set's batches (of the run's batch size, in data order) are split into
 * {@code partitions} contiguous ranges, one task each ({@code mapPartitions}-style, one model per executor
 * from {@link Replicas}, its weights from one broadcast); every batch draws its randomness from (seed, its
 * index) as on one machine, so the merged accuracy, spike counts and operation counts equal the
 * single-machine evaluation's exactly (the mean loss up to the order of its sum).
 */
public final class SparkEvaluation implements AutoCloseable {
    private final JavaSparkContext jsc;
    private final TrainPayload payload;
    private final int partitions;
    private final String run = UUID.randomUUID().toString();
    private Dataset lastTest;
    private Broadcast<SampleBlock> testBlock;

    /** @param payload the models' spec and evaluation settings; null when every call names its own */
    SparkEvaluation(JavaSparkContext jsc, TrainPayload payload, int partitions) {
        this.jsc = jsc;
        this.payload = payload;
        this.partitions = partitions;
    }

    /**
     * An evaluation of models of {@code model}'s spec with {@code cfg}'s steps, encoder, loss, batch size and
     * seed, in {@code partitions} tasks.
     */
    public static SparkEvaluation of(JavaSparkContext jsc, Model model, TrainConfig cfg, int partitions) {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        return new SparkEvaluation(jsc, TrainPayload.of(model, cfg), partitions);
    }

    /** Evaluates {@code model} (its current weights) on {@code test}; the set is broadcast once for repeated calls. */
    public EvalResult evaluate(Model model, Dataset test) {
        return evaluate(payload, model, test);
    }

    /** As {@link #evaluate(Model, Dataset)}, {@code model} built and evaluated as {@code payload} says. */
    EvalResult evaluate(TrainPayload payload, Model model, Dataset test) {
        test.requireSamples();
        long start = System.nanoTime();
        if (test != lastTest) {
            if (testBlock != null) testBlock.destroy();
            testBlock = jsc.broadcast(SampleBlock.of(test));
            lastTest = test;
        }
        Broadcast<float[][]> weights = jsc.broadcast(new float[][] {Flat.values(model.parameters()), Flat.values(model.buffers())});
        try {
            int batches = (test.size() + payload.batch() - 1) / payload.batch();
            List<Integer> ids = new ArrayList<>();
            for (int p = 0; p < partitions; p++) ids.add(p);
            String key = run;
            TrainPayload pl = payload;
            int parts = partitions;
            Broadcast<SampleBlock> data = testBlock;
            List<EvalPartial> partials = jsc.parallelize(ids, partitions)
                    .map(p -> part(key, pl, data, weights, batches, parts, p)).collect();
            EvalTotals totals = new EvalTotals();
            for (EvalPartial partial : partials) partial.addTo(totals);  // in partition order: layers keep the network's order
            return totals.result(test.size(), (System.nanoTime() - start) / 1e9);
        } finally {
            weights.destroy();
        }
    }

    private static EvalPartial part(String key, TrainPayload payload, Broadcast<SampleBlock> data, Broadcast<float[][]> weights,
                                    int batches, int partitions, int p) {
        LocalBackend replica = Replicas.take(key, payload);
        try {
            Flat.setValues(replica.model().parameters(), weights.value()[0]);
            Flat.setValues(replica.model().buffers(), weights.value()[1]);
            int from = (int) ((long) p * batches / partitions), to = (int) ((long) (p + 1) * batches / partitions);
            return new EvalPartial(replica.evaluateBatches(data.value().dataset(), from, to));
        } finally {
            Replicas.give(key, payload, replica);
        }
    }

    @Override
    public void close() {
        if (testBlock != null) testBlock.destroy();
        testBlock = null;
        lastTest = null;
    }
}
