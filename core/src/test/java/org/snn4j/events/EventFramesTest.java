package org.snn4j.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;

class EventFramesTest {
    /** An in-memory event data set. */
    record Recordings(List<Events> recordings, int[] labels) implements EventDataset {
        @Override
        public String name() {
            return "toy";
        }

        @Override
        public int size() {
            return recordings.size();
        }

        @Override
        public int numClasses() {
            return 3;
        }

        @Override
        public int width() {
            return recordings.getFirst().width();
        }

        @Override
        public int height() {
            return recordings.getFirst().height();
        }

        @Override
        public int label(int i) {
            return labels[i];
        }

        @Override
        public Events recording(int i) {
            return recordings.get(i);
        }
    }

    private static Events burst(int count, int x, int polarity) {
        EventsBuilder b = new EventsBuilder(3, 2, count);
        for (int i = 0; i < count; i++) b.add(i, x, 1, polarity);
        return b.build();
    }

    @Test
    void eachRecordingBecomesOneSampleOfStackedFrames() {
        Recordings data = new Recordings(List.of(burst(4, 0, 1), burst(2, 2, 0)), new int[] {2, 0});
        Dataset d = EventFrames.of(data, EventTransform.IDENTITY, FrameBinning.parse("number", 2, true), 7);
        assertArrayEquals(new int[] {4, 2, 3}, d.sampleShape());  // 2 frames × 2 channels
        assertEquals(2, d.size());
        assertArrayEquals(new int[] {2, 0}, d.labels());
        assertEquals(3, d.numClasses());
        assertTrue(d.name().startsWith("toy (2 frames by number"), d.name());
        float[] s0 = d.sample(0);  // [frame][OFF, ON][y][x]; 2 ON events at (0, 1) per frame
        float[] expected = new float[24];
        expected[6 + 3] = 2;
        expected[12 + 6 + 3] = 2;
        assertArrayEquals(expected, s0);
        float[] s1 = d.sample(1);
        float[] expected1 = new float[24];
        expected1[3 + 2] = 1;
        expected1[12 + 3 + 2] = 1;
        assertArrayEquals(expected1, s1);
        assertFalse(d.isBytePixels(), "counts, not pixels / 255");
    }

    @Test
    void countsAbove255AreKeptExactly() {
        Recordings data = new Recordings(List.of(burst(3, 1, 1), burst(600, 1, 1)), new int[] {0, 1});
        Dataset d = EventFrames.of(data, EventTransform.IDENTITY, FrameBinning.parse("number", 1, false), 0);
        assertEquals(3f, d.sample(0)[3 + 1]);
        assertEquals(600f, d.sample(1)[3 + 1]);
    }

    @Test
    void transformsRunPerRecordingWithTheirOwnSeededStream() {
        Recordings data = new Recordings(List.of(burst(4, 0, 1), burst(4, 0, 1), burst(4, 0, 1)), new int[] {0, 1, 2});
        EventTransform randomFlip = new Flip(Flip.Axis.X, 0.5);
        FrameBinning one = FrameBinning.parse("number", 1, false);
        Dataset a = EventFrames.of(data, randomFlip, one, 11);
        Dataset b = EventFrames.of(data, randomFlip, one, 11);
        for (int i = 0; i < 3; i++) assertArrayEquals(a.sample(i), b.sample(i));
        // recording i's stream depends on (seed, i) only: a data set of its first two gives the same first two
        Dataset firstTwo = EventFrames.of(data.limit(2), randomFlip, one, 11);
        for (int i = 0; i < 2; i++) assertArrayEquals(a.sample(i), firstTwo.sample(i));
        assertEquals("toy[:2]", data.limit(2).name());
        // downsampling changes the sample shape
        Dataset small = EventFrames.of(data, Downsample.by(2), one, 0);
        assertArrayEquals(new int[] {1, 1, 2}, small.sampleShape());
        assertEquals(4f, small.sample(0)[0]);
    }

    @Test
    void recordingsOfDifferentSensorsAreRefused() {
        Recordings data = new Recordings(List.of(burst(1, 0, 1), Events.empty(4, 4)), new int[] {0, 1});
        Snn4jException e = assertThrows(Snn4jException.class,
                () -> EventFrames.of(data, EventTransform.IDENTITY, FrameBinning.parse("number", 1, true), 0));
        assertTrue(e.getMessage().contains("recording 1"), e.getMessage());
    }
}
