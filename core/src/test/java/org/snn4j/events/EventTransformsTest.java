package org.snn4j.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Rng;

class EventTransformsTest {
    /** Events as rows {t, x, y, p} on a w × h sensor. */
    static Events events(int w, int h, long[]... rows) {
        EventsBuilder b = new EventsBuilder(w, h, rows.length);
        for (long[] r : rows) b.add(r[0], (int) r[1], (int) r[2], (int) r[3]);
        return b.build();
    }

    static long[][] rows(Events e) {
        long[][] r = new long[e.size()][];
        for (int i = 0; i < e.size(); i++) r[i] = new long[] {e.timeUs(i), e.x(i), e.y(i), e.polarity(i)};
        return r;
    }

    private static final Rng RNG = new Rng(1);

    @Test
    void downsampleDividesAddressesAndRoundsTheSensorUp() {
        Events e = events(5, 4, new long[] {1, 0, 0, 1}, new long[] {2, 4, 3, 0}, new long[] {3, 3, 1, 1});
        Events d = Downsample.by(2).apply(e, RNG);
        assertEquals(3, d.width());
        assertEquals(2, d.height());
        assertArrayEquals(new long[][] {{1, 0, 0, 1}, {2, 2, 1, 0}, {3, 1, 0, 1}}, rows(d));
        Events anisotropic = new Downsample(5, 1).apply(e, RNG);
        assertEquals(1, anisotropic.width());
        assertEquals(4, anisotropic.height());
        assertArrayEquals(new long[][] {{1, 0, 0, 1}, {2, 0, 3, 0}, {3, 0, 1, 1}}, rows(anisotropic));
        assertSame(e, Downsample.by(1).apply(e, RNG));
        assertThrows(IllegalArgumentException.class, () -> Downsample.by(0));
    }

    @Test
    void binUnitsSumsNeighbouringAudioUnits() {
        Events audio = events(700, 1, new long[] {5, 0, 0, 1}, new long[] {6, 9, 0, 1}, new long[] {7, 10, 0, 1}, new long[] {8, 699, 0, 1});
        Events binned = new BinUnits(10).apply(audio, RNG);
        assertEquals(70, binned.width());
        assertArrayEquals(new long[][] {{5, 0, 0, 1}, {6, 0, 0, 1}, {7, 1, 0, 1}, {8, 69, 0, 1}}, rows(binned));
        Events camera = events(4, 4, new long[] {1, 1, 1, 1});
        assertThrows(IllegalArgumentException.class, () -> new BinUnits(2).apply(camera, RNG));
    }

