package org.snn4j.datasets;

import java.nio.file.Path;
import org.snn4j.events.Events;

/**
 * Reads the polarity events of AEDAT 2.0 and AEDAT 3.1 files (jAER and cAER/DV recordings: DVS128
 * Gesture, CIFAR10-DVS); the version comes from the first line (see {@link AedatHeader}), and an AEDAT 4.0
 * file is handed to {@link Aedat4Reader}. The sensor size is the one the header names ({@code 128 × 128}
 * when it names none) unless given.
 *
 * <p><b>AEDAT 2.0</b>: after the {@code #} header lines, 8-byte events, each a big-endian int32 address
 * and a big-endian unsigned int32 timestamp in µs; the address bits follow an {@link Aedat2Address}
 * layout (DVS128 by default). <b>AEDAT 3.1</b>: after the header ending {@code #!END-HEADER}, packets,
 * each a 28-byte little-endian header (int16 eventType, int16 eventSource, int32 eventSize, int32
 * eventTSOffset, int32 eventTSOverflow, int32 eventCapacity, int32 eventNumber, int32 eventValid) and
 * {@code eventCapacity × eventSize} bytes of events. Packets of type 1 hold polarity events of 8 bytes: an
 * int32 whose bit 0 marks the event valid, bit 1 the polarity (1 = ON), bits 2-16 y and bits 17-31 x,
 * then an int32 timestamp whose full value is {@code eventTSOverflow << 31 | timestamp}. The first {@code
 * eventNumber} events of a packet are read and those not marked valid skipped; packets of other types
 * (special events, frames, IMU samples) are skipped. Anything inconsistent is a one-line {@link
 * DataFormatException} naming the file, the byte offset, what was expected and what was found.
 */
public final class AedatReader {
    /** Bytes of an AEDAT 3.1 packet header. */
    public static final int PACKET_HEADER_BYTES = 28;
    /** Event type of AEDAT 3.1 polarity events. */
    public static final int POLARITY_EVENT = 1;
    /** Bytes of an AEDAT 3.1 polarity event, and of an AEDAT 2.0 event. */
    public static final int EVENT_BYTES = 8;

    private AedatReader() {}

    /** Reads an AEDAT 2.0, 3.1 or 4.0 file with the sensor size its header names and the DVS128 layout of AEDAT 2.0. */
    public static Events read(byte[] data, String file) {
        return read(data, file, 0, 0, Aedat2Address.DVS128);
    }

    /**
     * Reads an AEDAT 2.0, 3.1 or 4.0 file with an explicit sensor size and AEDAT 2.0 address layout (used for
     * 2.0 files only).
     */
    public static Events read(byte[] data, String file, int width, int height, Aedat2Address layout) {
        return EventDecoders.decodeAll(new AedatDecoder(file, width, height, layout, null, data.length / EVENT_BYTES), data);
    }

    /** As {@link #read(byte[], String)} for a file on disk. */
    public static Events read(Path file) {
        return read(EventFiles.readAll(file), file.toString());
    }

    /** The AEDAT version the file's first line declares ({@code "2.0"}, {@code "3.1"} or {@code "4.0"}). */
    public static String version(byte[] data, String file) {
        return AedatHeader.parse(data, file).version();
    }
}
