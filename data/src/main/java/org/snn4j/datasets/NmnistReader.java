package org.snn4j.datasets;

import java.nio.file.Path;
import org.snn4j.events.Events;

/**
 * Reads the {@code .bin} files of N-MNIST and N-Caltech101 (Orchard et al. 2015, recorded with an ATIS
 * sensor), as Garrick Orchard's published readers and Tonic's {@code read_mnist_file} do.
 *
 * <p>The file is a sequence of 5-byte records and nothing else: byte 0 is x, byte 1 is y, bit 7 of byte 2
 * the polarity (1 = ON), and the low 7 bits of byte 2 with bytes 3 and 4 a 23-bit big-endian timestamp in
 * microseconds. A record with {@code y = 240} is not an event but a timestamp overflow: it and every later
 * record get {@value #OVERFLOW_US} µs more (2<sup>13</sup>, the value the reference readers add; its other
 * fields are ignored). Overflow records are unrolled into the times, never returned as events. A file whose
 * length is not a multiple of 5, an address outside the sensor or a time before the previous one is a
 * one-line {@link DataFormatException} naming the file and the record's byte offset.
 */
public final class NmnistReader {
    /** Bytes per record. */
    public static final int RECORD_BYTES = 5;
    /** The y value that marks a timestamp-overflow record. */
    public static final int OVERFLOW_Y = 240;
    /** Microseconds one overflow record adds to its own and every later timestamp. */
    public static final long OVERFLOW_US = 1L << 13;
    /** Sensor side of N-MNIST (34 × 34: the 28 × 28 digit and its saccades). */
    public static final int NMNIST_SIDE = 34;
    /** Sensor width of N-Caltech101 (as SpikingJelly: 240 × 180). */
    public static final int NCALTECH101_WIDTH = 240;
    /** Sensor height of N-Caltech101. */
    public static final int NCALTECH101_HEIGHT = 180;

    private NmnistReader() {}

    /**
     * Decodes one recording.
     *
     * @param data the file's bytes
     * @param file names the file in messages
     * @param width sensor width (addresses {@code x} must be below it)
     * @param height sensor height, at most {@value #OVERFLOW_Y} (a y of 240 is always an overflow)
     * @throws DataFormatException when the file is malformed (naming the byte offset, expected and actual)
     */
    public static Events read(byte[] data, String file, int width, int height) {
        return EventDecoders.decodeAll(new NmnistDecoder(file, width, height, data.length / RECORD_BYTES), data);
    }

    /** As {@link #read(byte[], String, int, int)} for a file on disk. */
    public static Events read(Path file, int width, int height) {
        return read(EventFiles.readAll(file), file.toString(), width, height);
    }
}
