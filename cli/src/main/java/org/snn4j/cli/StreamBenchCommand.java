package org.snn4j.cli;

import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.snn4j.bench.StreamBench;
import org.snn4j.engine.EngineMode;
import org.snn4j.kernels.Parallel;
import org.snn4j.stream.StreamSummary;
import org.snn4j.stream.WindowPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code snn4j bench stream}: events per second, real-time factor and window latency of a live stream (issue 28). */
@Command(name = "stream", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Stream emulated recordings through an N-MNIST-sized or a DVS-gesture-sized network window by window "
                + "(random weights): events/s, real-time factor (recording time / processing time), window latency median and p99.")
final class StreamBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--size", paramLabel = "nmnist|dvs-gesture", defaultValue = "nmnist", description = "Network and sensor size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--window", paramLabel = "SIZE", defaultValue = "1ms", description = "Window: a duration or NNNev (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--recordings", paramLabel = "N", defaultValue = "20", description = "Recordings streamed back to back (default: ${DEFAULT-VALUE}).")
    int recordings;

    @Mixin
    EngineOption engine;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Compute threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        EngineMode mode = engine.mode(spec);
        Flags.positive(spec, "--recordings", recordings);
        Flags.positive(spec, "--threads", threads);
        WindowPolicy policy;
        try {
            policy = WindowPolicy.parse(window);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--window: " + e.getMessage());
        }
        if (!size.equals("nmnist") && !size.equals("dvs-gesture")) {
            throw new ParameterException(spec.commandLine(), "--size must be nmnist or dvs-gesture, was '" + size + "'");
        }
        Parallel.setThreads(threads);
        StreamBench.Result r = StreamBench.run(size, mode, policy, recordings, 1);
        StreamSummary s = r.summary();
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("size", size);
            o.addProperty("network", r.network());
            o.addProperty("recordings", r.recordings());
            o.addProperty("window", policy.toString());
            o.addProperty("engine", mode.label());
            o.addProperty("threads", threads);
            o.addProperty("windows", s.windows());
            o.addProperty("events", s.events());
            o.addProperty("recording_s", s.recordingUs() / 1e6);
            o.addProperty("processing_s", s.processingNs() / 1e9);
            o.addProperty("events_per_second", s.eventsPerSecond());
            o.addProperty("real_time_factor", s.realTimeFactor());
            o.addProperty("processing_cpu_s", s.processingCpuNs() / 1e9);
            o.addProperty("real_time_factor_cpu", s.realTimeFactorCpu());
            o.addProperty("latency_median_us", s.latencyMedianNs() / 1e3);
            o.addProperty("latency_p99_us", s.latencyP99Ns() / 1e3);
            System.out.println(o);
        } else {
            System.out.printf(Locale.ROOT, "%s on %s, %s windows, %s engine, %d thread(s)%n", r.network(), r.recordings(), policy, mode.label(),
                    threads);
            System.out.printf(Locale.ROOT, "%d windows, %d events, %.2f s of recording in %.2f s: %.3g events/s, real time x %.1f%n",
                    s.windows(), s.events(), s.recordingUs() / 1e6, s.processingNs() / 1e9, s.eventsPerSecond(), s.realTimeFactor());
            System.out.printf(Locale.ROOT, "thread CPU time %.2f s: real time x %.1f by CPU time%n", s.processingCpuNs() / 1e9,
                    s.realTimeFactorCpu());
            System.out.printf(Locale.ROOT, "window latency: median %.0f us, p99 %.0f us%n", s.latencyMedianNs() / 1e3, s.latencyP99Ns() / 1e3);
        }
        return 0;
    }
}
