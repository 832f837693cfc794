package org.snn4j.events;

import java.util.Arrays;
import org.snn4j.tensor.Rng;

/**
 * Adds Gaussian noise of standard deviation {@code stdUs} to every event's time (rounded to the
 * microsecond), one draw per event in order, then sorts the events by their new times again (stably:
 * equal times keep their order), as Tonic's {@code TimeJitter} with {@code sort_timestamps=True}. With
 * {@code clipNegative} a time that would fall below 0 becomes 0 (Tonic drops such events instead,
 * which would change the event count).
 */
public record TimeJitter(double stdUs, boolean clipNegative) implements EventTransform {
    /** @throws IllegalArgumentException when the deviation is negative or not finite */
    public TimeJitter {
        if (!(stdUs >= 0) || Double.isInfinite(stdUs)) throw new IllegalArgumentException("time jitter must be finite and >= 0 us, was " + stdUs);
    }

    @Override
    public Events apply(Events events, Rng rng) {
        int n = events.size();
        if (stdUs == 0 || n == 0) return events;
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long v = events.timeUs(i) + Math.round(rng.nextGaussian() * stdUs);
            t[i] = clipNegative && v < 0 ? 0 : v;
        }
        // sort (time, index) pairs: the index as a tie-break keeps the sort stable
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) boxed[i] = i;
        Arrays.sort(boxed, (a, b) -> t[a] != t[b] ? Long.compare(t[a], t[b]) : Integer.compare(a, b));
        int[] order = new int[n];
        long[] sorted = new long[n];
        for (int j = 0; j < n; j++) {
            order[j] = boxed[j];
            sorted[j] = t[order[j]];
        }
        return events.reordered(order, sorted);
    }

    @Override
    public String toString() {
        return "time-jitter(" + stdUs + " us)";
    }
}
