package org.snn4j.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SparseFramesTest {
    @Test
    void listsHoldTheNonZeroPixelsOfTheDenseFramesInSequenceOrder() {
        Events a = EventTransformsTest.events(3, 2,
                new long[] {0, 2, 1, 1}, new long[] {1, 0, 0, 0}, new long[] {2, 2, 1, 1}, new long[] {3, 1, 0, 1},
                new long[] {4, 0, 1, 0}, new long[] {5, 0, 1, 0});
        Events b = EventTransformsTest.events(3, 2, new long[] {7, 1, 1, 1});
        FrameBinning binning = FrameBinning.parse("number", 2, true);
        SparseFrames f = SparseFrames.of(binning, List.of(a, b));
        assertArrayEquals(new int[] {2, 2, 2, 2, 3}, f.shape());
        // frame 0 of a: events 0-2: OFF (0,0) once; ON (2,1) twice. frame 0 of b: nothing (its one event is in the last frame)
        // list order (t, n, c): (0,a,OFF) (0,a,ON) (0,b,OFF) (0,b,ON) (1,a,OFF) (1,a,ON) (1,b,OFF) (1,b,ON)
        assertArrayEquals(new int[] {0, 1, 2, 2, 2, 3, 4, 4, 5}, f.start());
        assertArrayEquals(new int[] {0, 5, 3, 1, 4}, f.index());
        assertArrayEquals(new float[] {1, 2, 2, 1, 1}, f.value());
        assertEquals(5, f.nonZero());
        // dense: each sample's binning at [t, n]
        float[] dense = f.dense().data();
        float[] binA = binning.bin(a), binB = binning.bin(b);
        int frame = 2 * 2 * 3;
        for (int t = 0; t < 2; t++) {
            for (int j = 0; j < frame; j++) {
                assertEquals(binA[t * frame + j], dense[(t * 2) * frame + j], 0);
                assertEquals(binB[t * frame + j], dense[(t * 2 + 1) * frame + j], 0);
            }
        }
    }

    @Test
    void mergedPolarityAndBadBatches() {
        Events a = EventTransformsTest.events(2, 2, new long[] {0, 1, 1, 1}, new long[] {1, 1, 1, 0});
        SparseFrames f = SparseFrames.of(FrameBinning.parse("number", 1, false), List.of(a));
        assertArrayEquals(new int[] {0, 1}, f.start());
        assertArrayEquals(new float[] {2}, f.value());
        assertThrows(IllegalArgumentException.class, () -> SparseFrames.of(FrameBinning.parse("number", 1, false), List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparseFrames.of(FrameBinning.parse("number", 1, false), List.of(a, Events.empty(3, 2))));
        assertTrue(e.getMessage().contains("recording 1"), e.getMessage());
    }
}
