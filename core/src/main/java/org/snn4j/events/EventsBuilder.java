package org.snn4j.events;

import java.util.Arrays;

/**
 * Collects events one at a time, as a reader decodes them, into an {@link Events} recording. Each
 * {@link #add} checks its event (address inside the sensor, polarity 0 or 1, time not before the previous
 * event's) and says which rule it breaks, so a reader can wrap the message with its file and offset.
 */
public final class EventsBuilder {
    private final int width;
    private final int height;
    private long[] times;
    private short[] xs;
    private short[] ys;
    private byte[] polarities;
    private int size;
    /** The time no later event may precede: the last event's before the last {@link #clear}. */
    private long floorUs = Long.MIN_VALUE;

    /**
     * @param width sensor width (or number of audio units), in {@code [1, Events.MAX_SIDE]}
     * @param height sensor height ({@code 1} for audio), in {@code [1, Events.MAX_SIDE]}
     * @param expected events expected (a capacity hint; the builder grows past it)
     */
    public EventsBuilder(int width, int height, int expected) {
        requireSide("width", width);
        requireSide("height", height);
        if (expected < 0) throw new IllegalArgumentException("expected events " + expected + " < 0");
        this.width = width;
        this.height = height;
        int capacity = Math.max(16, expected);
        times = new long[capacity];
        xs = new short[capacity];
        ys = new short[capacity];
        polarities = new byte[capacity];
    }

    private static void requireSide(String name, int value) {
        if (value < 1 || value > Events.MAX_SIDE) {
            throw new IllegalArgumentException("sensor " + name + " " + value + " outside [1, " + Events.MAX_SIDE + "]");
        }
    }

    /**
     * Appends one event.
     *
     * @throws IllegalArgumentException if the address is outside the sensor, the polarity is not 0 or 1,
     *     or the time is before the previous event's
     */
    public EventsBuilder add(long timeUs, int x, int y, int polarity) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IllegalArgumentException("event address (" + x + ", " + y + ") outside the " + width + "x" + height + " sensor");
        }
        if (polarity != 0 && polarity != 1) throw new IllegalArgumentException("event polarity " + polarity + ", expected 0 or 1");
        long previous = size > 0 ? times[size - 1] : floorUs;
        if (timeUs < previous) {
            throw new IllegalArgumentException("event time " + timeUs + " us before the previous event's " + previous + " us");
        }
        if (size == times.length) grow();
        times[size] = timeUs;
        xs[size] = (short) x;
        ys[size] = (short) y;
        polarities[size] = (byte) polarity;
        size++;
        return this;
    }

    /** Events added so far. */
    public int size() {
        return size;
    }

    /** Time of the last event added (0 before the first). */
    public long lastTimeUs() {
        return size == 0 ? 0 : times[size - 1];
    }

    private void grow() {
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8L, times.length * 2L);
        if (capacity == times.length) throw new IllegalStateException("more than " + capacity + " events");
        times = Arrays.copyOf(times, capacity);
        xs = Arrays.copyOf(xs, capacity);
        ys = Arrays.copyOf(ys, capacity);
        polarities = Arrays.copyOf(polarities, capacity);
    }

    /**
     * Forgets the events added so far (keeping the arrays), so the builder collects the next batch: a
     * stream's window, or the events a decoder decoded since they were last taken. The next event must
     * still not come before the last one added.
     */
    public void clear() {
        if (size > 0) floorUs = times[size - 1];
        size = 0;
    }

    /** The recording of every event added so far (the builder may go on adding). */
    public Events build() {
        return new Events(width, height, Arrays.copyOf(times, size), Arrays.copyOf(xs, size), Arrays.copyOf(ys, size),
                Arrays.copyOf(polarities, size));
    }
}
