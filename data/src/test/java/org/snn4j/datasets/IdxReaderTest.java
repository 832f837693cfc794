package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.data.Dataset;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static final int N = 5, R = 4, C = 3;
    private static final byte[] PIXELS = DataFiles.pixels(N * R * C, 1);
    private static final int[] LABELS = {3, 0, 9, 1, 3};

    private static String message(Runnable r) {
        return assertThrows(DataFormatException.class, r::run).getMessage();
    }

    private static void read(byte[] images, byte[] labels) {
        IdxReader.read("t", new ByteArrayInputStream(images), "im.idx3", new ByteArrayInputStream(labels), "lb.idx1", 10);
    }

    @Test
    void readsRawAndGzipFilesDetectedByContent() throws Exception {
        byte[] im = DataFiles.idxImages(PIXELS, N, R, C);
        byte[] lb = DataFiles.idxLabels(LABELS);
        // gzip content under a name without .gz, raw content under a name ending in .gz
        Files.write(dir.resolve("images"), DataFiles.gzip(im));
        Files.write(dir.resolve("labels.gz"), lb);
        Dataset d = IdxReader.read("tiny", dir.resolve("images"), dir.resolve("labels.gz"), 10);
        assertEquals(N, d.size());
        assertArrayEquals(new int[] {1, R, C}, d.sampleShape());
        assertArrayEquals(LABELS, d.labels());
        float[] s2 = d.sample(2);
        for (int j = 0; j < R * C; j++) assertEquals((PIXELS[2 * R * C + j] & 0xFF) / 255f, s2[j]);

        Files.write(dir.resolve("images.gz"), im);
        Files.write(dir.resolve("labels"), DataFiles.gzip(lb));
        Dataset raw = IdxReader.read("tiny", dir.resolve("images.gz"), dir.resolve("labels"), 10);
        assertArrayEquals(d.sample(4), raw.sample(4));
    }

    @Test
    void aLimitKeepsWhatTheSubsetOfTheWholeSetHolds() throws Exception {
        Files.write(dir.resolve("images"), DataFiles.gzip(DataFiles.idxImages(PIXELS, N, R, C)));
        Files.write(dir.resolve("labels"), DataFiles.idxLabels(LABELS));
        Dataset whole = IdxReader.read("tiny", dir.resolve("images"), dir.resolve("labels"), 10);
        for (int limit = 1; limit <= N + 2; limit++) {
            Dataset cut = IdxReader.read("tiny", dir.resolve("images"), dir.resolve("labels"), 10, limit);
            Dataset expected = limit < N ? whole.subset(limit) : whole;
            assertEquals(expected.name(), cut.name());
            assertArrayEquals(expected.labels(), cut.labels());
            for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.sample(i), cut.sample(i));
        }
        assertEquals("tiny[:2]", IdxReader.read("tiny", dir.resolve("images"), dir.resolve("labels"), 10, 2).name());
    }

    @Test
    void aLimitStillChecksTheWholeFile() {
        byte[] im = DataFiles.idxImages(PIXELS, N, R, C);
        byte[] lb = DataFiles.idxLabels(LABELS);
        int total = 16 + N * R * C;
        assertEquals("im.idx3: truncated after 50 of " + total + " bytes", message(() -> IdxReader.read("t",
                new ByteArrayInputStream(Arrays.copyOf(im, 50)), "im.idx3", new ByteArrayInputStream(lb), "lb.idx1", 10, 1)));
        assertEquals("im.idx3: 3 unexpected bytes after the expected " + im.length, message(() -> IdxReader.read("t",
                new ByteArrayInputStream(Arrays.copyOf(im, im.length + 3)), "im.idx3", new ByteArrayInputStream(lb), "lb.idx1", 10, 1)));
        assertEquals("lb.idx1: 4 labels but 5 images in im.idx3", message(() -> IdxReader.read("t", new ByteArrayInputStream(im),
                "im.idx3", new ByteArrayInputStream(DataFiles.idxLabels(new int[] {1, 2, 3, 4})), "lb.idx1", 10, 2)));
    }

    @Test
    void wrongMagicNamesExpectedAndActual() {
        byte[] lb = DataFiles.idxLabels(LABELS);
        // a label file given as the image file
        assertEquals("im.idx3: magic number expected 2051, was 2049", message(() -> read(lb, lb)));
        byte[] im = DataFiles.idxImages(PIXELS, N, R, C);
        assertEquals("lb.idx1: magic number expected 2049, was 2051", message(() -> read(im, im)));
    }

    @Test
    void truncatedFilesSayHowFarTheyGot() {
        byte[] im = DataFiles.idxImages(PIXELS, N, R, C);
        byte[] lb = DataFiles.idxLabels(LABELS);
        int total = 16 + N * R * C;
        assertEquals("im.idx3: truncated after 50 of " + total + " bytes",
                message(() -> read(Arrays.copyOf(im, 50), lb)));
        assertEquals("im.idx3: truncated after 10 of 16 header bytes", message(() -> read(Arrays.copyOf(im, 10), lb)));
        assertEquals("lb.idx1: truncated after 11 of 13 bytes", message(() -> read(im, Arrays.copyOf(lb, 11))));
        // a gzip stream cut short reports the decompressed bytes that did arrive
        byte[] gz = DataFiles.gzip(im);
        String m = message(() -> read(Arrays.copyOf(gz, gz.length - 12), lb));
        assertTrue(m.startsWith("im.idx3: truncated after ") && m.endsWith(" of " + total + " bytes"), m);
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] im = DataFiles.idxImages(PIXELS, N, R, C);
        byte[] longer = Arrays.copyOf(im, im.length + 3);
        assertEquals("im.idx3: 3 unexpected bytes after the expected " + im.length,
                message(() -> read(longer, DataFiles.idxLabels(LABELS))));
    }

    @Test
    void countMismatchAndLabelRangeAreRejected() {
        byte[] im = DataFiles.idxImages(PIXELS, N, R, C);
        assertEquals("lb.idx1: 4 labels but 5 images in im.idx3",
                message(() -> read(im, DataFiles.idxLabels(new int[] {1, 2, 3, 4}))));
        assertEquals("lb.idx1: label 12 at index 3 out of range [0, 10)",
                message(() -> read(im, DataFiles.idxLabels(new int[] {1, 2, 3, 12, 4}))));
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope-images");
        assertEquals(missing + ": file not found", message(() -> IdxReader.read("x", missing, missing, 10)));
    }

    @Test
    void emptySetIsValid() {
        Dataset d = IdxReader.read("e", new ByteArrayInputStream(DataFiles.idxImages(new byte[0], 0, 28, 28)), "i",
                new ByteArrayInputStream(DataFiles.idxLabels(new int[0])), "l", 10);
        assertEquals(0, d.size());
        assertArrayEquals(new int[] {1, 28, 28}, d.sampleShape());
    }

    /** Fuzz finding (seed IdxReaderFuzzTestInputs/images/regression-dims-overflow-long): n·rows·cols overflowed a long. */
    @Test
    void dimensionsWhoseProductOverflowsALongAreRejected() {
        byte[] header = java.nio.ByteBuffer.allocate(16).putInt(2051).putInt(770).putInt(0x40043229).putInt(0x06070102).array();
        assertEquals("im.idx3: dimensions 770 x 1074016809 x 101122306 exceed 2^31 bytes",
                message(() -> IdxReader.readImages(new ByteArrayInputStream(header), "im.idx3")));
    }

    /** A header declaring 1.5 GB over no data is a truncated file, found without allocating the 1.5 GB first. */
    @Test
    void declaredSizeIsNotAllocatedBeforeTheDataArrives() {
        byte[] header = java.nio.ByteBuffer.allocate(16).putInt(2051).putInt(2_000_000).putInt(28).putInt(28).array();
        assertEquals("im.idx3: truncated after 16 of 1568000016 bytes",
                message(() -> IdxReader.readImages(new ByteArrayInputStream(header), "im.idx3")));
        byte[] labels = java.nio.ByteBuffer.allocate(8).putInt(2049).putInt(Integer.MAX_VALUE - 8).array();
        assertEquals("lb.idx1: truncated after 8 of 2147483647 bytes",
                message(() -> IdxReader.readLabels(new ByteArrayInputStream(labels), "lb.idx1", 10)));
    }
}
