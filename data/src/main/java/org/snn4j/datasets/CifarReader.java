package org.snn4j.datasets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.snn4j.data.Dataset;

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
        for (int f = 0; f < files.size(); f++) {
            Path p = files.get(f);
            try {
                sizes[f] = Files.size(p);
            } catch (IOException e) {
                throw new DataFormatException(p.toString(), Files.exists(p) ? "cannot read size: " + e.getMessage() : "file not found");
            }
            total += records(sizes[f], labels, p.toString());
        }
        if (total * PIXELS > Integer.MAX_VALUE) {
            throw new DataFormatException(files.getFirst().toString(), total + " records exceed 2^31 pixel bytes");
        }
        byte[] pixels = new byte[(int) (total * PIXELS)];
        int[] lab = new int[(int) total];
        int sample = 0;
        for (int f = 0; f < files.size(); f++) {
            InputStream in = DataStreams.open(files.get(f));
            try {
                sample = readRecords(in, sizes[f], files.get(f).toString(), labels, pixels, lab, sample);
            } finally {
                DataStreams.close(in);
            }
        }
        return Dataset.ofBytes(name, pixels, lab, labels.classes, 3, 32, 32);
    }

    /** As {@link #read(String, List, Labels)} for one file held in memory; {@code file} names it in messages. */
    public static Dataset read(String name, byte[] data, String file, Labels labels) {
        int n = (int) records(data.length, labels, file);
        byte[] pixels = new byte[n * PIXELS];
        int[] lab = new int[n];
        readRecords(new ByteArrayInputStream(data), data.length, file, labels, pixels, lab, 0);
        return Dataset.ofBytes(name, pixels, lab, labels.classes, 3, 32, 32);
    }

    /** Records in a file of {@code size} bytes; fails unless it is a whole number of them. */
    private static long records(long size, Labels labels, String file) {
        int record = labels.recordSize();
        if (size % record != 0) {
            long whole = size / record * record;
            throw new DataFormatException(file, "truncated after " + size + " of " + (whole + record)
                    + " bytes (" + size + " is not a whole number of " + record + "-byte records)");
        }
        return size / record;
    }

    /** Reads the records of one file into {@code pixels}/{@code lab} from sample {@code sample} on; returns the next sample. */
    private static int readRecords(InputStream in, long size, String file, Labels labels, byte[] pixels, int[] lab, int sample) {
        int record = labels.recordSize();
        int n = (int) (size / record);
        // read in chunks of whole records (at most 1 MiB, at most the file): one big buffer per file would
        // double the peak memory
        int perChunk = Math.max(1, Math.min(n, (1 << 20) / record));
        byte[] buf = new byte[perChunk * record];
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
        return sample;
    }

    private static void checkLabel(int label, int classes, String what, String file, int record) {
        if (label >= classes) {
            throw new DataFormatException(file, what + " " + label + " of record " + record
                    + " out of range [0, " + classes + ")");
        }
    }
}
