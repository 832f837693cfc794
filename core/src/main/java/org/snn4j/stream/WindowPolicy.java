package org.snn4j.stream;

import java.util.Locale;
import org.snn4j.events.FrameBinning;

/**
 * How a stream is cut into windows, each one time step of the network: a fixed duration of sensor time
 * (window k holds the events with {@code t0 + k·d ≤ t < t0 + (k+1)·d}, t0 the first event's time; a
 * window without events is still a step, because time passes for the neurons) or a fixed number of events
 * (window k holds events {@code [k·n, (k+1)·n)}). When the stream ends, the window in progress is the
 * last one. These are {@link FrameBinning}'s {@code window} and {@code count} splits, so streaming a
 * recording gives the frames of {@link #binning} over the whole recording, one at a time.
 */
public sealed interface WindowPolicy {
    /** Windows of {@code micros} µs of sensor time. */
    record Duration(long micros) implements WindowPolicy {
        /** @throws IllegalArgumentException when not positive */
        public Duration {
            if (micros < 1) throw new IllegalArgumentException("window duration must be >= 1 us, was " + micros);
        }

        @Override
        public String toString() {
            return micros % 1000 == 0 ? micros / 1000 + "ms" : micros + "us";
        }
    }

    /** Windows of {@code events} events. */
    record Count(long events) implements WindowPolicy {
        /** @throws IllegalArgumentException when not positive */
        public Count {
            if (events < 1) throw new IllegalArgumentException("window event count must be >= 1, was " + events);
        }

        @Override
        public String toString() {
            return events + "ev";
        }
    }

    /**
     * The binning of a whole recording into {@code windows} frames that this policy's windows are: split
     * {@code window:MICROS} or {@code count:EVENTS}.
     */
    default FrameBinning binning(int windows, boolean polarityChannels) {
        return switch (this) {
            case Duration d -> new FrameBinning(FrameBinning.Split.WINDOW, windows, d.micros(), polarityChannels);
            case Count c -> new FrameBinning(FrameBinning.Split.COUNT, windows, c.events(), polarityChannels);
        };
    }

    /**
     * A policy from its command-line form: a duration {@code 1ms}, {@code 500us}, {@code 0.5s}, or a count
     * {@code 2000ev}.
     *
     * @throws IllegalArgumentException naming the forms expected
     */
    static WindowPolicy parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        String forms = "window '" + text + "': expected a duration (1ms, 500us, 0.5s) or an event count (2000ev)";
        String[][] units = {{"us", "1"}, {"ms", "1000"}, {"ev", "0"}, {"s", "1000000"}};
        for (String[] u : units) {
            if (!s.endsWith(u[0])) continue;
            String number = s.substring(0, s.length() - u[0].length()).trim();
            try {
                if (u[0].equals("ev")) return new Count(Long.parseLong(number));
                double micros = Double.parseDouble(number) * Long.parseLong(u[1]);
                if (!(micros >= 1) || micros != Math.rint(micros) || micros > Long.MAX_VALUE / 4) {
                    throw new IllegalArgumentException(forms + ", a whole number of microseconds >= 1");
                }
                return new Duration((long) micros);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(forms);
            }
        }
        throw new IllegalArgumentException(forms);
    }
}
