package org.snn4j.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventsTest {
    private static Events sample() {
        return new EventsBuilder(34, 34, 2).add(5, 0, 0, 1).add(5, 33, 2, 0).add(9, 1, 33, 1).add(20, 4, 4, 0).build();
    }

    @Test
    void keeps_events_in_order_and_counts_polarities() {
        Events e = sample();
        assertEquals(4, e.size());
        assertEquals(2, e.onCount());
        assertEquals(5, e.firstTimeUs());
        assertEquals(20, e.lastTimeUs());
        assertEquals(33, e.x(1));
        assertEquals(33, e.y(2));
        assertEquals(0, e.polarity(3));
    }

    @Test
    void between_takes_a_half_open_time_range() {
        Events e = sample();
        assertEquals(3, e.between(5, 20).size());
        assertEquals(1, e.between(6, 10).size());
        assertEquals(0, e.between(21, 99).size());
        assertEquals(e, e.between(0, 21));
        assertEquals(2, e.firstIndexAtOrAfter(6));
    }

    @Test
    void of_copies_and_checks_like_the_builder() {
        Events e = Events.of(2, 1, new long[] {1, 2}, new short[] {0, 1}, new short[] {0, 0}, new byte[] {1, 1});
        assertEquals(2, e.size());
        assertEquals(Events.empty(3, 3).size(), 0);
        var ex = assertThrows(IllegalArgumentException.class,
                () -> Events.of(2, 1, new long[] {1}, new short[] {2}, new short[] {0}, new byte[] {1}));
        assertTrue(ex.getMessage().contains("(2, 0) outside the 2x1 sensor"), ex.getMessage());
    }

    @Test
    void refuses_bad_events_with_the_rule_they_break() {
        EventsBuilder b = new EventsBuilder(4, 4, 0).add(10, 0, 0, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.add(9, 0, 0, 1)).getMessage().contains("before the previous"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.add(11, 0, 0, 2)).getMessage().contains("polarity 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.add(11, -1, 0, 0)).getMessage().contains("outside"));
        assertThrows(IllegalArgumentException.class, () -> new EventsBuilder(0, 4, 0));
        assertEquals(1, b.size());
    }
}
