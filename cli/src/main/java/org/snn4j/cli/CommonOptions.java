package org.snn4j.cli;

import java.nio.file.Path;
import org.snn4j.kernels.Parallel;
import picocli.CommandLine.Option;

/** Options every compute command shares. */
final class CommonOptions {
    @Option(names = "--threads", paramLabel = "N", description = "Compute threads (default: all ${sys:snn4j.cores} cores).")
    Integer threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory holding the data set's files.")
    Path dataDir;

    @Option(names = "--json", description = "End stdout with one JSON line of the results.")
    boolean json;

    static {
        System.setProperty("snn4j.cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    }

    /** Applies --threads to the kernels' pool. */
    void applyThreads(picocli.CommandLine.Model.CommandSpec spec) {
        if (threads != null) {
            if (threads < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, was " + threads);
            Parallel.setThreads(threads);
        }
    }
}
