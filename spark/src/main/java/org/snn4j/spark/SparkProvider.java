package org.snn4j.spark;

import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;
import org.snn4j.model.Model;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.TrainingBackend;

/**
 * The "spark" training backend the command line finds with {@link java.util.ServiceLoader}: a
 * {@link SparkBackend} on a Spark context of its own (stopped when training ends). Options: {@code master}
 * (a Spark master URL; spark-submit's {@code spark.master} when absent) and {@code partitions} (shards per
 * mini-batch; Spark's default parallelism when absent). Every other Spark setting comes from spark-submit or
 * {@code spark.*} system properties, as for any Spark application.
 */
public final class SparkProvider implements TrainingBackend.Provider {
    private static final Set<String> OPTIONS = Set.of("master", "partitions");

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public TrainingBackend open(Model model, TrainConfig cfg, Dataset train, Map<String, String> options) {
        for (String k : options.keySet()) {
            if (!OPTIONS.contains(k)) throw new Snn4jException("spark backend: unknown option '" + k + "'; expected one of " + OPTIONS);
        }
        // Spark's own INFO lines would bury the training's progress; spark.log.level set anywhere wins
        SparkConf conf = new SparkConf().setAppName("snn4j train " + model.spec().name()).setIfMissing("spark.log.level", "WARN");
        if (options.containsKey("master")) conf.setMaster(options.get("master"));
        if (!conf.contains("spark.master")) throw new Snn4jException("spark backend: no master (give --spark-master or use spark-submit)");
        JavaSparkContext jsc = new JavaSparkContext(conf);
        try {
            int partitions = options.containsKey("partitions") ? Integer.parseInt(options.get("partitions")) : jsc.defaultParallelism();
            System.getLogger(SparkProvider.class.getName()).log(System.Logger.Level.INFO,
                    "training on Spark " + jsc.master() + ", " + partitions + " partitions per mini-batch");
            return new SparkBackend(jsc, true, model, cfg, train, partitions);
        } catch (RuntimeException e) {
            jsc.stop();
            throw e;
        }
    }
}
