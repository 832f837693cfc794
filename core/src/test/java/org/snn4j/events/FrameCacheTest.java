package org.snn4j.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.data.Dataset;
import org.snn4j.io.FileFormatException;

class FrameCacheTest {
    @TempDir
    Path dir;

    /** Two recordings; counts reads of recordings, so a second load can be seen to read none. */
    private static EventDataset recordings(AtomicInteger reads, int burst) {
        EventsBuilder a = new EventsBuilder(3, 2, 4);
        for (int i = 0; i < burst; i++) a.add(i, 1, 1, i % 2);
        EventDataset all = new EventFramesTest.Recordings(List.of(a.build(), Events.empty(3, 2)), new int[] {2, 1});
        return new EventDataset() {
            @Override
            public String name() {
                return all.name();
            }

            @Override
            public int size() {
                return all.size();
            }

            @Override
            public int numClasses() {
                return all.numClasses();
            }

            @Override
            public int width() {
                return all.width();
            }

            @Override
            public int height() {
                return all.height();
            }

            @Override
            public int label(int i) {
                return all.label(i);
            }

            @Override
            public Events recording(int i) {
                reads.incrementAndGet();
                return all.recording(i);
            }
        };
    }

    private static void assertSameFrames(Dataset expected, Dataset actual) {
        assertArrayEquals(expected.sampleShape(), actual.sampleShape());
        assertArrayEquals(expected.labels(), actual.labels());
        assertEquals(expected.name(), actual.name());
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.sample(i), actual.sample(i));
    }

    @Test
    void aSecondLoadReadsTheFileInsteadOfTheEvents() {
        for (int burst : new int[] {6, 700}) {  // counts as bytes, and above 255 as floats
            AtomicInteger reads = new AtomicInteger();
            EventDataset data = recordings(reads, burst);
            Path dir = this.dir.resolve("burst" + burst);  // the key is the set's name and size, not its content
            FrameBinning binning = FrameBinning.parse("number", 2, true);
            Dataset first = FrameCache.load(dir, data, Downsample.by(1), binning, 5);
            assertEquals(2, reads.get());
            Dataset second = FrameCache.load(dir, data, Downsample.by(1), binning, 5);
            assertEquals(2, reads.get(), "no recording read the second time");
            assertSameFrames(first, second);
            FrameCache.load(dir, data, Downsample.by(1), binning, 6);  // another seed: another file
            assertEquals(4, reads.get());
            assertSameFrames(EventFrames.of(data, Downsample.by(1), binning, 5), second);
        }
        assertEquals(2, dir.resolve("burst6").toFile().list().length);
        assertNotEquals(FrameCache.key(recordings(new AtomicInteger(), 1), EventTransform.IDENTITY, FrameBinning.parse("time", 2, true), 1),
                FrameCache.key(recordings(new AtomicInteger(), 1), EventTransform.IDENTITY, FrameBinning.parse("number", 2, true), 1));
        assertEquals("toy|2|none|2 frames by time, 2 polarity channels|seed 1",
                FrameCache.key(recordings(new AtomicInteger(), 1), EventTransform.IDENTITY, FrameBinning.parse("time", 2, true), 1));
    }

    @Test
    void damagedFilesAreRefusedWithTheirOffset() throws Exception {
        EventDataset data = recordings(new AtomicInteger(), 3);
        FrameBinning binning = FrameBinning.parse("number", 1, false);
        FrameCache.load(dir, data, EventTransform.IDENTITY, binning, 0);
        Path file;
        try (var files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        String key = FrameCache.key(data, EventTransform.IDENTITY, binning, 0);
        byte[] good = Files.readAllBytes(file);
        assertSameFrames(EventFrames.of(data, EventTransform.IDENTITY, binning, 0), FrameCache.parse(good, "f", key));
        byte[] shortened = java.util.Arrays.copyOf(good, good.length - 1);
        FileFormatException e = assertThrows(FileFormatException.class, () -> FrameCache.parse(shortened, "f", key));
        assertTrue(e.getMessage().contains("more bytes"), e.getMessage());
        byte[] label = good.clone();
        int labelAt = good.length - 2 * (1 * 2 * 3) - 4 * 2;  // two int labels, then two samples of 1x2x3 bytes
        label[labelAt + 3] = 9;
        e = assertThrows(FileFormatException.class, () -> FrameCache.parse(label, "f", key));
        assertTrue(e.getMessage().contains("offset " + labelAt + ": label 0 expected in [0, 3), was 9"), e.getMessage());
        e = assertThrows(FileFormatException.class, () -> FrameCache.parse(good, "f", "other"));
        assertTrue(e.getMessage().contains("offset 12: written for"), e.getMessage());
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertTrue(assertThrows(FileFormatException.class, () -> FrameCache.parse(magic, "f", key)).getMessage().contains("magic"));
        assertThrows(FileFormatException.class, () -> FrameCache.parse(new byte[5], "f", key));
        // a damaged cache file is reported, not silently replaced
        Files.write(file, shortened);
        assertThrows(FileFormatException.class, () -> FrameCache.load(dir, data, EventTransform.IDENTITY, binning, 0));
    }
}
