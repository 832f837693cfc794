package org.snn4j.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameBinningTest {
    /** Seven events on a 2 × 1 sensor at the given times; x alternates 0, 1; polarity ON except the third. */
    private static Events seven(long... times) {
        long[][] rows = new long[times.length][];
        for (int i = 0; i < times.length; i++) rows[i] = new long[] {times[i], i % 2, 0, i == 2 ? 0 : 1};
        return EventTransformsTest.events(2, 1, rows);
    }

    @Test
    void byNumberSplitsEqualCountsAndTheLastFrameTakesTheRemainder() {
        Events e = seven(0, 1, 2, 3, 4, 5, 6);
        FrameBinning b = FrameBinning.parse("number", 3, true);
        assertArrayEquals(new int[] {0, 2, 2, 4, 4, 7}, b.bounds(e));  // 7 // 3 = 2 per frame, SpikingJelly's j_l, j_r
        // [frame][channel OFF, ON][x]: frame 0 holds events 0 (x0 ON), 1 (x1 ON)
        assertArrayEquals(new float[] {0, 0, 1, 1, /**/ 1, 0, 0, 1, /**/ 0, 0, 2, 1}, b.bin(e));
        // fewer events than frames: SpikingJelly's di = 0 puts them all in the last frame
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7}, FrameBinning.parse("number", 8, true).bounds(e));
    }

    @Test
    void byTimeSplitsEqualDurationsFromTheFirstEvent() {
        // t_first 100, t_last 171: dt = 71 // 3 = 23; windows [100,123) [123,146) [146, end]
        Events e = seven(100, 110, 122, 123, 150, 160, 171);
        FrameBinning b = FrameBinning.parse("time", 3, false);
        assertArrayEquals(new int[] {0, 3, 3, 4, 4, 7}, b.bounds(e));
        // merged polarity: one channel [frame][x]
        assertArrayEquals(new float[] {2, 1, /**/ 0, 1, /**/ 2, 1}, b.bin(e));
        // a window without events is an empty frame (SpikingJelly raises an IndexError)
        Events gap = seven(0, 1, 2, 3, 4, 5, 90);
        assertArrayEquals(new int[] {0, 6, 6, 6, 6, 7}, b.bounds(gap));
        // all events at one time: dt = 0, everything in the last frame
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 7}, b.bounds(seven(5, 5, 5, 5, 5, 5, 5)));
    }

    @Test
    void byWindowAndByCountPadOrDrop() {
        Events e = seven(1000, 1004, 1010, 1019, 1020, 1035, 1100);
        FrameBinning window = FrameBinning.parse("window:10", 3, true);
        assertArrayEquals(new int[] {0, 2, 2, 4, 4, 5}, window.bounds(e));  // [1000,1010) [1010,1020) [1020,1030); 1035, 1100 dropped
        FrameBinning count = FrameBinning.parse("count:3", 4, true);
        assertArrayEquals(new int[] {0, 3, 3, 6, 6, 7, 7, 7}, count.bounds(e));  // the fourth frame is empty
        float[] f = count.bin(e);
        assertEquals(4 * 2 * 2, f.length);
        float sum = 0;
        for (float v : f) sum += v;
        assertEquals(7, sum);
    }

    @Test
    void noEventsGiveEmptyFramesAndShapesAreStacked() {
        FrameBinning b = FrameBinning.parse("time", 4, true);
        Events none = Events.empty(5, 3);
        assertArrayEquals(new float[4 * 2 * 3 * 5], b.bin(none));
        assertArrayEquals(new int[] {2, 3, 5}, b.frameShape(5, 3));
        assertArrayEquals(new int[] {8, 3, 5}, b.stackedShape(5, 3));
        assertEquals(1, FrameBinning.parse("count:2", 4, false).channels());
    }

    @Test
    void binIntoAddsAtAnOffset() {
        Events e = seven(0, 1, 2, 3, 4, 5, 6);
        FrameBinning b = FrameBinning.parse("number", 1, false);
        float[] out = new float[6];
        out[0] = 9;
        b.binInto(e, out, 2);
        assertArrayEquals(new float[] {9, 0, 4, 3, 0, 0}, out);
        assertThrows(IndexOutOfBoundsException.class, () -> b.binInto(e, new float[3], 2));
    }

    @Test
    void parseRefusesMalformedSplits() {
        for (String bad : new String[] {"", "frames", "window", "window:", "window:0", "count:x", "number:3", "time:5", "count:-2"}) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> FrameBinning.parse(bad, 4, true), bad);
            assertTrue(x.getMessage().contains("split") || x.getMessage().contains("size"), x.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> FrameBinning.parse("number", 0, true));
        assertEquals(new FrameBinning(FrameBinning.Split.WINDOW, 2, 5000, false), FrameBinning.parse(" Window:5000 ", 2, false));
    }
}
