package org.snn4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.snn4j.bench.ConvBenchmark;
import org.snn4j.bench.GemmBenchmark;
import org.snn4j.bench.NeuronBenchmark;
import org.snn4j.kernels.Gemm;
import org.snn4j.kernels.NeuronLoops;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code snn4j bench}: throughput figures of the kernels and of inference. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure throughput.",
        subcommands = {BenchCommand.Kernels.class, InferBenchCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** GEMM GFLOP/s, conv2d forward+backward and fused LIF forward+backward, with 1 and N threads. */
    @Command(name = "kernels", mixinStandardHelpOptions = true, sortOptions = false,
            description = "GEMM GFLOP/s on 512^3 and conv-like shapes, conv2d fwd+bwd (N=64, C=64, 32x32, 3x3), "
                    + "fused LIF fwd+bwd (1M neurons, T=8); medians after warm-up, with 1 and --threads threads.")
    static final class Kernels implements Callable<Integer> {
        private static final int[][] GEMM_SHAPES = {{512, 512, 512}, {64, 25088, 576}, {576, 25088, 64}, {64, 576, 25088}};

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--threads", defaultValue = "2", description = "Second thread count to measure (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--reps", defaultValue = "15", description = "Timed repetitions per figure; the median is reported (default: ${DEFAULT-VALUE}).")
        int reps;

        @Option(names = "--warmups", defaultValue = "20", description = "Untimed repetitions first (default: ${DEFAULT-VALUE}).")
        int warmups;

        @Option(names = "--json", description = "End stdout with one JSON line of the results.")
        boolean json;

        @Override
        public Integer call() {
            Flags.positive(spec, "--threads", threads);
            Flags.positive(spec, "--reps", reps);
            Flags.nonNegative(spec, "--warmups", warmups);
            int[] counts = threads == 1 ? new int[] {1} : new int[] {1, threads};
            JsonObject o = new JsonObject();
            o.addProperty("date", Instant.now().toString());
            o.addProperty("java", Runtime.version().toString());
            o.addProperty("processors", Runtime.getRuntime().availableProcessors());
            o.addProperty("gemm_implementation", Gemm.implementationName());
            o.addProperty("neuron_loops_vectorized", NeuronLoops.vectorized());
            System.out.printf("GEMM (%s), GFLOP/s, median of %d%n", Gemm.implementationName(), reps);
            JsonArray gemm = new JsonArray();
            for (int[] s : GEMM_SHAPES) {
                for (int t : counts) {
                    double g = GemmBenchmark.gflops(s[0], s[1], s[2], t, warmups, reps);
                    String shape = s[0] + "x" + s[1] + "x" + s[2];
                    System.out.printf("  %-14s %d thread%s  %7.1f%n", shape, t, t == 1 ? " " : "s", g);
                    JsonObject e = new JsonObject();
                    e.addProperty("shape", shape);
                    e.addProperty("threads", t);
                    e.addProperty("gflops", g);
                    gemm.add(e);
                }
            }
            o.add("gemm", gemm);
            for (int t : counts) {
                double ms = ConvBenchmark.forwardBackwardMillis(64, 64, 32, 32, 64, 3, 1, t, warmups, reps);
                System.out.printf("conv2d fwd+bwd N=64 C=64 32x32 3x3 pad 1, %d thread%s: %.1f ms%n", t, t == 1 ? "" : "s", ms);
                o.addProperty("conv_fwd_bwd_ms_" + t + "t", ms);
            }
            for (int t : counts) {
                double ms = NeuronBenchmark.lifForwardBackwardMillis(1 << 20, 8, t, warmups, reps);
                System.out.printf("fused LIF fwd+bwd 1M neurons T=8, %d thread%s: %.2f ms%n", t, t == 1 ? "" : "s", ms);
                o.addProperty("lif_fwd_bwd_ms_" + t + "t", ms);
            }
            if (json) System.out.println(o);
            return 0;
        }
    }
}
