package org.snn4j.datasets;

import com.google.flatbuffers.Table;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.snn4j.events.EventsBuilder;

/**
 * Decodes one AEDAT 4.0 packet payload: a size-prefixed FlatBuffer which, when its file identifier is
 * {@value Aedat4Reader#EVENT_PACKET_ID}, is an {@code EventPacket} table whose field 0 is a vector of
 * 16-byte {@code Event} structs (int64 timestamp, int16 x, int16 y, bool on). Other payloads are skipped.
 */
final class EventPackets extends Table {
    private EventPackets() {}

    /**
     * Adds the events of {@code payload} to {@code events}.
     *
     * @param packetOffset byte offset of the packet in the file, for messages
     */
    static void decode(byte[] payload, String file, long packetOffset, EventsBuilder events) {
        if (payload.length < 12) throw Aedat4Reader.truncated(file, packetOffset, "packet FlatBuffer", 12, payload.length);
        ByteBuffer bb = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        int declared = bb.getInt(0);
        if (declared != payload.length - 4) {
            throw new DataFormatException(file, "byte " + packetOffset + ": packet FlatBuffer size prefix expected " + (payload.length - 4)
                    + ", was " + declared);
        }
        bb.position(4);
        if (!__has_identifier(bb, Aedat4Reader.EVENT_PACKET_ID)) return;
        int root = bb.getInt(4);
        if (root < 8 || root > payload.length - 8) {
            throw new DataFormatException(file, "byte " + packetOffset + ": EventPacket root offset expected in [8, " + (payload.length - 8)
                    + "], was " + root);
        }
        EventPackets table = new EventPackets();
        int start;
        int n;
        try {
            table.__reset(4 + root, bb);
            int o = table.__offset(4);
            if (o == 0) return;
            n = table.__vector_len(o);
            start = table.__vector(o);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new DataFormatException(file, "byte " + packetOffset + ": EventPacket expected a FlatBuffer table, was corrupt ("
                    + Aedat4Reader.oneLine(e) + ")", e);
        }
        if (n < 0 || start < 0 || start > payload.length || n > (payload.length - start) / Aedat4Reader.EVENT_STRUCT_BYTES) {
            throw new DataFormatException(file, "byte " + packetOffset + ": EventPacket of " + n + " events expected "
                    + (long) n * Aedat4Reader.EVENT_STRUCT_BYTES + " bytes after payload byte " + start + ", was "
                    + Math.max(0, payload.length - start));
        }
        for (int i = 0, e = start; i < n; i++, e += Aedat4Reader.EVENT_STRUCT_BYTES) {
            try {
                events.add(bb.getLong(e), bb.getShort(e + 8), bb.getShort(e + 10), bb.get(e + 12) != 0 ? 1 : 0);
            } catch (IllegalArgumentException ex) {
                throw new DataFormatException(file, "byte " + packetOffset + ", event " + i + " of its packet: " + ex.getMessage(), ex);
            }
        }
    }
}
