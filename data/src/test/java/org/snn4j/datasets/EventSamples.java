package org.snn4j.datasets;

import java.util.Random;
import org.snn4j.events.Events;
import org.snn4j.events.EventsBuilder;

/** Seeded random recordings for the event-reader tests. */
final class EventSamples {
    private EventSamples() {}

    /** {@code n} events on a {@code width × height} sensor, times from {@code t0} with gaps in [0, maxGap] µs. */
    static Events random(long seed, int n, int width, int height, long t0, int maxGap) {
        Random r = new Random(seed);
        EventsBuilder b = new EventsBuilder(width, height, n);
        long t = t0;
        for (int i = 0; i < n; i++) {
            t += r.nextInt(maxGap + 1);
            b.add(t, r.nextInt(width), r.nextInt(height), r.nextInt(2));
        }
        return b.build();
    }
}
