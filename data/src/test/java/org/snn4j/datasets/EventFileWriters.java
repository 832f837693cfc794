package org.snn4j.datasets;

import com.google.flatbuffers.FlatBufferBuilder;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.BlockSize;
import org.snn4j.events.Events;

/**
 * Writers of event files in the published layouts, written from the format descriptions (not from the
 * readers), for the reader tests, fuzz seeds and the CLI's tests.
 */
public final class EventFileWriters {
    private EventFileWriters() {}

    /**
     * N-MNIST {@code .bin}: before an event whose time needs it, as many overflow records (y = 240) as
     * bring the running base up to {@code t - t % 8192}; the event then stores {@code t % 8192}.
     */
    public static byte[] nmnist(Events e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long base = 0;
        for (int i = 0; i < e.size(); i++) {
            long t = e.timeUs(i);
            while (base + 8192 <= t) {
                out.writeBytes(new byte[] {0, (byte) 240, 0, 0, 0});
                base += 8192;
            }
            long low = t - base;
            out.writeBytes(new byte[] {(byte) e.x(i), (byte) e.y(i), (byte) (e.polarity(i) << 7 | (low >> 16 & 0x7F)),
                (byte) (low >> 8), (byte) low});
        }
        return out.toByteArray();
    }

    /** AEDAT 2.0 with jAER's DVS128 addresses: x flipped, ON as bit 0 clear. */
    public static byte[] aedat2Dvs128(Events e, String... headerLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("#!AER-DAT2.0\r\n".getBytes(StandardCharsets.US_ASCII));
        for (String line : headerLines) out.writeBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.allocate(8 * e.size()).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < e.size(); i++) {
            int address = e.y(i) << 8 | (127 - e.x(i)) << 1 | (1 - e.polarity(i));
            b.putInt(address).putInt((int) e.timeUs(i));
        }
        out.writeBytes(b.array());
        return out.toByteArray();
    }

    /** The AEDAT 3.1 text header, naming a DVS128 source. */
    public static byte[] aedat31Header() {
        return ("#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n#Start-Time: 2017-01-01 12:00:00 (TZ+0000)\r\n"
                + "#!END-HEADER\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * One AEDAT 3.1 packet of polarity events {@code [from, to)} of {@code e}, with the given timestamp
     * overflow (the events' times must lie in its 2^31 µs window); {@code invalidAt} (or -1) adds an event
     * not marked valid after that index.
     */
    public static byte[] aedat31Polarity(Events e, int from, int to, int overflow, int invalidAt) {
        int n = to - from + (invalidAt >= 0 ? 1 : 0);
        ByteBuffer b = ByteBuffer.allocate(28 + 8 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 1).putShort((short) 1).putInt(8).putInt(4).putInt(overflow).putInt(n).putInt(n).putInt(to - from);
        for (int i = from; i < to; i++) {
            int t = (int) (e.timeUs(i) - ((long) overflow << 31));
            b.putInt(e.x(i) << 17 | e.y(i) << 2 | e.polarity(i) << 1 | 1).putInt(t);
            if (i == invalidAt) b.putInt(5 << 17 | 5 << 2 | 1 << 1).putInt(t);
        }
        return b.array();
    }

    /** An AEDAT 3.1 packet of another type (special events: 16 bytes each here) to be skipped. */
    public static byte[] aedat31Other(int type, int events) {
        ByteBuffer b = ByteBuffer.allocate(28 + 16 * events).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) type).putShort((short) 1).putInt(16).putInt(12).putInt(0).putInt(events).putInt(events).putInt(events);
        for (int i = 0; i < events; i++) b.putLong(-1L).putLong(0x1234_5678L);
        return b.array();
    }

    /** Concatenation. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /**
     * AEDAT 4.0: the magic line, the IOHeader FlatBuffer (compression 0 none, 1 LZ4, 3 Zstd; the data table
     * position after the packets, where a few bytes stand for the table), then one packet (stream 0) per
     * element of {@code packets}, each event packet {@code [from, to)} of {@code e}, and an IMU-like
     * packet with identifier {@code IMUS} (stream 1) after the first.
     */
    public static byte[] aedat4(Events e, int compression, List<int[]> packets) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean first = true;
        for (int[] range : packets) {
            packet(body, 0, compress(eventPacket(e, range[0], range[1]), compression));
            if (first) packet(body, 1, compress(otherPacket(), compression));
            first = false;
        }
        String info = "<dv version=\"2.0\"><node name=\"outInfo\" path=\"/mainloop/Recorder/outInfo/\">"
                + "<node name=\"0\" path=\"/mainloop/Recorder/outInfo/0/\"><attr key=\"typeIdentifier\" type=\"string\">EVTS</attr>"
                + "<node name=\"info\" path=\"/mainloop/Recorder/outInfo/0/info/\"><attr key=\"sizeX\" type=\"int\">" + e.width()
                + "</attr><attr key=\"sizeY\" type=\"int\">" + e.height() + "</attr></node></node></node></dv>";
        byte[] header = ioHeader(compression, 0, info);
        long tablePosition = 14 + 4 + header.length + body.size();
        header = ioHeader(compression, tablePosition, info);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("#!AER-DAT4.0\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(header.length).array());
        out.writeBytes(header);
        out.writeBytes(body.toByteArray());
        out.writeBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        return out.toByteArray();
    }

    private static byte[] ioHeader(int compression, long tablePosition, String info) {
        FlatBufferBuilder b = new FlatBufferBuilder(256);
        int infoOffset = b.createString(info);
        b.startTable(3);
        b.addLong(1, tablePosition, -1L);
        b.addOffset(2, infoOffset, 0);
        b.addInt(0, compression, 0);
        b.finish(b.endTable());
        return b.sizedByteArray();
    }

    private static void packet(ByteArrayOutputStream out, int stream, byte[] payload) {
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(stream).putInt(payload.length).array());
        out.writeBytes(payload);
    }

    /** A size-prefixed EventPacket FlatBuffer: a vector of Event structs (int64 t, int16 x, int16 y, bool on, 3 pad). */
    static byte[] eventPacket(Events e, int from, int to) {
        FlatBufferBuilder b = new FlatBufferBuilder(64 + 16 * (to - from));
        b.startVector(16, to - from, 8);
        for (int i = to - 1; i >= from; i--) {
            b.prep(8, 16);
            b.pad(3);
            b.putBoolean(e.polarity(i) == 1);
            b.putShort((short) e.y(i));
            b.putShort((short) e.x(i));
            b.putLong(e.timeUs(i));
        }
        int vector = b.endVector();
        b.startTable(1);
        b.addOffset(0, vector, 0);
        b.finishSizePrefixed(b.endTable(), "EVTS");
        return b.sizedByteArray();
    }

    private static byte[] otherPacket() {
        FlatBufferBuilder b = new FlatBufferBuilder(64);
        b.startTable(1);
        b.addInt(0, 42, 0);
        b.finishSizePrefixed(b.endTable(), "IMUS");
        return b.sizedByteArray();
    }

    static byte[] compress(byte[] raw, int compression) {
        if (compression == 0) return raw;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream c = compression <= 2
                ? new FramedLZ4CompressorOutputStream(out, new FramedLZ4CompressorOutputStream.Parameters(BlockSize.K64, true, false, true))
                : new ZstdOutputStream(out)) {
            c.write(raw);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }
}
