package org.snn4j.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SaccadeEmulatorTest {
    /** A bright 6 × 6 square in the middle of a dark 28 × 28 image. */
    private static float[] square() {
        float[] img = new float[28 * 28];
        for (int y = 11; y < 17; y++) for (int x = 11; x < 17; x++) img[y * 28 + x] = 1;
        return img;
    }

    @Test
    void aMovingEdgeGivesOnAndOffEventsDuringTheThreeSaccades() {
        SaccadeEmulator emulator = SaccadeEmulator.nmnistLike();
        Events e = emulator.emulate(square(), 28, 28, 1);
        assertEquals(34, e.width());
        assertEquals(34, e.height());
        assertTrue(e.size() > 100, e.toString());
        int on = e.onCount();
        assertTrue(on > 0 && on < e.size(), "both polarities: " + on + " ON of " + e.size());
        assertTrue(e.firstTimeUs() >= 0 && e.lastTimeUs() < 300_000, e.toString());
        // every saccade moves the edges, so each 100 ms holds events
        for (int s = 0; s < 3; s++) assertTrue(e.between(s * 100_000L, (s + 1) * 100_000L).size() > 0, "saccade " + s);
        // events lie near the square: the image moves at most 4 pixels from (1, 1) on the sensor
        for (int i = 0; i < e.size(); i++) {
            assertTrue(e.x(i) >= 11 && e.x(i) <= 22 && e.y(i) >= 11 && e.y(i) <= 22, "event " + i + " at " + e.x(i) + "," + e.y(i));
        }
        // the path is closed, so ON and OFF nearly balance at each pixel: the net count per pixel is small
        int[] net = new int[34 * 34];
        for (int i = 0; i < e.size(); i++) net[e.y(i) * 34 + e.x(i)] += e.polarity(i) == 1 ? 1 : -1;
        for (int v : net) assertTrue(Math.abs(v) <= 1, "net events " + v);
    }

    @Test
    void sameImageAndSeedGiveTheSameEvents() {
        SaccadeEmulator emulator = SaccadeEmulator.nmnistLike();
        Events a = emulator.emulate(square(), 28, 28, 5);
        assertEquals(a, emulator.emulate(square(), 28, 28, 5));
        assertNotEquals(a, emulator.emulate(square(), 28, 28, 6));  // other per-pixel thresholds
        assertEquals(a, new SaccadeEmulator(34, 34, 0.25, 0.05, 100_000, 1_000).emulate(square(), 28, 28, 5));
    }

    @Test
    void aBlankImageGivesNoEventsAndAHigherThresholdFewer() {
        assertEquals(0, SaccadeEmulator.nmnistLike().emulate(new float[28 * 28], 28, 28, 1).size());
        int normal = SaccadeEmulator.nmnistLike().emulate(square(), 28, 28, 1).size();
        int coarse = new SaccadeEmulator(34, 34, 0.5, 0.05, 100_000, 1_000).emulate(square(), 28, 28, 1).size();
        assertTrue(coarse < normal * 0.7, coarse + " vs " + normal);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SaccadeEmulator.nmnistLike().emulate(new float[40 * 40], 40, 40, 0));
        assertThrows(IllegalArgumentException.class, () -> SaccadeEmulator.nmnistLike().emulate(new float[10], 28, 28, 0));
        assertThrows(IllegalArgumentException.class, () -> new SaccadeEmulator(34, 34, 0, 0, 100_000, 1_000));
        assertThrows(IllegalArgumentException.class, () -> new SaccadeEmulator(34, 34, 0.2, 0, 100_000, 3_000));
    }
}
