package org.snn4j.datasets;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.snn4j.events.Events;

/**
 * Reads the polarity events of an AEDAT 4.0 file, the format of current DV cameras (iniVation's DV
 * software and dv-processing).
 *
 * <p>Layout: the line {@code #!AER-DAT4.0\r\n}; a little-endian int32 length and that many bytes of an
 * {@code IOHeader} FlatBuffer (field 0 {@code compression}: 0 none, 1 LZ4, 2 LZ4 high, 3 Zstd, 4 Zstd high;
 * field 1 {@code dataTablePosition}, an int64, -1 when absent; field 2 {@code infoNode}, the XML description
 * of the streams, whose first {@code sizeX}/{@code sizeY} attributes give the sensor size); then packets up
 * to the data table (or the end of the file), each a little-endian int32 stream id, an int32 size and that
 * many bytes of payload, compressed as the header says (LZ4 frames, linked blocks allowed, or Zstd frames).
 * A payload is a size-prefixed FlatBuffer; those with file identifier {@code EVTS} are {@code EventPacket}
 * tables whose field 0 is a vector of 16-byte {@code Event} structs (int64 timestamp in µs, int16 x, int16
 * y, bool on, 3 bytes of padding). Packets of other types (frames, IMU, triggers) are skipped. The
 * decompressors are pure Java: aircompressor's Zstd and Commons Compress's LZ4 frame decoder.
 */
public final class Aedat4Reader {
    /** The first line of an AEDAT 4.0 file, with its line end. */
    public static final String MAGIC = "#!AER-DAT4.0\r\n";
    /** File identifier of event packets. */
    public static final String EVENT_PACKET_ID = "EVTS";
    /** Bytes of one Event struct. */
    public static final int EVENT_STRUCT_BYTES = 16;
    /** Largest decompressed packet accepted (a guard against decompression bombs). */
    static final int MAX_PACKET_BYTES = 1 << 30;
    static final Pattern SIZE_X = Pattern.compile("key=\"sizeX\"[^>]*>\\s*(\\d{1,6})\\s*<");
    static final Pattern SIZE_Y = Pattern.compile("key=\"sizeY\"[^>]*>\\s*(\\d{1,6})\\s*<");

    private Aedat4Reader() {}

    /** Reads the events of every event stream of the file, in file order. */
    public static Events read(byte[] data, String file) {
        return EventDecoders.decodeAll(new AedatDecoder(file, 0, 0, Aedat2Address.DVS128, "4.0", data.length / 16), data);
    }

    /** As {@link #read(byte[], String)} for a file on disk. */
    public static Events read(Path file) {
        return read(EventFiles.readAll(file), file.toString());
    }

    static int sizeAttribute(Pattern p, String info, String name, String file) {
        Matcher m = p.matcher(info);
        if (!m.find()) throw new DataFormatException(file, "IOHeader infoNode: attribute " + name + " expected, was missing");
        int v = Integer.parseInt(m.group(1));
        if (v < 1 || v > Events.MAX_SIDE) {
            throw new DataFormatException(file, "IOHeader infoNode: " + name + " expected in [1, " + Events.MAX_SIDE + "], was " + v);
        }
        return v;
    }

    /** Packet bytes {@code data[from, from + size)} decompressed; {@code at}, their stream offset, for messages. */
    static byte[] decompress(byte[] data, int from, int size, int compression, String file, long at) {
        if (compression == 0) {
            byte[] raw = new byte[size];
            System.arraycopy(data, from, raw, 0, size);
            return raw;
        }
        InputStream in = new ByteArrayInputStream(data, from, size);
        try (InputStream d = compression <= 2 ? new FramedLZ4CompressorInputStream(in) : new ZstdInputStream(in)) {
            byte[] out = d.readNBytes(MAX_PACKET_BYTES + 1);
            if (out.length > MAX_PACKET_BYTES) {
                throw new DataFormatException(file, "byte " + at + ": decompressed packet expected at most " + MAX_PACKET_BYTES
                        + " bytes, was more");
            }
            return out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFormatException d) throw d;
            throw new DataFormatException(file, "byte " + at + ": packet expected " + (compression <= 2 ? "an LZ4" : "a Zstd")
                    + " frame, was corrupt (" + oneLine(e) + ")", e);
        }
    }

    static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("[\\r\\n]+", " ");
    }

    static DataFormatException truncated(String file, long off, String what, int expected, int actual) {
        return new DataFormatException(file, "byte " + off + ": " + what + " expected " + expected + " bytes, was " + actual);
    }
}
