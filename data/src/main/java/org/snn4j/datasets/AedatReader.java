package org.snn4j.datasets;

import java.nio.file.Path;
import org.snn4j.events.Events;
import org.snn4j.events.EventsBuilder;

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
        AedatHeader h = AedatHeader.parse(data, file);
        return read(data, file, h, h.width(), h.height(), Aedat2Address.DVS128);
    }

    /**
     * Reads an AEDAT 2.0, 3.1 or 4.0 file with an explicit sensor size and AEDAT 2.0 address layout (used for
     * 2.0 files only).
     */
    public static Events read(byte[] data, String file, int width, int height, Aedat2Address layout) {
        return read(data, file, AedatHeader.parse(data, file), width, height, layout);
    }

    /** As {@link #read(byte[], String)} for a file on disk. */
    public static Events read(Path file) {
        return read(EventFiles.readAll(file), file.toString());
    }

    /** The AEDAT version the file's first line declares ({@code "2.0"}, {@code "3.1"} or {@code "4.0"}). */
    public static String version(byte[] data, String file) {
        return AedatHeader.parse(data, file).version();
    }

    private static Events read(byte[] data, String file, AedatHeader h, int width, int height, Aedat2Address layout) {
        return switch (h.version()) {
            case "2.0" -> readV2(data, file, h.dataOffset(), new EventsBuilder(width, height, (data.length - h.dataOffset()) / 8), layout);
            case "3.1" -> readV31(data, file, h.dataOffset(), new EventsBuilder(width, height, (data.length - h.dataOffset()) / 8));
            default -> Aedat4Reader.read(data, file);
        };
    }

    private static Events readV2(byte[] data, String file, int start, EventsBuilder events, Aedat2Address layout) {
        int body = data.length - start;
        if (body % EVENT_BYTES != 0) {
            throw new DataFormatException(file, "byte " + (data.length - body % EVENT_BYTES) + ": event expected " + EVENT_BYTES
                    + " bytes, was " + body % EVENT_BYTES + " (the file ends inside an event)");
        }
        for (int off = start; off < data.length; off += EVENT_BYTES) {
            int address = DataStreams.bigEndianInt(data, off);
            long t = DataStreams.bigEndianInt(data, off + 4) & 0xFFFFFFFFL;
            try {
                events.add(t, layout.x(address), layout.y(address), layout.polarity(address));
            } catch (IllegalArgumentException e) {
                throw EventFiles.badEvent(file, off, e);
            }
        }
        return events.build();
    }

    private static Events readV31(byte[] data, String file, int start, EventsBuilder events) {
        int off = start;
        while (off < data.length) {
            if (data.length - off < PACKET_HEADER_BYTES) {
                throw new DataFormatException(file, "byte " + off + ": packet header expected " + PACKET_HEADER_BYTES
                        + " bytes, was " + (data.length - off));
            }
            int type = EventFiles.littleEndianShort(data, off);
            int size = EventFiles.littleEndianInt(data, off + 4);
            int tsOffset = EventFiles.littleEndianInt(data, off + 8);
            int overflow = EventFiles.littleEndianInt(data, off + 12);
            int capacity = EventFiles.littleEndianInt(data, off + 16);
            int number = EventFiles.littleEndianInt(data, off + 20);
            int valid = EventFiles.littleEndianInt(data, off + 24);
            require(size > 0, file, off + 4, "eventSize", "> 0", size);
            require(capacity >= 0, file, off + 16, "eventCapacity", ">= 0", capacity);
            require(number >= 0 && number <= capacity, file, off + 20, "eventNumber", "in [0, eventCapacity " + capacity + "]", number);
            require(valid >= 0 && valid <= number, file, off + 24, "eventValid", "in [0, eventNumber " + number + "]", valid);
            require(overflow >= 0, file, off + 12, "eventTSOverflow", ">= 0", overflow);
            long payload = (long) capacity * size;
            int body = off + PACKET_HEADER_BYTES;
            if (payload > data.length - body) {
                throw new DataFormatException(file, "byte " + body + ": packet of " + capacity + " events of " + size
                        + " bytes expected " + payload + " bytes, was " + (data.length - body));
            }
            if (type == POLARITY_EVENT) {
                require(size == EVENT_BYTES, file, off + 4, "eventSize of polarity events", "8", size);
                require(tsOffset == 4, file, off + 8, "eventTSOffset of polarity events", "4", tsOffset);
                polarityEvents(data, file, body, number, (long) overflow << 31, events);
            }
            off = body + (int) payload;
        }
        return events.build();
    }

    private static void polarityEvents(byte[] data, String file, int body, int number, long high, EventsBuilder events) {
        for (int i = 0, e = body; i < number; i++, e += EVENT_BYTES) {
            int word = EventFiles.littleEndianInt(data, e);
            if ((word & 1) == 0) continue;
            int ts = EventFiles.littleEndianInt(data, e + 4);
            if (ts < 0) throw new DataFormatException(file, "byte " + (e + 4) + ": timestamp expected >= 0, was " + ts);
            try {
                events.add(high | ts, word >>> 17, (word >>> 2) & 0x7FFF, (word >>> 1) & 1);
            } catch (IllegalArgumentException ex) {
                throw EventFiles.badEvent(file, e, ex);
            }
        }
    }

    private static void require(boolean ok, String file, int offset, String field, String expected, int actual) {
        if (!ok) throw new DataFormatException(file, "byte " + offset + ": " + field + " expected " + expected + ", was " + actual);
    }
}
