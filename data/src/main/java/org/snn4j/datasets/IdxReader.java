package org.snn4j.datasets;

import java.io.InputStream;
import java.nio.file.Path;
import org.snn4j.data.Dataset;

/**
 * Reads the IDX format of MNIST, Fashion-MNIST and friends, raw or gzip-compressed (detected by the
 * gzip magic bytes, not the file name).
 *
 * <p>Images ({@code idx3-ubyte}): big-endian int32 magic 2051, count N, rows H, cols W, then N·H·W
 * unsigned bytes. Labels ({@code idx1-ubyte}): magic 2049, count N, then N bytes. Every deviation
 * (magic, truncation, trailing bytes, counts, label range) is a one-line {@link DataFormatException}.
 */
public final class IdxReader {
    /** Magic number of an unsigned-byte IDX file with 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte IDX file with 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {}

    /** Images of one IDX file: {@code count} images of {@code rows × cols} bytes, row-major. */
    public record Images(int count, int rows, int cols, byte[] pixels) {}

    /** Reads an image file; {@code file} names it in messages. Does not close {@code in}. */
    public static Images readImages(InputStream in, String file) {
        return readFirstImages(in, file, 0).images();
    }

    /** The first images of a file and how many the file holds. */
    private record FirstImages(Images images, int inFile) {}

    /**
     * Reads the first {@code limit} images of an image file (all for 0): the others are read and checked as
     * in a whole read (count, truncation, trailing bytes) but not kept.
     */
    private static FirstImages readFirstImages(InputStream in, String file, int limit) {
        InputStream s = DataStreams.maybeGunzip(in, file);
        byte[] h = new byte[16];
        int got = DataStreams.readUpTo(s, h, 0, 16, file);
        if (got >= 4) checkMagic(h, IMAGES_MAGIC, file);
        if (got < 16) throw new DataFormatException(file, "truncated after " + got + " of 16 header bytes");
        int n = DataStreams.bigEndianInt(h, 4);
        int rows = DataStreams.bigEndianInt(h, 8);
        int cols = DataStreams.bigEndianInt(h, 12);
        if (n < 0 || rows <= 0 || cols <= 0) {
            throw new DataFormatException(file, "bad dimensions " + n + " x " + rows + " x " + cols);
        }
        // n·rows < 2^62, but n·rows·cols can overflow a long: check before the second product
        long payload = (long) n * rows;
        if (payload > Integer.MAX_VALUE || (payload *= cols) > Integer.MAX_VALUE - 16) {
            throw new DataFormatException(file, "dimensions " + n + " x " + rows + " x " + cols + " exceed 2^31 bytes");
        }
        int kept = limit > 0 ? Math.min(limit, n) : n, keptBytes = kept * rows * cols;
        byte[] pixels = DataStreams.readDeclared(s, keptBytes, file, 16, 16 + payload);
        DataStreams.skipExactly(s, payload - keptBytes, file, 16 + keptBytes, 16 + payload);
        DataStreams.expectEnd(s, file, 16 + payload);
        return new FirstImages(new Images(kept, rows, cols, pixels), n);
    }

    /** Reads a label file as unsigned bytes; {@code file} names it in messages. Does not close {@code in}. */
    public static int[] readLabels(InputStream in, String file, int numClasses) {
        InputStream s = DataStreams.maybeGunzip(in, file);
        byte[] h = new byte[8];
        int got = DataStreams.readUpTo(s, h, 0, 8, file);
        if (got >= 4) checkMagic(h, LABELS_MAGIC, file);
        if (got < 8) throw new DataFormatException(file, "truncated after " + got + " of 8 header bytes");
        int n = DataStreams.bigEndianInt(h, 4);
        if (n < 0 || n > Integer.MAX_VALUE - 8) throw new DataFormatException(file, "bad label count " + n);
        byte[] raw = DataStreams.readDeclared(s, n, file, 8, 8L + n);
        DataStreams.expectEnd(s, file, 8L + n);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = raw[i] & 0xFF;
            if (labels[i] >= numClasses) {
                throw new DataFormatException(file, "label " + labels[i] + " at index " + i
                        + " out of range [0, " + numClasses + ")");
            }
        }
        return labels;
    }

    /**
     * Reads an image file and its label file into a data set of shape {@code [1, rows, cols]}.
     *
     * @throws DataFormatException when either file is malformed or their counts differ
     */
    public static Dataset read(String name, InputStream images, String imagesFile,
                               InputStream labels, String labelsFile, int numClasses) {
        return read(name, images, imagesFile, labels, labelsFile, numClasses, 0);
    }

    /**
     * As {@link #read(String, InputStream, String, InputStream, String, int)}, keeping only the first {@code limit}
     * samples (all for 0), both files still checked whole: what {@link Dataset#subset} of the whole set gives,
     * named {@code name[:limit]} as it names it, without ever holding the rest (W1 on 12,800 of Fashion-MNIST's
     * 60,000 training images: 10 instead of 47 MB, and none of the 47 MB the whole read leaves to collect).
     */
    public static Dataset read(String name, InputStream images, String imagesFile,
                               InputStream labels, String labelsFile, int numClasses, int limit) {
        FirstImages first = readFirstImages(images, imagesFile, limit);
        Images im = first.images();
        int[] lab = readLabels(labels, labelsFile, numClasses);
        if (lab.length != first.inFile()) {
            throw new DataFormatException(labelsFile, lab.length + " labels but " + first.inFile() + " images in " + imagesFile);
        }
        if (im.count() == lab.length) return Dataset.ofBytes(name, im.pixels(), lab, numClasses, 1, im.rows(), im.cols());
        return Dataset.ofBytes(name + "[:" + im.count() + "]", im.pixels(), java.util.Arrays.copyOf(lab, im.count()), numClasses,
                1, im.rows(), im.cols());
    }

    /** As {@link #read(String, InputStream, String, InputStream, String, int)} for two files. */
    public static Dataset read(String name, Path images, Path labels, int numClasses) {
        return read(name, images, labels, numClasses, 0);
    }

    /** As {@link #read(String, InputStream, String, InputStream, String, int, int)} for two files. */
    public static Dataset read(String name, Path images, Path labels, int numClasses, int limit) {
        InputStream i = DataStreams.open(images);
        try {
            InputStream l = DataStreams.open(labels);
            try {
                return read(name, i, images.toString(), l, labels.toString(), numClasses, limit);
            } finally {
                DataStreams.close(l);
            }
        } finally {
            DataStreams.close(i);
        }
    }

    private static void checkMagic(byte[] h, int expected, String file) {
        int magic = DataStreams.bigEndianInt(h, 0);
        if (magic != expected) {
            throw new DataFormatException(file, "magic number expected " + expected + ", was " + magic);
        }
    }
}
