package org.snn4j.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.snn4j.Snn4jException;

/**
 * The kernel figures of {@code snn4j bench kernels}, measured by running this package's JMH benchmarks
 * through JMH's {@link Runner}: GEMM GFLOP/s ({@link GemmBenchmark}), the convolution training step
 * ({@link ConvBenchmark#forwardBackward}) and the fused LIF forward + backward
 * ({@link NeuronBenchmark}), each at the given thread counts.
 *
 * <p>Every figure is one JMH trial: {@code warmups} warm-up iterations, then {@code reps} measurement
 * iterations of at least 200 ms each (one call at least), in {@code forks} fresh JVMs (0: in this JVM).
 * JMH scores each iteration by its average time per call; a figure is the median of those scores over the
 * measurement iterations of all forks. A forked JVM gets this JVM's options (JMH passes them on) plus the
 * Vector API module.
 *
 * <p>JMH's own output is kept, not printed: on success it is dropped; when a run fails it is written to
 * the {@code failures} stream and a {@link Snn4jException} is thrown, so that the caller's output stays
 * its own.
 */
public final class KernelSuite {
    /** One GEMM figure: shape "MxNxK", thread count, GFLOP/s. */
    public record GemmFigure(String shape, int threads, double gflops) {}

    private final int warmups, reps, forks;
    private final PrintStream failures;

    /**
     * @param warmups  warm-up iterations per figure (≥ 0)
     * @param reps     measurement iterations per figure (≥ 1)
     * @param forks    JVMs per figure (0: run in this JVM, without JMH's isolation between figures)
     * @param failures where JMH's output goes when a run fails
     */
    public KernelSuite(int warmups, int reps, int forks, PrintStream failures) {
        if (warmups < 0) throw new IllegalArgumentException("warmups must be >= 0, was " + warmups);
        if (reps < 1) throw new IllegalArgumentException("reps must be >= 1, was " + reps);
        if (forks < 0) throw new IllegalArgumentException("forks must be >= 0, was " + forks);
        this.warmups = warmups;
        this.reps = reps;
        this.forks = forks;
        this.failures = failures;
    }

    /** GFLOP/s of every shape of {@link GemmBenchmark#SHAPES} at each thread count, shape by shape. */
    public List<GemmFigure> gemm(int... threads) {
        Map<String, String[]> params = new LinkedHashMap<>();
        params.put("shape", GemmBenchmark.SHAPES.toArray(String[]::new));
        Collection<RunResult> results = run(GemmBenchmark.class, "multiply", params, threads);
        List<GemmFigure> figures = new ArrayList<>();
        for (String shape : GemmBenchmark.SHAPES) {
            for (int t : threads) {
                double seconds = medianMillis(find(results, Map.of("shape", shape, "threads", String.valueOf(t)))) / 1e3;
                figures.add(new GemmFigure(shape, t, GemmBenchmark.flops(shape) / seconds / 1e9));
            }
        }
        return figures;
    }

    /** Milliseconds of one {@link ConvBenchmark#forwardBackward} call, by thread count. */
    public SortedMap<Integer, Double> convForwardBackwardMillis(int... threads) {
        return millisByThreads(run(ConvBenchmark.class, "forwardBackward", Map.of(), threads), threads);
    }

    /** Milliseconds of one {@link NeuronBenchmark#lifForwardBackward} call (1M neurons, T = 8), by thread count. */
    public SortedMap<Integer, Double> lifForwardBackwardMillis(int... threads) {
        return millisByThreads(run(NeuronBenchmark.class, "lifForwardBackward", Map.of(), threads), threads);
    }

    /** The median of a trial's measurement-iteration scores, in its unit (ms per call here). */
    static double medianMillis(RunResult result) {
        return result.getPrimaryResult().getStatistics().getPercentile(50);
    }

    private static SortedMap<Integer, Double> millisByThreads(Collection<RunResult> results, int[] threads) {
        SortedMap<Integer, Double> millis = new TreeMap<>();
        for (int t : threads) millis.put(t, medianMillis(find(results, Map.of("threads", String.valueOf(t)))));
        return millis;
    }

    private static RunResult find(Collection<RunResult> results, Map<String, String> params) {
        for (RunResult r : results) {
            if (params.entrySet().stream().allMatch(p -> p.getValue().equals(r.getParams().getParam(p.getKey())))) return r;
        }
        throw new IllegalStateException("JMH returned no result for " + params);
    }

    private Collection<RunResult> run(Class<?> benchmark, String method, Map<String, String[]> params, int[] threads) {
        if (threads.length == 0) throw new IllegalArgumentException("no thread count given");
        for (int t : threads) if (t < 1) throw new IllegalArgumentException("threads must be >= 1, was " + t);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.getName() + "." + method) + "$")
                .warmupIterations(warmups)
                .measurementIterations(reps)
                .forks(forks)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.NORMAL)
                .param("threads", Arrays.stream(threads).mapToObj(String::valueOf).toArray(String[]::new));
        params.forEach(options::param);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream jmh = new PrintStream(log, true, StandardCharsets.UTF_8);
        try {
            return new Runner(options.build(), OutputFormatFactory.createFormatInstance(jmh, VerboseMode.NORMAL)).run();
        } catch (RunnerException e) {
            failures.print(log.toString(StandardCharsets.UTF_8));
            failures.flush();
            throw new Snn4jException("the JMH run of " + benchmark.getSimpleName() + "." + method + " failed (JMH's output is above): "
                    + e.getMessage(), e);
        }
    }
}
