package org.snn4j.events;

import java.util.Locale;

/**
 * Integrates a recording into {@code frames} frames of event counts, shape {@code [frames, C, H, W]}:
 * with polarity channels ({@code C = 2}) channel 0 counts OFF events (polarity 0) and channel 1 ON events,
 * as SpikingJelly's {@code integrate_events_segment_to_frame} and Tonic's {@code ToFrame} index the
 * channel by the polarity; merged ({@code C = 1}) counts both. Audio ({@code H = 1}) bins units × time.
 *
 * <p>How events are split into frames ({@link Split}):
 * <ul>
 *   <li>{@code NUMBER}: SpikingJelly's {@code split_by='number'}: each frame takes {@code N / frames}
 *       events (integer division) in order, the last frame also the remainder, so a recording of fewer
 *       events than frames lands in the last frame.</li>
 *   <li>{@code TIME}: SpikingJelly's {@code split_by='time'}: {@code dt = (t_last − t_first) / frames}
 *       (integer µs), frame i takes the events with {@code t_first + i·dt ≤ t < t_first + (i+1)·dt}, the
 *       last frame everything from its start on. Where SpikingJelly fails on a window without events
 *       (an {@code IndexError}), the frame is empty here; with {@code dt = 0} every event is in the last
 *       frame.</li>
 *   <li>{@code WINDOW}: frames of a fixed duration (Tonic's {@code time_window}) from the first event's
 *       time; events after the last frame are dropped, frames past the recording's end are empty.</li>
 *   <li>{@code COUNT}: frames of a fixed number of events (Tonic's {@code event_count}); events past
 *       the last frame are dropped, frames past the recording's end are empty.</li>
 * </ul>
 * The number of frames is fixed (the network's T), which is why a window or count that does not fill
 * the recording pads or drops instead of producing a variable number of frames.
 *
 * @param split how events are assigned to frames
 * @param frames number of frames, T ≥ 1
 * @param size the window in µs ({@code WINDOW}) or events per frame ({@code COUNT}); 0 otherwise
 * @param polarityChannels two channels by polarity (true) or one merged channel
 */
public record FrameBinning(Split split, int frames, long size, boolean polarityChannels) {
    /** How events are assigned to frames (see {@link FrameBinning}). */
    public enum Split { NUMBER, TIME, WINDOW, COUNT }

    /** @throws IllegalArgumentException for frames below 1 or a window/count that is not positive (or set where unused) */
    public FrameBinning {
        java.util.Objects.requireNonNull(split, "split");
        if (frames < 1) throw new IllegalArgumentException("frames must be >= 1, was " + frames);
        boolean sized = split == Split.WINDOW || split == Split.COUNT;
        if (sized && size < 1) throw new IllegalArgumentException(split.name().toLowerCase(Locale.ROOT) + " size must be >= 1, was " + size);
        if (!sized && size != 0) throw new IllegalArgumentException("split by " + split.name().toLowerCase(Locale.ROOT) + " takes no size");
    }

    /**
     * A binning from its CLI form: {@code number}, {@code time}, {@code window:MICROSECONDS} or {@code
     * count:EVENTS}.
     *
     * @throws IllegalArgumentException naming the form expected
     */
    public static FrameBinning parse(String split, int frames, boolean polarityChannels) {
        String s = split == null ? "" : split.trim().toLowerCase(Locale.ROOT);
        String[] parts = s.split(":", -1);
        Split kind = switch (parts[0]) {
            case "number" -> Split.NUMBER;
            case "time" -> Split.TIME;
            case "window" -> Split.WINDOW;
            case "count" -> Split.COUNT;
            default -> throw new IllegalArgumentException("split '" + split + "': expected number, time, window:MICROSECONDS or count:EVENTS");
        };
        boolean sized = kind == Split.WINDOW || kind == Split.COUNT;
        if (parts.length != (sized ? 2 : 1)) {
            throw new IllegalArgumentException("split '" + split + "': expected number, time, window:MICROSECONDS or count:EVENTS");
        }
        long size = 0;
        if (sized) {
            try {
                size = Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("split '" + split + "': '" + parts[1] + "' is not a whole number");
            }
        }
        return new FrameBinning(kind, frames, size, polarityChannels);
    }

