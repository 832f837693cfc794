package org.snn4j.datasets;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.snn4j.events.EventsBuilder;

/**
 * The binary part of an AEDAT 4.0 stream, after its first line ({@link Aedat4Reader} describes the
 * layout), decoded chunk by chunk: the IOHeader once its bytes are all there (it names the sensor), then
 * each packet once complete, up to the data table (whose bytes, and any after, are skipped).
 */
final class Aedat4Body {
    private final String file;
    private final int expected;
    private EventsBuilder events;
    private int compression;
    /** Stream offset of the data table, or -1 when there is none (a live stream). */
    private long tablePosition = -1;
    /** Stream offset of the first packet (after the IOHeader). */
    private long firstPacketAt;

    Aedat4Body(String file, int expected) {
        this.file = file;
        this.expected = expected;
    }

    /** Where the events go: null until the IOHeader has been read. */
    EventsBuilder events() {
        return events;
    }

    /** As {@link ChunkedDecoder#decode}. */
    int decode(byte[] data, int from, int length, long at, boolean atEnd) {
        long base = at - from;
        long seen = at + length;  // stream bytes fed so far
        int off = from, end = from + length;
        if (events == null) {
            if (length < 4) {
                if (atEnd) throw Aedat4Reader.truncated(file, at, "IOHeader length", 4, length);
                return 0;
            }
            int size = EventFiles.littleEndianInt(data, off);
            long sizeAt = base + off;
            off += 4;
            if (size < 8 || size > Aedat4Reader.MAX_PACKET_BYTES) {
                throw new DataFormatException(file, "byte " + sizeAt + ": IOHeader length expected in [8, " + Aedat4Reader.MAX_PACKET_BYTES
                        + "], was " + size);
            }
            if (size > end - off) {
                if (atEnd) throw Aedat4Reader.truncated(file, base + off, "IOHeader", size, end - off);
                return 0;
            }
            // its own array: FlatBuffers' messages name the array's length, which must not depend on the chunking
            byte[] bytes = java.util.Arrays.copyOfRange(data, off, off + size);
            IoHeader header = IoHeader.parse(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), file, (int) (base + off));
            off += size;
            String info = header.info();
            events = new EventsBuilder(Aedat4Reader.sizeAttribute(Aedat4Reader.SIZE_X, info, "sizeX", file),
                    Aedat4Reader.sizeAttribute(Aedat4Reader.SIZE_Y, info, "sizeY", file), expected);
            compression = header.compression();
            tablePosition = header.dataTablePosition();
            firstPacketAt = base + off;
            if (tablePosition >= 0 && tablePosition < firstPacketAt) {
                // a stream's length is not known yet: the message must not depend on how much has arrived
                throw new DataFormatException(file, "IOHeader dataTablePosition expected >= " + firstPacketAt + " (after the IOHeader), was "
                        + tablePosition);
            }
        }
        long limit = tablePosition >= 0 ? tablePosition : Long.MAX_VALUE;
        if (atEnd && limit != Long.MAX_VALUE && limit > seen) throw tableOutside(seen);
        while (true) {
            long pos = base + off;
            if (pos >= limit) return length;  // the data table and what follows: not events
            long available = Math.min(limit, base + end) - pos;
            if (available < 8) {
                if (atEnd && available > 0) throw Aedat4Reader.truncated(file, pos, "packet header", 8, (int) available);
                break;
            }
            int size = EventFiles.littleEndianInt(data, off + 4);
            long room = limit == Long.MAX_VALUE ? (atEnd ? available - 8 : Aedat4Reader.MAX_PACKET_BYTES) : limit - pos - 8;
            if (size < 0 || size > room) {
                throw new DataFormatException(file, "byte " + (pos + 4) + ": packet size expected in [0, " + room + "], was " + size);
            }
            if (size > available - 8) break;
            byte[] payload = Aedat4Reader.decompress(data, off + 8, size, compression, file, pos + 8);
            EventPackets.decode(payload, file, pos, events);
            off += 8 + size;
        }
        return off - from;
    }

    private DataFormatException tableOutside(long length) {
        return new DataFormatException(file, "IOHeader dataTablePosition expected in [" + firstPacketAt + ", " + length + "], was "
                + tablePosition);
    }
}
