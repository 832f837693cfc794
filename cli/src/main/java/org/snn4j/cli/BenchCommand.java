package org.snn4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.snn4j.bench.KernelSuite;
import org.snn4j.kernels.Gemm;
import org.snn4j.kernels.NeuronLoops;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code snn4j bench}: throughput figures of the kernels and of inference. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure throughput.",
        subcommands = {BenchCommand.Kernels.class, InferBenchCommand.class, StreamBenchCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * GEMM GFLOP/s, conv2d forward+backward and fused LIF forward+backward, with 1 and N threads: the JMH
     * benchmarks of org.snn4j.bench run through {@link KernelSuite}.
     */
    @Command(name = "kernels", mixinStandardHelpOptions = true, sortOptions = false,
            description = "GEMM GFLOP/s on 512^3 and conv-like shapes, conv2d fwd+bwd (N=64, C=64, 32x32, 3x3), "
                    + "fused LIF fwd+bwd (1M neurons, T=8), with 1 and --threads threads: JMH benchmarks, each figure "
                    + "the median of its measurement iterations (each at least 200 ms of calls).")
    static final class Kernels implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--threads", defaultValue = "2", description = "Second thread count to measure (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--reps", defaultValue = "15", description = "JMH measurement iterations per figure; the median is reported (default: ${DEFAULT-VALUE}).")
        int reps;

        @Option(names = "--warmups", defaultValue = "20", description = "JMH warm-up iterations per figure (default: ${DEFAULT-VALUE}).")
        int warmups;

        @Option(names = "--forks", defaultValue = "1",
                description = "Fresh JVMs per figure (JMH forks; 0 runs every figure in this JVM) (default: ${DEFAULT-VALUE}).")
        int forks;

        @Option(names = "--json", description = "End stdout with one JSON line of the results.")
        boolean json;

        @Override
        public Integer call() {
            Flags.positive(spec, "--threads", threads);
            Flags.positive(spec, "--reps", reps);
            Flags.nonNegative(spec, "--warmups", warmups);
            Flags.nonNegative(spec, "--forks", forks);
            int[] counts = threads == 1 ? new int[] {1} : new int[] {1, threads};
            KernelSuite suite = new KernelSuite(warmups, reps, forks, System.err);
            JsonObject o = new JsonObject();
            o.addProperty("date", Instant.now().toString());
            o.addProperty("java", Runtime.version().toString());
            o.addProperty("processors", Runtime.getRuntime().availableProcessors());
            o.addProperty("gemm_implementation", Gemm.implementationName());
            o.addProperty("neuron_loops_vectorized", NeuronLoops.vectorized());
            System.out.printf("GEMM (%s), GFLOP/s, median of %d%n", Gemm.implementationName(), reps);
            JsonArray gemm = new JsonArray();
            for (KernelSuite.GemmFigure f : suite.gemm(counts)) {
                int t = f.threads();
                System.out.printf("  %-14s %d thread%s  %7.1f%n", f.shape(), t, t == 1 ? " " : "s", f.gflops());
                JsonObject e = new JsonObject();
                e.addProperty("shape", f.shape());
                e.addProperty("threads", t);
                e.addProperty("gflops", f.gflops());
                gemm.add(e);
            }
            o.add("gemm", gemm);
            suite.convForwardBackwardMillis(counts).forEach((t, ms) -> {
                System.out.printf("conv2d fwd+bwd N=64 C=64 32x32 3x3 pad 1, %d thread%s: %.1f ms%n", t, t == 1 ? "" : "s", ms);
                o.addProperty("conv_fwd_bwd_ms_" + t + "t", ms);
            });
            suite.lifForwardBackwardMillis(counts).forEach((t, ms) -> {
                System.out.printf("fused LIF fwd+bwd 1M neurons T=8, %d thread%s: %.2f ms%n", t, t == 1 ? "" : "s", ms);
                o.addProperty("lif_fwd_bwd_ms_" + t + "t", ms);
            });
            if (json) System.out.println(o);
            return 0;
        }
    }
}
