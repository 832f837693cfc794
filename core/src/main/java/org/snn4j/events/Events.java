package org.snn4j.events;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable recording of address events from a sensor of {@code width × height} addresses: event
 * {@code i} happened at {@code timeUs(i)} microseconds at address {@code (x(i), y(i))} with polarity
 * {@code polarity(i)} (1 = ON, brightness up; 0 = OFF). Times never decrease with the index.
 *
 * <p>Spike-encoded audio (SHD, SSC) uses the same type with {@code height = 1}, {@code x} the input unit
 * (channel) and polarity 1 for every spike. Storage is a structure of arrays (8 + 2 + 2 + 1 bytes per
 * event), so a recording of millions of events stays compact and the loops over it stay simple.
 */
public final class Events {
    /** Largest width or height: addresses are stored as shorts. */
    public static final int MAX_SIDE = Short.MAX_VALUE;

    private final int width;
    private final int height;
    private final long[] timesUs;
    private final short[] xs;
    private final short[] ys;
    private final byte[] polarities;

    Events(int width, int height, long[] timesUs, short[] xs, short[] ys, byte[] polarities) {
        this.width = width;
        this.height = height;
        this.timesUs = timesUs;
        this.xs = xs;
        this.ys = ys;
        this.polarities = polarities;
    }

    /**
     * A recording from its arrays (copied), checked: equal lengths, addresses inside the sensor,
     * polarities 0 or 1, times non-decreasing.
     *
     * @throws IllegalArgumentException naming the first event that breaks a rule
     */
    public static Events of(int width, int height, long[] timesUs, short[] xs, short[] ys, byte[] polarities) {
        int n = timesUs.length;
        if (xs.length != n || ys.length != n || polarities.length != n) {
            throw new IllegalArgumentException("event arrays differ in length: times " + n + ", x " + xs.length
                    + ", y " + ys.length + ", polarity " + polarities.length);
        }
        EventsBuilder builder = new EventsBuilder(width, height, n);
        for (int i = 0; i < n; i++) builder.add(timesUs[i], xs[i], ys[i], polarities[i]);
        return builder.build();
    }

    /** A recording with no events from a sensor of the given size. */
    public static Events empty(int width, int height) {
        return new EventsBuilder(width, height, 0).build();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Number of events. */
    public int size() {
        return timesUs.length;
    }

    public long timeUs(int i) {
        return timesUs[i];
    }

    public int x(int i) {
        return xs[i];
    }

    public int y(int i) {
        return ys[i];
    }

    /** 1 for an ON event (or any audio spike), 0 for OFF. */
    public int polarity(int i) {
        return polarities[i];
    }

    /** Number of ON events (polarity 1). */
    public int onCount() {
        int on = 0;
        for (byte p : polarities) on += p;
        return on;
    }

    /** Time of the first event, or 0 when there is none. */
    public long firstTimeUs() {
        return timesUs.length == 0 ? 0 : timesUs[0];
    }

    /** Time of the last event, or 0 when there is none. */
    public long lastTimeUs() {
        return timesUs.length == 0 ? 0 : timesUs[timesUs.length - 1];
    }

    /** Events {@code [from, to)} by index, as their own recording (arrays copied). */
    public Events slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        return new Events(width, height, Arrays.copyOfRange(timesUs, from, to), Arrays.copyOfRange(xs, from, to),
                Arrays.copyOfRange(ys, from, to), Arrays.copyOfRange(polarities, from, to));
    }

    /** Events with {@code startUs <= t < endUs}. */
    public Events between(long startUs, long endUs) {
        return slice(firstIndexAtOrAfter(startUs), firstIndexAtOrAfter(endUs));
    }

    /** The index of the first event at or after {@code timeUs} ({@code size()} when there is none). */
    public int firstIndexAtOrAfter(long timeUs) {
        int lo = 0;
        int hi = timesUs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timesUs[mid] < timeUs) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** The events whose {@code keep} entry is true, in order, on the same sensor (for the filters). */
    Events keep(boolean[] keep) {
        int n = 0;
        for (boolean k : keep) if (k) n++;
        long[] t = new long[n];
        short[] x = new short[n];
        short[] y = new short[n];
        byte[] p = new byte[n];
        int j = 0;
        for (int i = 0; i < keep.length; i++) {
            if (!keep[i]) continue;
            t[j] = timesUs[i];
            x[j] = xs[i];
            y[j] = ys[i];
            p[j] = polarities[i];
            j++;
        }
        return new Events(width, height, t, x, y, p);
    }

    /**
     * The same events on a {@code width × height} sensor at the addresses {@code xs, ys} (taken, not
     * copied; the caller has checked them), for the transforms that move events.
     */
    Events moved(int width, int height, short[] xs, short[] ys) {
        return new Events(width, height, timesUs, xs, ys, polarities);
    }

    /** The events in the order {@code order} with the times {@code timesUs} (taken; non-decreasing in that order). */
    Events reordered(int[] order, long[] timesUs) {
        int n = order.length;
        short[] x = new short[n];
        short[] y = new short[n];
        byte[] p = new byte[n];
        for (int j = 0; j < n; j++) {
            x[j] = xs[order[j]];
            y[j] = ys[order[j]];
            p[j] = polarities[order[j]];
        }
        return new Events(width, height, timesUs, x, y, p);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Events e && width == e.width && height == e.height && Arrays.equals(timesUs, e.timesUs)
                && Arrays.equals(xs, e.xs) && Arrays.equals(ys, e.ys) && Arrays.equals(polarities, e.polarities);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(timesUs);
    }

    @Override
    public String toString() {
        return size() + " events on " + width + "x" + height + " over [" + firstTimeUs() + ", " + lastTimeUs() + "] us";
    }
}
