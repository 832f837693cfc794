package org.snn4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.snn4j.stream.StreamSummary;
import org.snn4j.stream.StreamWindow;
import org.snn4j.stream.WindowListener;

/**
 * Prints a stream's windows as they come, as text or one JSON object per line, every {@code every}th
 * window; the last window is printed at the end (or before the error that ended the stream) if it was
 * skipped. Each line is flushed, so a reader of the pipe sees it at once.
 */
final class StreamPrinter implements WindowListener {
    private final PrintStream out;
    private final boolean json;
    private final int every;
    private StreamWindow unprinted;

    StreamPrinter(PrintStream out, boolean json, int every) {
        this.out = out;
        this.json = json;
        this.every = every;
    }

    @Override
    public void window(StreamWindow w) {
        if ((w.index() + 1) % every == 0) {
            print(w);
            unprinted = null;
        } else {
            unprinted = w;
        }
    }

    /** Prints the last window if {@code --every} skipped it. */
    void flushLast() {
        if (unprinted != null) print(unprinted);
        unprinted = null;
        out.flush();
    }

    void summary(StreamSummary s) {
        flushLast();
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("windows", s.windows());
            o.addProperty("events", s.events());
            o.addProperty("recording_us", s.recordingUs());
            o.addProperty("processing_us", s.processingNs() / 1000);
            o.addProperty("events_per_second", s.eventsPerSecond());
            o.addProperty("real_time_factor", s.realTimeFactor());
            o.addProperty("latency_median_us", s.latencyMedianNs() / 1e3);
            o.addProperty("latency_p99_us", s.latencyP99Ns() / 1e3);
            o.addProperty("prediction", s.prediction());
            o.addProperty("spikes", s.spikes());
            o.addProperty("acs", s.acs());
            o.addProperty("energy_j", s.energyJ());
            JsonObject line = new JsonObject();
            line.add("summary", o);
            out.println(line);
        } else {
            out.printf(Locale.ROOT, "summary: %d windows, %d events over %.1f ms of recording in %.1f ms: %.3g events/s, %.1fx real time; "
                            + "window latency median %.0f us, p99 %.0f us; prediction %d; %d spikes, %.4g ACs, %.4g J%n",
                    s.windows(), s.events(), s.recordingUs() / 1e3, s.processingNs() / 1e6, s.eventsPerSecond(), s.realTimeFactor(),
                    s.latencyMedianNs() / 1e3, s.latencyP99Ns() / 1e3, s.prediction(), s.spikes(), s.acs(), s.energyJ());
        }
        out.flush();
    }

    private void print(StreamWindow w) {
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("window", w.index());
            o.addProperty("start_us", w.startUs());
            o.addProperty("end_us", w.endUs());
            o.addProperty("events", w.events());
            o.addProperty("prediction", w.prediction());
            JsonArray readout = new JsonArray();
            for (float v : w.readout()) readout.add(v);
            o.add("readout", readout);
            JsonObject spikes = new JsonObject();
            w.spikes().forEach(spikes::addProperty);
            o.add("spikes", spikes);
            o.addProperty("acs", w.acs());
            o.addProperty("macs", w.macs());
            o.addProperty("energy_j", w.energyJ());
            o.addProperty("latency_us", w.latencyNs() / 1e3);
            out.println(o);
        } else {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "window %d [%d, %d] us: %d events, prediction %d, readout [", w.index(), w.startUs(), w.endUs(),
                    w.events(), w.prediction()));
            float[] r = w.readout();
            for (int i = 0; i < r.length; i++) b.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", r[i]));
            b.append("], spikes");
            for (Map.Entry<String, Long> e : w.spikes().entrySet()) b.append(' ').append(e.getKey()).append('=').append(e.getValue());
            b.append(String.format(Locale.ROOT, ", %.4g ACs, %.3g J, %.0f us", w.acs(), w.energyJ(), w.latencyNs() / 1e3));
            out.println(b);
        }
        out.flush();
    }
}
