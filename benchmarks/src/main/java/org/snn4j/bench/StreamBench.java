package org.snn4j.bench;

import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.datasets.NDigits;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Session;
import org.snn4j.events.EventTransform;
import org.snn4j.events.Events;
import org.snn4j.events.EventsBuilder;
import org.snn4j.events.SaccadeEmulator;
import org.snn4j.metrics.EnergyModel;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.Presets;
import org.snn4j.stream.EventSource;
import org.snn4j.stream.EventStream;
import org.snn4j.stream.StreamSummary;
import org.snn4j.stream.WindowPolicy;

/**
 * The streaming figures of issue 28: events per second, the real-time factor (recording time over
 * processing time) and the window latency (median, 99th percentile) of a network run on a live stream,
 * window by window, on the calling thread's compute pool. Two sizes:
 * <ul>
 *   <li>{@code nmnist}: the {@code nmnist} preset ({@code [2, 34, 34]}) on the n-digits recordings (the
 *       bundled test digits' emulated N-MNIST saccades, 34 × 34);</li>
 *   <li>{@code dvs-gesture}: the {@code dvs-gesture} preset (SpikingJelly's DVSGestureNet, {@code [2, 128,
 *       128]}) on the same digits scaled ×4 (112 × 112) and emulated on a 128 × 128 sensor, a DVS128's
 *       size (EMULATED: no DVS Gesture recording ships).</li>
 * </ul>
 * The recordings follow one another as one stream (one session, never reset); the first is streamed
 * twice before, on separate sessions, to warm the JIT up: in 1 ms windows (so every window length warms on
 * as many windows, which a long-running stream has seen), then in the measured windows.
 */
public final class StreamBench {
    private StreamBench() {}

    /** What was measured and on what. */
    public record Result(String network, String recordings, int sensor, StreamSummary summary) {}

    /**
     * Streams {@code recordings} recordings of the named size through a network of random weights (seed
     * {@code seed}).
     *
     * @throws IllegalArgumentException for an unknown size
     */
    public static Result run(String size, EngineMode mode, WindowPolicy window, int recordings, long seed) {
        if (recordings < 1) throw new IllegalArgumentException("recordings must be >= 1, was " + recordings);
        int side = switch (size) {
            case "nmnist" -> NDigits.SIDE;
            case "dvs-gesture" -> 128;
            default -> throw new IllegalArgumentException("unknown size '" + size + "' (valid: nmnist, dvs-gesture)");
        };
        int classes = size.equals("nmnist") ? 10 : 11;
        Model model = ModelBuilder.build(Presets.byName(size, new int[] {2, side, side}, classes, Presets.Options.defaults()),
                ModelBuilder.Mode.SNN, seed);
        Events stream = recordings(size, recordings);
        Events first = size.equals("nmnist") ? NDigits.open(false).recording(0) : recordings(size, 1);
        // The JIT warmed on the first recording in 1 ms windows (300 of them), then in the measured windows:
        // in the measured windows alone a 30 ms run warms on 10 windows and times the compilation.
        run(model, mode, WindowPolicy.parse("1ms"), first);
        run(model, mode, window, first);
        StreamSummary s = run(model, mode, window, stream);
        String what = recordings + (size.equals("nmnist") ? " n-digits test recordings" : " bundled test digits x4, emulated on 128x128");
        return new Result(size + " preset, random weights seed " + seed, what, side, s);
    }

    private static StreamSummary run(Model model, EngineMode mode, WindowPolicy window, Events events) {
        EventStream s = new EventStream(new Session(model, mode, 1), window, EventTransform.IDENTITY, true, EnergyModel.FP32_45NM);
        return s.run(EventSource.of(events, 4096), w -> {});
    }

    /** The first {@code n} recordings of the size, one after another in time. */
    static Events recordings(String size, int n) {
        if (size.equals("nmnist")) {
            NDigits digits = NDigits.open(false);
            Events[] parts = new Events[n];
            for (int i = 0; i < n; i++) parts[i] = digits.recording(i);
            return backToBack(parts, NDigits.SIDE);
        }
        Dataset digits = Datasets.loadBundled(false);
        SaccadeEmulator dvs = new SaccadeEmulator(128, 128, 0.25, 0.05, 100_000, 1_000);
        Events[] parts = new Events[n];
        for (int i = 0; i < n; i++) parts[i] = dvs.emulate(scaled(digits.sample(i), 28, 4), 28 * 4, 28 * 4, 0x5EED_0003L + i);
        return backToBack(parts, 128);
    }

    /** A {@code side × side} image scaled by {@code f} (each pixel an f × f block). */
    private static float[] scaled(float[] image, int side, int f) {
        int s = side * f;
        float[] out = new float[s * s];
        for (int y = 0; y < s; y++) for (int x = 0; x < s; x++) out[y * s + x] = image[(y / f) * side + x / f];
        return out;
    }

    private static Events backToBack(Events[] parts, int side) {
        int total = 0;
        for (Events p : parts) total += p.size();
        EventsBuilder b = new EventsBuilder(side, side, total);
        long shift = 0;
        for (Events p : parts) {
            for (int i = 0; i < p.size(); i++) b.add(shift + p.timeUs(i), p.x(i), p.y(i), p.polarity(i));
            shift += p.lastTimeUs() + 1;
        }
        return b.build();
    }
}
