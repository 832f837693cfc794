package org.snn4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.snn4j.convert.ActivationStatistics;
import org.snn4j.convert.Cluster;
import org.snn4j.data.Dataset;
import org.snn4j.model.Model;
import org.snn4j.train.EvalResult;
import org.snn4j.train.TrainConfig;

/**
 * The command line's evaluations and conversion calibrations on Spark ({@link SparkEvaluation},
 * {@link SparkCalibration}), in {@code partitions} tasks each; a test set evaluated again (a conversion sweep
 * evaluates it at every T) is broadcast once.
 */
final class SparkCluster implements Cluster {
    private final JavaSparkContext jsc;
    private final boolean ownsContext;
    private final int partitions;
    private final SparkEvaluation evaluation;

    /** @param ownsContext whether {@link #close()} stops {@code jsc} */
    SparkCluster(JavaSparkContext jsc, boolean ownsContext, int partitions) {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        this.jsc = jsc;
        this.ownsContext = ownsContext;
        this.partitions = partitions;
        this.evaluation = new SparkEvaluation(jsc, null, partitions);
    }

    @Override
    public EvalResult evaluate(Model model, Dataset test, TrainConfig cfg) {
        return evaluation.evaluate(TrainPayload.of(model, cfg), model, test);
    }

    @Override
    public ActivationStatistics measure(Model foldedAnn, Dataset calibration, int samples, int batch) {
        return SparkCalibration.measure(jsc, foldedAnn, calibration, samples, batch, partitions);
    }

    @Override
    public void close() {
        evaluation.close();
        if (ownsContext) jsc.stop();
    }
}
