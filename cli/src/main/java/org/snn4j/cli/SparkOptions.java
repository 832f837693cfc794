package org.snn4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --spark-master} and {@code --spark-partitions}, shared by train, finetune, eval and convert: run on Apache
 * Spark through the provider named "spark" that snn4j-spark registers ({@link ServiceLoader}), so the command line
 * does not depend on Spark. Under spark-submit (which sets {@code spark.master}) the commands run on Spark without
 * the flag.
 */
final class SparkOptions {
    @Option(names = "--spark-master", paramLabel = "URL",
            description = "Run on Apache Spark: local[N], spark://HOST:PORT, yarn, ... (train, finetune: data-parallel training; "
                    + "eval, convert: the test evaluations and the calibration). ./snn4j puts Spark on the classpath (see "
                    + "docs/DISTRIBUTED.md). Under spark-submit the master is spark-submit's.")
    String master;

    @Option(names = "--spark-partitions", paramLabel = "P",
            description = "With Spark: tasks per mini-batch or evaluation (default: Spark's default parallelism).")
    Integer partitions;

    /** The master given or spark-submit's, or null (run in this process); checks {@code --spark-partitions}. */
    String master(CommandSpec spec) {
        String m = master != null ? master : System.getProperty("spark.master");
        if (partitions != null) {
            if (m == null) throw new ParameterException(spec.commandLine(), "--spark-partitions needs --spark-master");
            Flags.positive(spec, "--spark-partitions", partitions);
        }
        return m;
    }

    /**
     * The "spark" provider of {@code type} when a master is given (or spark-submit's), else null; bad usage when it
     * is asked for and snn4j-spark is not on the classpath.
     */
    <P> P provider(CommandSpec spec, Class<P> type, Function<P, String> name) {
        String m = master(spec);
        if (m == null) return null;
        return ServiceLoader.load(type).stream().map(ServiceLoader.Provider::get).filter(p -> name.apply(p).equals("spark")).findFirst()
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "--spark-master " + m + ": snn4j-spark and "
                        + "Spark are not on the classpath; run through ./snn4j (which adds them) or spark-submit --class "
                        + "org.snn4j.spark.SparkMain"));
    }

    /** The provider's options: the master and partitions given. */
    Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        if (master != null) options.put("master", master);
        if (partitions != null) options.put("partitions", String.valueOf(partitions));
        return options;
    }
}