    /** Channels per frame: 2 with polarity channels, else 1. */
    public int channels() {
        return polarityChannels ? 2 : 1;
    }

    /** {@code [C, height, width]}: one frame, what the network's first layer sees per step. */
    public int[] frameShape(int width, int height) {
        return new int[] {channels(), height, width};
    }

    /** {@code [frames·C, height, width]}: one recording's frames stacked as channels (a {@code data.Dataset} sample). */
    public int[] stackedShape(int width, int height) {
        return new int[] {frames * channels(), height, width};
    }

    /** The recording's frames as a new {@code float[frames·C·H·W]}. */
    public float[] bin(Events events) {
        float[] out = new float[frames * channels() * events.height() * events.width()];
        binInto(events, out, 0);
        return out;
    }

    /**
     * Adds the recording's counts to {@code out[offset ..]}, laid out {@code [frames, C, H, W]}.
     *
     * @throws IndexOutOfBoundsException when {@code out} holds less than that from {@code offset}
     */
    public void binInto(Events events, float[] out, int offset) {
        int w = events.width();
        int plane = events.height() * w;
        int frameSize = channels() * plane;
        java.util.Objects.checkFromIndexSize(offset, frames * frameSize, out.length);
        int[] bounds = bounds(events);
        for (int f = 0; f < frames; f++) {
            int base = offset + f * frameSize;
            int to = bounds[2 * f + 1];
            if (polarityChannels) {
                for (int i = bounds[2 * f]; i < to; i++) out[base + events.polarity(i) * plane + events.y(i) * w + events.x(i)] += 1;
            } else {
                for (int i = bounds[2 * f]; i < to; i++) out[base + events.y(i) * w + events.x(i)] += 1;
            }
        }
    }

    /**
     * The events of each frame as index ranges: frame f is {@code [bounds[2f], bounds[2f+1])}.
     */
    public int[] bounds(Events events) {
        int n = events.size();
        int[] b = new int[2 * frames];
        switch (split) {
            case NUMBER -> {
                int per = n / frames;
                for (int f = 0; f < frames; f++) {
                    b[2 * f] = f * per;
                    b[2 * f + 1] = f == frames - 1 ? n : (f + 1) * per;
                }
            }
            case TIME -> {
                long t0 = events.firstTimeUs();
                long dt = n == 0 ? 0 : (events.lastTimeUs() - t0) / frames;
                for (int f = 0; f < frames; f++) {
                    b[2 * f] = events.firstIndexAtOrAfter(t0 + f * dt);
                    b[2 * f + 1] = f == frames - 1 ? n : events.firstIndexAtOrAfter(t0 + (f + 1) * dt);
                }
            }
            case WINDOW -> {
                long t0 = events.firstTimeUs();
                for (int f = 0; f < frames; f++) {
                    b[2 * f] = events.firstIndexAtOrAfter(t0 + f * size);
                    b[2 * f + 1] = events.firstIndexAtOrAfter(t0 + (f + 1) * size);
                }
            }
            case COUNT -> {
                for (int f = 0; f < frames; f++) {
                    b[2 * f] = (int) Math.min(n, f * size);
                    b[2 * f + 1] = (int) Math.min(n, (f + 1) * size);
                }
            }
        }
        return b;
    }

    @Override
    public String toString() {
        String s = split.name().toLowerCase(Locale.ROOT);
        return frames + " frames by " + s + (size != 0 ? ":" + size : "") + (polarityChannels ? ", 2 polarity channels" : ", polarities merged");
    }
}
