package org.snn4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the "binary version" of CIFAR-10 and CIFAR-100.
 *
 * <p>A file is a sequence of fixed-size records. CIFAR-10: one label byte (0–9), then 3072 pixel
 * bytes. CIFAR-100: a coarse label byte (0–19), a fine label byte (0–99), then 3072 pixel bytes.
 * Pixels are channel-major (1024 red, 1024 green, 1024 blue, each 32×32 row-major), which is exactly
 * the {@code [3, 32, 32]} layout of a {@link Dataset} sample, so they are copied as they are.
 */
public final class CifarReader {
    /** Pixel bytes per record: 3 × 32 × 32. */
    public static final int PIXELS = 3 * 32 * 32;

    private CifarReader() {}

    /** Which label of a record becomes the sample's label. */
    public enum Labels {
        /** CIFAR-10: the single label byte, 10 classes. */
        CIFAR10(1, 0, 10),
        /** CIFAR-100: the first (coarse, superclass) byte, 20 classes. */
        COARSE(2, 0, 20),
        /** CIFAR-100: the second (fine) byte, 100 classes. */
        FINE(2, 1, 100);

        final int labelBytes;
        final int which;
        final int classes;

        Labels(int labelBytes, int which, int classes) {
            this.labelBytes = labelBytes;
            this.which = which;
            this.classes = classes;
        }

        /** Bytes per record. */
        public int recordSize() {
            return labelBytes + PIXELS;
        }

        public int numClasses() {
            return classes;
        }
    }

    /**
     * Reads and concatenates the given files (in order) into one data set of shape {@code [3, 32, 32]}.
     *
     * @throws DataFormatException naming the file when one is missing, not a whole number of records
     *     (truncated), or holds a label outside the range of {@code labels}
     */
    public static Dataset read(String name, List<Path> files, Labels labels) {
        long total = 0;
        long[] sizes = new long[files.size()];
        int record = labels.recordSize();
        for (int f = 0; f < files.size(); f++) {
            Path p = files.get(f);
            try {
                sizes[f] = Files.size(p);
            } catch (IOException e) {
                throw new DataFormatException(p.toString(), Files.exists(p) ? "cannot read size: " + e.getMessage() : "file not found");
            }
            if (sizes[f] % record != 0) {
                long whole = sizes[f] / record * record;
                throw new DataFormatException(p.toString(), "truncated after " + sizes[f] + " of " + (whole + record)
                        + " bytes (" + sizes[f] + " is not a whole number of " + record + "-byte records)");
            }
            total += sizes[f] / record;
        }
        if (total * PIXELS > Integer.MAX_VALUE) {
            throw new DataFormatException(files.getFirst().toString(), total + " records exceed 2^31 pixel bytes");
        }
        byte[] pixels = new byte[(int) (total * PIXELS)];
        int[] lab = new int[(int) total];
        int sample = 0;
        for (int f = 0; f < files.size(); f++) {
            sample = readFile(files.get(f), sizes[f], labels, pixels, lab, sample);
        }
        return Dataset.ofBytes(name, pixels, lab, labels.classes, 3, 32, 32);
    }

    private static int readFile(Path p, long size, Labels labels, byte[] pixels, int[] lab, int sample) {
        String file = p.toString();
        int record = labels.recordSize();
        int n = (int) (size / record);
        // read in chunks of whole records (at most 1 MiB, at most the file): one big buffer per file would
        // double the peak memory
        int perChunk = Math.max(1, Math.min(n, (1 << 20) / record));
        byte[] buf = new byte[perChunk * record];
        InputStream in = DataStreams.open(p);
        try {
            for (int r = 0; r < n; r += perChunk) {
                int k = Math.min(perChunk, n - r);
                DataStreams.readExactly(in, buf, 0, k * record, file, (long) r * record, size);
                for (int j = 0; j < k; j++) {
                    int off = j * record;
                    if (labels.labelBytes == 2) {
                        checkLabel(buf[off] & 0xFF, 20, "coarse label", file, r + j);
                        checkLabel(buf[off + 1] & 0xFF, 100, "fine label", file, r + j);
                    } else {
                        checkLabel(buf[off] & 0xFF, 10, "label", file, r + j);
                    }
                    lab[sample] = buf[off + labels.which] & 0xFF;
                    System.arraycopy(buf, off + labels.labelBytes, pixels, sample * PIXELS, PIXELS);
                    sample++;
                }
            }
            DataStreams.expectEnd(in, file, size);
        } finally {
            DataStreams.close(in);
        }
        return sample;
    }

    private static void checkLabel(int label, int classes, String what, String file, int record) {
        if (label >= classes) {
            throw new DataFormatException(file, what + " " + label + " of record " + record
                    + " out of range [0, " + classes + ")");
        }
    }
}
