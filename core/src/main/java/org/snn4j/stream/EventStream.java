package org.snn4j.stream;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.snn4j.Snn4jException;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Session;
import org.snn4j.events.EventTransform;
import org.snn4j.events.Events;
import org.snn4j.events.EventsBuilder;
import org.snn4j.events.FrameBinning;
import org.snn4j.events.SparseFrames;
import org.snn4j.metrics.EnergyModel;
import org.snn4j.metrics.OpCounter;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Runs a model on a live event stream: pulls batches from an {@link EventSource}, applies a transform to
 * each (crop, downsample: transforms that move or drop each event on its own), cuts the events into
 * windows by a {@link WindowPolicy}, bins each window into one frame ({@code [C, H, W]} event counts,
 * channel 0 OFF and 1 ON with polarity channels) and runs it as one step of a {@link Session} of one
 * stream, which keeps every layer's state from window to window. Each window's output goes to a {@link
 * WindowListener} as soon as it is computed.
 *
 * <p>The windows are {@link WindowPolicy#binning}'s frames of the whole recording, and a session's steps
 * are its one-pass run's steps, so the outputs after the last window are bit for bit those of binning the
 * whole recording into as many frames and running them in one pass (docs/STREAMING.md). In the event
 * modes each window goes to the session as event lists ({@link SparseFrames}): a first convolution reads
 * them, no dense frame is built, and a window costs in proportion to its events.
 *
 * <p>When the source fails (a truncated or corrupt input), the windows completed before the failure have
 * been reported; the window in progress is dropped and the source's error propagates. Not thread-safe.
 */
public final class EventStream {
    private final Session session;
    private final WindowPolicy policy;
    private final EventTransform transform;
    private final FrameBinning oneFrame;
    private final EnergyModel energy;
    private final OpCounter ops = new OpCounter();
    private final int[] inputShape;
    /** The longest time between two events a duration-windowed stream steps through; longer is refused. */
    private long maxGapUs = DEFAULT_MAX_GAP_US;

    /** The default of {@link #withMaxGap}: one minute of sensor time. */
    public static final long DEFAULT_MAX_GAP_US = 60_000_000L;

    /**
     * @param session   a session of one stream on the model (its engine mode decides dense or event frames)
     * @param transform applied to every batch; must act on each event alone, as {@code Crop} and {@code
     *                  Downsample} do (a filter that looks at neighbouring events would see only its batch)
     * @param polarityChannels ON and OFF events in two channels per frame, or merged into one
     * @param energy    turns each window's operations into joules
     */
    public EventStream(Session session, WindowPolicy policy, EventTransform transform, boolean polarityChannels, EnergyModel energy) {
        this.session = Objects.requireNonNull(session, "session");
        if (session.streams() != 1) throw new IllegalArgumentException("a stream runs on a session of 1 stream, not " + session.streams());
        this.policy = Objects.requireNonNull(policy, "policy");
        this.transform = Objects.requireNonNull(transform, "transform");
        this.oneFrame = new FrameBinning(FrameBinning.Split.NUMBER, 1, 0, polarityChannels);
        this.energy = Objects.requireNonNull(energy, "energy");
        this.inputShape = session.executor().model().spec().inputShape();
        session.countingOps(ops);
    }

    /**
     * Bounds the time between two consecutive events when windows are durations: every window of a gap is a
     * network step, so one corrupt timestamp far ahead would otherwise run the network through millions of
     * empty windows. A longer gap stops the run with an error after the windows before it.
     *
     * @param micros the longest gap in µs, or {@link Long#MAX_VALUE} for no bound
     * @return this stream
     * @throws IllegalArgumentException when not positive
     */
    public EventStream withMaxGap(long micros) {
        if (micros < 1) throw new IllegalArgumentException("the maximum gap between events must be >= 1 us, was " + micros);
        this.maxGapUs = micros;
        return this;
    }

    /**
     * Reads {@code source} to its end, reporting every window to {@code listener}.
     *
     * @throws Snn4jException the source's error (after the windows completed before it), when the
     *     stream's frames do not fit the model's input, or when two events are further apart than {@link #withMaxGap}
     */
    public StreamSummary run(EventSource source, WindowListener listener) {
        Objects.requireNonNull(listener, "listener");
        Windowing w = new Windowing(listener);
        Rng rng = new Rng(0);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        while (true) {
            Events batch = source.next();
            long arrived = System.nanoTime(), cpu = threads.getCurrentThreadCpuTime();
            if (batch == null) break;
            w.add(transform.apply(batch, rng), arrived);
            w.busyNs += System.nanoTime() - arrived;
            w.cpuNs += threads.getCurrentThreadCpuTime() - cpu;
        }
        long end = System.nanoTime(), cpu = threads.getCurrentThreadCpuTime();
        w.closeLast(end);
        w.busyNs += System.nanoTime() - end;
        w.cpuNs += threads.getCurrentThreadCpuTime() - cpu;
        return w.summary();
    }

    /** The state of one run: the window in progress and the totals. */
    private final class Windowing {
        private final WindowListener listener;
        private EventsBuilder pending;
        private long windowIndex;
        private long firstUs;
        private long lastUs;
        private long events;
        private long busyNs;
        private long cpuNs;
        private long spikes;
        private double acs;
        private double energyJ;
        private int prediction = -1;
        private long[] latencies = new long[64];
        private long lastOutputNs = Long.MIN_VALUE;

        Windowing(WindowListener listener) {
            this.listener = listener;
        }

        void add(Events batch, long arrived) {
            if (batch.size() == 0) return;
            if (pending == null) {
                checkFrame(batch.width(), batch.height());
                pending = new EventsBuilder(batch.width(), batch.height(), 1024);
                firstUs = batch.firstTimeUs();
            }
            for (int i = 0; i < batch.size(); i++) {
                long t = batch.timeUs(i);
                if (policy instanceof WindowPolicy.Duration d) {
                    if (events > 0 && t - lastUs > maxGapUs) throw gap(t);
                    while (t >= firstUs + (windowIndex + 1) * d.micros()) close(arrived);
                }
                pending.add(t, batch.x(i), batch.y(i), batch.polarity(i));
                lastUs = t;
                events++;
                if (policy instanceof WindowPolicy.Count c && pending.size() == c.events()) close(arrived);
            }
        }

        private Snn4jException gap(long t) {
            return new Snn4jException(String.format(Locale.ROOT,
                    "event %d (t = %d us) comes %.3f s after the one before, more than the maximum gap of %.3f s between events"
                            + " (a corrupt timestamp?); %d windows were complete", events + 1, t, (t - lastUs) / 1e6, maxGapUs / 1e6, windowIndex));
        }

        /** At the end of input: the window in progress, if it holds events or (by duration) was begun. */
        void closeLast(long now) {
            if (pending != null && pending.size() > 0) close(now);
        }

        private void close(long heldAt) {
            long closedAt = Math.max(heldAt, lastOutputNs);
            Events window = pending.build();
            pending.clear();
            long startUs = policy instanceof WindowPolicy.Duration d ? firstUs + windowIndex * d.micros() : window.firstTimeUs();
            long endUs = policy instanceof WindowPolicy.Duration d ? startUs + d.micros() : window.lastTimeUs();
            double acsBefore = total(true), macsBefore = total(false);
            Session.Step step = session.executor().mode() == EngineMode.DENSE
                    ? session.steps(frame(window))
                    : session.steps(SparseFrames.of(oneFrame, List.of(window)));
            double stepAcs = total(true) - acsBefore, stepMacs = total(false) - macsBefore;
            float[] readout = step.readout().data().clone();
            Map<String, Long> bySpikes = new LinkedHashMap<>();
            step.spikes().byLayer().forEach((layer, r) -> bySpikes.put(layer, r.spikes()));
            prediction = argmax(readout);
            double joules = energy.joules(stepMacs, stepAcs);
            StreamWindow out = new StreamWindow(windowIndex, startUs, endUs, window.size(), readout, prediction,
                    java.util.Collections.unmodifiableMap(bySpikes), stepAcs, stepMacs, joules, System.nanoTime() - closedAt);
            spikes += out.totalSpikes();
            acs += stepAcs;
            energyJ += joules;
            if (windowIndex == latencies.length) latencies = Arrays.copyOf(latencies, latencies.length * 2);
            latencies[(int) windowIndex] = out.latencyNs();
            windowIndex++;
            lastOutputNs = System.nanoTime();
            listener.window(out);
        }

        private Tensor frame(Events window) {
            Tensor t = Tensor.zeros(1, 1, oneFrame.channels(), window.height(), window.width());
            oneFrame.binInto(window, t.data(), 0);
            return t;
        }

        private double total(boolean accumulates) {
            double s = 0;
            for (OpCounter.LayerOps o : ops.layers().values()) s += accumulates ? o.acs() : o.macs();
            return s;
        }

        private void checkFrame(int width, int height) {
            int[] frame = oneFrame.frameShape(width, height);
            if (!Arrays.equals(frame, inputShape)) {
                throw new Snn4jException("the stream's frames are " + Arrays.toString(frame) + " (a " + width + "x" + height
                        + " sensor after the transforms, " + oneFrame.channels() + " channel(s)) but the model reads "
                        + Arrays.toString(inputShape) + ": crop or downsample the sensor, or set the polarity channels");
            }
        }

        StreamSummary summary() {
            long[] sorted = Arrays.copyOf(latencies, (int) windowIndex);
            Arrays.sort(sorted);
            return new StreamSummary(windowIndex, events, events == 0 ? 0 : lastUs - firstUs, busyNs, cpuNs, prediction, spikes, acs, energyJ,
                    rank(sorted, 0.5), rank(sorted, 0.99));
        }
    }

    /** The nearest-rank percentile of sorted values (0 when there are none). */
    static long rank(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int r = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, r - 1)];
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    @Override
    public String toString() {
        return "EventStream(" + policy + ", " + transform + ", " + session + ")";
    }
}
