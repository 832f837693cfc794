package org.snn4j.spark;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.snn4j.Snn4jException;
import org.snn4j.convert.Cluster;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.DataSource;
import org.snn4j.model.Model;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.TrainingBackend;

/**
 * The "spark" training backend and cluster the command line finds with {@link java.util.ServiceLoader}: a
 * {@link SparkBackend} (training) or a {@link SparkCluster} (eval, convert) on a Spark context of its own, stopped
 * when it closes. Options: {@code master} (a Spark master URL; spark-submit's {@code spark.master} when absent),
 * {@code partitions} (tasks per mini-batch or evaluation; Spark's default parallelism when absent) and, for training,
 * {@code local-sgd} (K: local SGD averaging every K steps, {@link LocalSgdBackend}, instead of a synchronous step)
 * and {@code data}, {@code data-dir}, {@code image-size}, {@code limit} (the training set's files, a {@link DataSource}:
 * the executors open them themselves instead of receiving the samples from the driver).
 * Every other Spark setting comes from spark-submit or {@code spark.*} system properties, as for any Spark application.
 */
public final class SparkProvider implements TrainingBackend.Provider, Cluster.Provider {
    /** A setting of the contexts this provider starts, so that it knows them from one it was handed. */
    private static final String OWNER = "spark.snn4j.owner";
    private static final Set<String> OPTIONS = Set.of("master", "partitions", "local-sgd", "data", "data-dir", "image-size", "limit");

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public TrainingBackend open(Model model, TrainConfig cfg, Dataset train, Map<String, String> options) {
        Context c = context("train " + model.spec().name(), options);
        JavaSparkContext jsc = c.jsc();
        try {
            int partitions = partitions(jsc, options);
            DataSource files = trainFiles(options);
            if (options.containsKey("local-sgd")) {
                int k = Integer.parseInt(options.get("local-sgd"));
                log("training on Spark " + jsc.master() + ", " + partitions + " partitions, local SGD averaging every " + k + " steps");
                return new LocalSgdBackend(jsc, c.owned(), model, cfg, train, files, partitions, k);
            }
            log("training on Spark " + jsc.master() + ", " + partitions + " partitions per mini-batch");
            return new SparkBackend(jsc, c.owned(), model, cfg, train, files, partitions);
        } catch (RuntimeException e) {
            c.release();
            throw e;
        }
    }

    @Override
    public Cluster open(Map<String, String> options) {
        if (options.containsKey("local-sgd")) throw new Snn4jException("spark: local SGD is a way of training; evaluation has none");
        Context c = context("evaluation", options);
        try {
            int partitions = partitions(c.jsc(), options);
            log("evaluating on Spark " + c.jsc().master() + ", " + partitions + " partitions");
            return new SparkCluster(c.jsc(), c.owned(), partitions);
        } catch (RuntimeException e) {
            c.release();
            throw e;
        }
    }

    /** A Spark context and whether this provider started it (and so stops it when done). */
    private record Context(JavaSparkContext jsc, boolean owned) {
        void release() {
            if (owned) jsc.stop();
        }
    }

    /**
     * The running Spark context of this JVM if there is one (a notebook's, a test's: its master wins, as
     * {@link SparkContext#getOrCreate} does), else a new one of {@code options}' master, which the caller owns.
     */
    private static Context context(String what, Map<String, String> options) {
        for (String k : options.keySet()) {
            if (!OPTIONS.contains(k)) throw new Snn4jException("spark: unknown option '" + k + "'; expected one of " + OPTIONS);
        }
        // Spark's own INFO lines would bury the run's progress; spark.log.level set anywhere wins
        SparkConf conf = new SparkConf().setAppName("snn4j " + what).setIfMissing("spark.log.level", "WARN");
        if (options.containsKey("master")) conf.setMaster(options.get("master"));
        if (!conf.contains("spark.master")) throw new Snn4jException("spark: no master (give --spark-master or use spark-submit)");
        String mark = UUID.randomUUID().toString();
        SparkContext sc = SparkContext.getOrCreate(conf.set(OWNER, mark));
        return new Context(JavaSparkContext.fromSparkContext(sc), mark.equals(sc.getConf().get(OWNER, "")));
    }

    /** The training set's files when the options name them ({@code data}, {@code data-dir}, {@code image-size}, {@code limit}), else null. */
    private static DataSource trainFiles(Map<String, String> options) {
        if (!options.containsKey("data")) return null;
        return new DataSource(options.get("data"), options.get("data-dir"), true, Integer.parseInt(options.getOrDefault("image-size", "224")),
                Integer.parseInt(options.getOrDefault("limit", "0")));
    }

    private static int partitions(JavaSparkContext jsc, Map<String, String> options) {
        return options.containsKey("partitions") ? Integer.parseInt(options.get("partitions")) : jsc.defaultParallelism();
    }

    private static void log(String message) {
        System.getLogger(SparkProvider.class.getName()).log(System.Logger.Level.INFO, message);
    }
}
