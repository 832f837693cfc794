package org.snn4j.events;

import java.util.Arrays;
import org.snn4j.tensor.Rng;

/**
 * A refractory period per address: an event is dropped when the last event kept at its address (either
 * polarity) is less than {@code periodUs} old ({@code t − t_kept < periodUs}), as a pixel that cannot fire
 * again so soon. Dropped events do not restart the period. Tonic's {@code RefractoryPeriod}.
 */
public record RefractoryFilter(long periodUs) implements EventTransform {
    /** @throws IllegalArgumentException when the period is not positive */
    public RefractoryFilter {
        if (periodUs <= 0) throw new IllegalArgumentException("refractory period must be > 0 us, was " + periodUs);
    }

    @Override
    public Events apply(Events events, Rng rng) {
        int w = events.width();
        long[] lastKept = new long[w * events.height()];
        Arrays.fill(lastKept, Long.MIN_VALUE);
        int n = events.size();
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            long t = events.timeUs(i);
            int a = events.y(i) * w + events.x(i);
            if (lastKept[a] == Long.MIN_VALUE || t - lastKept[a] >= periodUs) {
                keep[i] = true;
                lastKept[a] = t;
            }
        }
        return events.keep(keep);
    }

    @Override
    public String toString() {
        return "refractory(" + periodUs + " us)";
    }
}
