package org.snn4j.datasets;

import org.snn4j.events.EventsBuilder;

/**
 * {@link AedatReader}'s formats decoded chunk by chunk: the text header first (its version picks the
 * body), then AEDAT 2.0 events, AEDAT 3.1 packets (a packet is decoded once it is complete) or AEDAT 4.0
 * ({@link Aedat4Body}).
 */
final class AedatDecoder extends ChunkedDecoder {
    /** A packet larger than this is refused before it is buffered (a guard against a corrupt size). */
    static final long MAX_PACKET_BYTES = Aedat4Reader.MAX_PACKET_BYTES;

    private final int width;
    private final int height;
    private final Aedat2Address layout;
    private final String requiredVersion;
    private final int expected;
    private String version;
    private Aedat4Body v4;

    /**
     * @param width           sensor width for 2.0 and 3.1, or 0 for the header's
     * @param height          sensor height for 2.0 and 3.1, or 0 for the header's
     * @param requiredVersion the only version accepted, or null for any
     * @param expected        events expected (a capacity hint)
     */
    AedatDecoder(String file, int width, int height, Aedat2Address layout, String requiredVersion, int expected) {
        super(file);
        this.width = width;
        this.height = height;
        this.layout = layout;
        this.requiredVersion = requiredVersion;
        this.expected = expected;
    }

    @Override
    int decode(byte[] data, int from, int length, long at, boolean atEnd) {
        if (version != null) return body(data, from, length, at, atEnd);
        AedatHeader h = AedatHeader.parse(data, from, length, file, atEnd);
        if (h == null) return 0;
        if (requiredVersion != null && !h.version().equals(requiredVersion)) {
            throw new DataFormatException(file, "byte 0: AEDAT version expected " + requiredVersion + ", was " + h.version());
        }
        version = h.version();
        if (version.equals("4.0")) v4 = new Aedat4Body(file, expected);
        else events = new EventsBuilder(width > 0 ? width : h.width(), height > 0 ? height : h.height(), expected);
        int used = h.dataOffset();
        return used + body(data, from + used, length - used, at + used, atEnd);
    }

    private int body(byte[] data, int from, int length, long at, boolean atEnd) {
        return switch (version) {
            case "2.0" -> v2(data, from, length, at, atEnd);
            case "3.1" -> v31(data, from, length, at, atEnd);
            default -> {
                int used = v4.decode(data, from, length, at, atEnd);
                events = v4.events();
                yield used;
            }
        };
    }

    private int v2(byte[] data, int from, int length, long at, boolean atEnd) {
        int whole = length - length % AedatReader.EVENT_BYTES;
        if (atEnd && whole != length) {
            throw new DataFormatException(file, "byte " + (at + whole) + ": event expected " + AedatReader.EVENT_BYTES + " bytes, was "
                    + (length - whole) + " (the file ends inside an event)");
        }
        for (int off = from, end = from + whole; off < end; off += AedatReader.EVENT_BYTES) {
            int address = DataStreams.bigEndianInt(data, off);
            long t = DataStreams.bigEndianInt(data, off + 4) & 0xFFFFFFFFL;
            try {
                events.add(t, layout.x(address), layout.y(address), layout.polarity(address));
            } catch (IllegalArgumentException e) {
                throw badEvent(at + off - from, e);
            }
        }
        return whole;
    }

    private int v31(byte[] data, int from, int length, long at, boolean atEnd) {
        int off = from, end = from + length;
        long base = at - from;
        while (off < end) {
            if (end - off < AedatReader.PACKET_HEADER_BYTES) {
                if (!atEnd) break;
                throw new DataFormatException(file, "byte " + (base + off) + ": packet header expected " + AedatReader.PACKET_HEADER_BYTES
                        + " bytes, was " + (end - off));
            }
            int type = EventFiles.littleEndianShort(data, off);
            int size = EventFiles.littleEndianInt(data, off + 4);
            int tsOffset = EventFiles.littleEndianInt(data, off + 8);
            int overflow = EventFiles.littleEndianInt(data, off + 12);
            int capacity = EventFiles.littleEndianInt(data, off + 16);
            int number = EventFiles.littleEndianInt(data, off + 20);
            int valid = EventFiles.littleEndianInt(data, off + 24);
            long o = base + off;
            require(size > 0, o + 4, "eventSize", "> 0", size);
            require(capacity >= 0, o + 16, "eventCapacity", ">= 0", capacity);
            require(number >= 0 && number <= capacity, o + 20, "eventNumber", "in [0, eventCapacity " + capacity + "]", number);
            require(valid >= 0 && valid <= number, o + 24, "eventValid", "in [0, eventNumber " + number + "]", valid);
            require(overflow >= 0, o + 12, "eventTSOverflow", ">= 0", overflow);
            long payload = (long) capacity * size;
            int body = off + AedatReader.PACKET_HEADER_BYTES;
            if (payload > end - body) {
                if (atEnd) {
                    throw new DataFormatException(file, "byte " + (base + body) + ": packet of " + capacity + " events of " + size
                            + " bytes expected " + payload + " bytes, was " + (end - body));
                }
                if (payload > MAX_PACKET_BYTES) {
                    throw new DataFormatException(file, "byte " + (base + body) + ": packet of " + capacity + " events of " + size
                            + " bytes expected at most " + MAX_PACKET_BYTES + " bytes, was " + payload);
                }
                break;
            }
            if (type == AedatReader.POLARITY_EVENT) {
                require(size == AedatReader.EVENT_BYTES, o + 4, "eventSize of polarity events", "8", size);
                require(tsOffset == 4, o + 8, "eventTSOffset of polarity events", "4", tsOffset);
                polarityEvents(data, body, number, (long) overflow << 31, base);
            }
            off = body + (int) payload;
        }
        return off - from;
    }

    private void polarityEvents(byte[] data, int body, int number, long high, long base) {
        for (int i = 0, e = body; i < number; i++, e += AedatReader.EVENT_BYTES) {
            int word = EventFiles.littleEndianInt(data, e);
            if ((word & 1) == 0) continue;
            int ts = EventFiles.littleEndianInt(data, e + 4);
            if (ts < 0) throw new DataFormatException(file, "byte " + (base + e + 4) + ": timestamp expected >= 0, was " + ts);
            try {
                events.add(high | ts, word >>> 17, (word >>> 2) & 0x7FFF, (word >>> 1) & 1);
            } catch (IllegalArgumentException ex) {
                throw badEvent(base + e, ex);
            }
        }
    }

    private void require(boolean ok, long offset, String field, String expected, int actual) {
        if (!ok) throw new DataFormatException(file, "byte " + offset + ": " + field + " expected " + expected + ", was " + actual);
    }
}
