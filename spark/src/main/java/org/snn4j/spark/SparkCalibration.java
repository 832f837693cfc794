package org.snn4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.snn4j.convert.ActivationStatistics;
import org.snn4j.data.Dataset;
import org.snn4j.model.Model;
import org.snn4j.train.LocalBackend;
import org.snn4j.train.TrainConfig;

/**
 * Distributed conversion calibration: the activation statistics of a (batch-norm-folded) ANN over the
 * first {@code samples} calibration images, measured in {@code partitions} tasks over contiguous ranges of
 * batches and merged ({@link ActivationStatistics#merge}). The histograms' bins are fixed, so the merged
 * statistics are the single-machine ones exactly: maxima exact, percentiles at the histograms' resolution
 * (2^(1/256) − 1 ≈ 0.27 % per layer, 2^(1/16) − 1 ≈ 4.4 % per channel) either way, and
 * {@link org.snn4j.convert.Converter#convert} then chooses the same thresholds.
 */
public final class SparkCalibration {
    private SparkCalibration() {}

    /** The statistics of {@code foldedAnn} over the first {@code samples} images of {@code calibration}, in batches of {@code batch}. */
    public static ActivationStatistics measure(JavaSparkContext jsc, Model foldedAnn, Dataset calibration, int samples, int batch,
                                               int partitions) {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        if (samples < 1) throw new IllegalArgumentException("calibration samples must be >= 1, was " + samples);
        Dataset subset = calibration.size() > samples ? calibration.subset(samples) : calibration;
        TrainPayload payload = TrainPayload.of(foldedAnn, TrainConfig.defaults());
        String run = UUID.randomUUID().toString();
        int batches = (subset.size() + batch - 1) / batch;
        Broadcast<SampleBlock> data = jsc.broadcast(SampleBlock.of(subset));
        Broadcast<float[][]> weights = jsc.broadcast(new float[][] {Flat.values(foldedAnn.parameters()), Flat.values(foldedAnn.buffers())});
        try {
            List<Integer> ids = new ArrayList<>();
            for (int p = 0; p < partitions; p++) ids.add(p);
            int n = subset.size();
            List<ActivationStatistics> parts = jsc.parallelize(ids, partitions).map(p -> {
                LocalBackend replica = Replicas.take(run, payload);
                try {
                    Flat.setValues(replica.model().parameters(), weights.value()[0]);
                    Flat.setValues(replica.model().buffers(), weights.value()[1]);
                    int from = (int) ((long) p * batches / partitions), to = (int) ((long) (p + 1) * batches / partitions);
                    return ActivationStatistics.measureBatches(replica.model(), data.value().dataset(), n, batch, from, to);
                } finally {
                    Replicas.give(run, payload, replica);
                }
            }).collect();
            ActivationStatistics merged = parts.get(0);
            for (int p = 1; p < parts.size(); p++) merged.merge(parts.get(p));  // partition order: layers in network order
            return merged;
        } finally {
            data.destroy();
            weights.destroy();
        }
    }
}