    @Test
    void cropKeepsTheWindowAndMovesItsCornerToTheOrigin() {
        Events e = events(6, 6, new long[] {1, 1, 1, 1}, new long[] {2, 2, 2, 0}, new long[] {3, 4, 3, 1}, new long[] {4, 5, 5, 1});
        Events c = new Crop(2, 1, 3, 3).apply(e, RNG);
        assertEquals(3, c.width());
        assertEquals(3, c.height());
        assertArrayEquals(new long[][] {{2, 0, 1, 0}, {3, 2, 2, 1}}, rows(c));
        assertEquals(new Crop(1, 1, 4, 4), Crop.center(6, 6, 4, 4));
        assertEquals(new Crop(1, 0, 3, 2), Crop.center(6, 3, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> Crop.center(6, 6, 7, 2));
        assertThrows(IllegalArgumentException.class, () -> new Crop(-1, 0, 2, 2));
    }

    @Test
    void flipsMirrorOneAxisWithTheirProbability() {
        Events e = events(4, 3, new long[] {1, 0, 0, 1}, new long[] {2, 3, 2, 0}, new long[] {3, 1, 1, 1});
        assertArrayEquals(new long[][] {{1, 3, 0, 1}, {2, 0, 2, 0}, {3, 2, 1, 1}}, rows(Flip.x().apply(e, RNG)));
        assertArrayEquals(new long[][] {{1, 0, 2, 1}, {2, 3, 0, 0}, {3, 1, 1, 1}}, rows(Flip.y().apply(e, RNG)));
        assertSame(e, new Flip(Flip.Axis.X, 0).apply(e, RNG));
        // p = 0.5: one draw per recording; the same seed gives the same decisions, and both outcomes occur
        int flipped = 0;
        for (int seed = 0; seed < 200; seed++) {
            Events a = new Flip(Flip.Axis.X, 0.5).apply(e, new Rng(seed));
            assertEquals(a, new Flip(Flip.Axis.X, 0.5).apply(e, new Rng(seed)));
            if (!a.equals(e)) {
                assertEquals(Flip.x().apply(e, RNG), a);
                flipped++;
            }
        }
        assertTrue(flipped > 70 && flipped < 130, "flipped " + flipped + " of 200");
        assertThrows(IllegalArgumentException.class, () -> new Flip(Flip.Axis.Y, 1.5));
    }

    @Test
    void denoiseKeepsEventsWithARecentNeighbour() {
        Events e = events(5, 5,
                new long[] {0, 2, 2, 1},     // nothing fired before: dropped
                new long[] {10, 3, 3, 0},    // (2,2) fired 10 us ago, diagonal neighbour: kept
                new long[] {20, 0, 0, 1},    // no neighbour: dropped
                new long[] {30, 3, 3, 1},    // (3,3) itself fired, but only itself and (2,2) 30 us ago: dropped
                new long[] {40, 4, 3, 1},    // (3,3) fired 10 us ago: kept
                new long[] {200, 4, 4, 1},   // (4,3) fired 160 us ago, longer than 100: dropped
                new long[] {250, 4, 4, 0});  // only itself: dropped
        Events d = new Denoise(25).apply(e, RNG);
        assertArrayEquals(new long[][] {{10, 3, 3, 0}, {40, 4, 3, 1}}, rows(d));
        // the window is strict: a neighbour exactly filterTime ago does not support
        Events edge = events(3, 1, new long[] {0, 0, 0, 1}, new long[] {25, 1, 0, 1}, new long[] {49, 2, 0, 1});
        assertArrayEquals(new long[][] {{49, 2, 0, 1}}, rows(new Denoise(25).apply(edge, RNG)));
        assertThrows(IllegalArgumentException.class, () -> new Denoise(0));
    }

    @Test
    void refractoryFilterDropsEventsTooSoonAfterTheLastKeptOne() {
        Events e = events(2, 1,
                new long[] {0, 0, 0, 1}, new long[] {5, 0, 0, 0}, new long[] {9, 1, 0, 1},
                new long[] {10, 0, 0, 1}, new long[] {12, 0, 0, 1}, new long[] {19, 0, 0, 0}, new long[] {20, 0, 0, 1});
        assertArrayEquals(new long[][] {{0, 0, 0, 1}, {9, 1, 0, 1}, {10, 0, 0, 1}, {20, 0, 0, 1}},
                rows(new RefractoryFilter(10).apply(e, RNG)));
        assertThrows(IllegalArgumentException.class, () -> new RefractoryFilter(-1));
    }

    @Test
    void timeJitterIsSeededAndResorts() {
        long[][] r = new long[200][];
        for (int i = 0; i < r.length; i++) r[i] = new long[] {i * 10L, i % 7, i % 5, i % 2};
        Events e = events(7, 5, r);
        Events a = new TimeJitter(30, true).apply(e, new Rng(3));
        assertEquals(a, new TimeJitter(30, true).apply(e, new Rng(3)));
        assertNotEquals(a, new TimeJitter(30, true).apply(e, new Rng(4)));
        assertEquals(e.size(), a.size());
        boolean moved = false;
        for (int i = 1; i < a.size(); i++) assertTrue(a.timeUs(i - 1) <= a.timeUs(i));
        for (int i = 0; i < a.size(); i++) {
            assertTrue(a.timeUs(i) >= 0);
            moved |= a.x(i) != e.x(i);
        }
        assertTrue(moved, "jitter of 30 us over events 10 us apart reorders some");
        // the same multiset of addresses: jitter moves events in time only
        assertEquals(e.onCount(), a.onCount());
        assertSame(e, new TimeJitter(0, true).apply(e, new Rng(3)));
        // a hand-checked case: std tiny against the gaps keeps the order and the times
        assertEquals(e, new TimeJitter(0.01, true).apply(e, new Rng(3)));
    }

    @Test
    void transformsChainInOrder() {
        Events e = events(4, 4, new long[] {1, 3, 0, 1}, new long[] {2, 2, 2, 0});
        EventTransform flipThenCrop = Flip.x().andThen(new Crop(0, 0, 2, 4));
        assertArrayEquals(new long[][] {{1, 0, 0, 1}, {2, 1, 2, 0}}, rows(flipThenCrop.apply(e, RNG)));
        EventTransform cropThenFlip = EventTransform.chain(List.of(new Crop(0, 0, 2, 4), Flip.x()));
        assertEquals(0, cropThenFlip.apply(e, RNG).size());
        assertSame(EventTransform.IDENTITY, EventTransform.chain(List.of()));
        assertEquals("flip-x, crop(0,0,2x4)", flipThenCrop.toString());
    }
}
