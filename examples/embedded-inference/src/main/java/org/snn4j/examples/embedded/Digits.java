package org.snn4j.examples.embedded;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import org.snn4j.data.Dataset;

/**
 * The digits this example ships: the first 500 test digits of snn4j's bundled MNIST subset, as two
 * gzip-compressed IDX files on the class path (see NOTICE for their licence). The reader is the few lines
 * an application needs for IDX: a big-endian header (magic number, count, then rows and columns for
 * images) followed by one unsigned byte per pixel or label.
 */
public final class Digits {
    private static final String IMAGES = "test-images-500-idx3-ubyte.gz";
    private static final String LABELS = "test-labels-500-idx1-ubyte.gz";
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private Digits() {}

    /**
     * The shipped digits as an snn4j data set of {@code [1, 28, 28]} images (pixel value {@code byte / 255})
     * and labels 0 to 9.
     */
    public static Dataset load() {
        byte[] pixels;
        int rows;
        int cols;
        try (DataInputStream in = open(IMAGES)) {
            int count = header(in, IMAGES_MAGIC);
            rows = in.readInt();
            cols = in.readInt();
            pixels = in.readNBytes(count * rows * cols);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + IMAGES, e);
        }
        int[] labels;
        try (DataInputStream in = open(LABELS)) {
            byte[] raw = in.readNBytes(header(in, LABELS_MAGIC));
            labels = new int[raw.length];
            for (int i = 0; i < raw.length; i++) labels[i] = raw[i] & 0xFF;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LABELS, e);
        }
        // Dataset checks that the pixels fill exactly labels.length images of [1, rows, cols].
        return Dataset.ofBytes("digits", pixels, labels, 10, 1, rows, cols);
    }

    private static DataInputStream open(String resource) throws IOException {
        InputStream in = Digits.class.getResourceAsStream(resource);
        if (in == null) throw new IOException("no class path resource " + resource + " beside " + Digits.class.getName());
        return new DataInputStream(new GZIPInputStream(in));
    }

    /** Reads the magic number (checked) and the item count. */
    private static int header(DataInputStream in, int magic) throws IOException {
        int found = in.readInt();
        if (found != magic) throw new IOException(String.format("not an IDX file: magic 0x%08x, expected 0x%08x", found, magic));
        return in.readInt();
    }
}
