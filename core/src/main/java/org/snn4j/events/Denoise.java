package org.snn4j.events;

import java.util.Arrays;
import org.snn4j.tensor.Rng;

/**
 * The background-activity filter: an event is kept when another event fired at one of the 8 neighbouring
 * addresses of its 3×3 neighbourhood less than {@code filterTimeUs} before it (at {@code t' > t −
 * filterTimeUs}, earlier in the recording), else dropped as noise. This is what Tonic's {@code Denoise}
 * documents ("dropped if no other event occurred within a spatial neighbourhood of 1 pixel and a temporal
 * neighbourhood of filter_time"); every event, kept or not, counts as support for later ones. Unlike
 * Tonic's code, whose memory starts at {@code filter_time} and so keeps every event of the first
 * {@code filter_time}, an address that has not fired yet supports nothing.
 */
public record Denoise(long filterTimeUs) implements EventTransform {
    /** @throws IllegalArgumentException when the time is not positive */
    public Denoise {
        if (filterTimeUs <= 0) throw new IllegalArgumentException("denoise filter time must be > 0 us, was " + filterTimeUs);
    }

    @Override
    public Events apply(Events events, Rng rng) {
        int w = events.width();
        int h = events.height();
        int pw = w + 2;  // a border of never-firing addresses: no bounds tests in the loop
        long[] last = new long[pw * (h + 2)];
        Arrays.fill(last, Long.MIN_VALUE);
        int n = events.size();
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            long t = events.timeUs(i);
            int a = (events.y(i) + 1) * pw + events.x(i) + 1;
            long since = t - filterTimeUs;  // a neighbour supports when it fired after this time
            keep[i] = last[a - pw - 1] > since || last[a - pw] > since || last[a - pw + 1] > since
                    || last[a - 1] > since || last[a + 1] > since
                    || last[a + pw - 1] > since || last[a + pw] > since || last[a + pw + 1] > since;
            last[a] = t;
        }
        return events.keep(keep);
    }

    @Override
    public String toString() {
        return "denoise(" + filterTimeUs + " us)";
    }
}
