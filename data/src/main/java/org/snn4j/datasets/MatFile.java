package org.snn4j.datasets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Inflater;

/**
 * Reads the variables of a MATLAB level-5 MAT-file (what {@code save -v6}/{@code -v7} write), as far as
 * numeric arrays need.
 *
 * <p>Layout: a 128-byte header (116 bytes of text, 8 bytes subsystem offset, int16 version 0x0100,
 * two endian characters, {@code "IM"} for little-endian files, {@code "MI"} for big-endian), then
 * tagged data elements. A tag is {@code (int32 type, int32 byte count)} followed by the data padded to
 * 8 bytes, or in the small format one int32 holding {@code count << 16 | type} and up to 4 data bytes.
 * A variable is an {@code miMATRIX} element (type 14) holding sub-elements: array flags (class in the
 * low byte, complex bit 0x800), dimensions (int32s), name (int8 text), real part, optional imaginary
 * part; or an {@code miCOMPRESSED} element (type 15): a zlib stream holding one such element.
 *
 * <p>Uncompressed files are memory-mapped, so a variable's data is read only when asked for.
 */
public final class MatFile {
    static final int MI_INT8 = 1, MI_UINT8 = 2, MI_INT16 = 3, MI_UINT16 = 4, MI_INT32 = 5, MI_UINT32 = 6,
            MI_SINGLE = 7, MI_DOUBLE = 9, MI_INT64 = 12, MI_UINT64 = 13, MI_MATRIX = 14, MI_COMPRESSED = 15;
    static final int MX_DOUBLE = 6, MX_SINGLE = 7, MX_INT8 = 8, MX_UINT8 = 9, MX_UINT64 = 15;

    private MatFile() {}

    /** Reads the variables of {@code file} by name, in file order. */
    public static Map<String, MatArray> read(Path file) {
        String f = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) throw new DataFormatException(f, "larger than 2 GiB (" + size + " bytes)");
            return read(ch.map(FileChannel.MapMode.READ_ONLY, 0, size), f);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(f, "file not found");
        } catch (IOException e) {
            throw new DataFormatException(f, Files.exists(file) ? "read failed: " + e.getMessage() : "file not found", e);
        }
    }

    /** Reads the variables of a MAT-file held in {@code data}; {@code file} names it in messages. */
    public static Map<String, MatArray> read(ByteBuffer data, String file) {
        ByteBuffer b = data.duplicate();
        int limit = b.limit();
        if (limit < 128) throw error(file, "truncated after " + limit + " of 128 header bytes");
        byte[] text = new byte[116];
        b.get(0, text);
        String header = new String(text, StandardCharsets.ISO_8859_1);
        if (header.startsWith("MATLAB 7.3")) {
            throw error(file, "MATLAB v7.3 (HDF5) files are not supported; save with -v7 or -v6");
        }
        char e0 = (char) b.get(126), e1 = (char) b.get(127);
        if (e0 == 'I' && e1 == 'M') b.order(ByteOrder.LITTLE_ENDIAN);
        else if (e0 == 'M' && e1 == 'I') b.order(ByteOrder.BIG_ENDIAN);
        else throw error(file, "not a MAT v5 file (endian indicator at byte 126 is not 'IM' or 'MI')");
        int version = b.getShort(124) & 0xFFFF;
        if (version != 0x0100) throw error(file, String.format("MAT version expected 0x0100, was 0x%04x", version));

        Map<String, MatArray> vars = new LinkedHashMap<>();
        int pos = 128;
        while (pos < limit) {
            if (limit - pos < 8) throw error(file, "truncated after " + limit + " bytes: partial tag at offset " + pos);
            int type = b.getInt(pos);
            if (type >>> 16 != 0) throw error(file, "small data element at top level (offset " + pos + ")");
            long n = b.getInt(pos + 4) & 0xFFFFFFFFL;
            int start = pos + 8;
            if (start + n > limit) {
                throw error(file, "truncated after " + limit + " of " + (start + n) + " bytes (element at offset " + pos + ")");
            }
            ByteBuffer body = b.slice(start, (int) n).order(b.order());
            MatArray a = switch (type) {
                case MI_MATRIX -> matrix(body, file);
                case MI_COMPRESSED -> compressed(body, b.order(), file, pos);
                default -> null; // other top-level elements carry no variable
            };
            if (a != null) vars.put(a.name(), a);
            // compressed elements are not padded; the others end on an 8-byte boundary
            pos = (int) Math.min(limit, type == MI_COMPRESSED ? start + n : start + align8(n));
        }
        return vars;
    }

    private static MatArray compressed(ByteBuffer body, ByteOrder order, String file, int offset) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(body);
            byte[] tag = new byte[8];
            inflateFully(inf, tag, file, offset);
            ByteBuffer t = ByteBuffer.wrap(tag).order(order);
            int type = t.getInt(0);
            long n = t.getInt(4) & 0xFFFFFFFFL;
            if (type != MI_MATRIX) throw error(file, "compressed element at offset " + offset + " holds type " + type + ", not miMATRIX");
            if (n > Integer.MAX_VALUE - 16) throw error(file, "compressed element at offset " + offset + " too large (" + n + " bytes)");
            return matrix(ByteBuffer.wrap(inflateDeclared(inf, (int) n, file, offset)).order(order), file);
        } finally {
            inf.end();
        }
    }

    /**
     * Inflates the {@code n} bytes the element's tag declares, growing the buffer as bytes arrive (from
     * 1 MiB, doubling), so a tag declaring gigabytes over a few bytes of zlib data allocates little.
     */
    private static byte[] inflateDeclared(Inflater inf, int n, String file, int offset) {
        byte[] out = new byte[Math.min(n, 1 << 20)];
        int done = 0;
        while (true) {
            done += inflateInto(inf, out, done, file, offset);
            if (done < out.length || done == n) break;
            out = Arrays.copyOf(out, (int) Math.min(n, 2L * out.length));
        }
        if (done < n) {
            throw error(file, "compressed element at offset " + offset + " truncated after " + done + " of " + n + " bytes");
        }
        return out;
    }

    private static void inflateFully(Inflater inf, byte[] out, String file, int offset) {
        int done = inflateInto(inf, out, 0, file, offset);
        if (done < out.length) {
            throw error(file, "compressed element at offset " + offset + " truncated after " + done + " of "
                    + out.length + " bytes");
        }
    }

    /** Inflates into {@code out[from..]} until it is full or the zlib data ends; returns the new fill level. */
    private static int inflateInto(Inflater inf, byte[] out, int from, String file, int offset) {
        int done = from;
        try {
            while (done < out.length) {
                int r = inf.inflate(out, done, out.length - done);
                done += r;
                if (r == 0 && (inf.finished() || inf.needsInput() || inf.needsDictionary())) break;
            }
        } catch (java.util.zip.DataFormatException e) {
            throw error(file, "corrupt zlib data in element at offset " + offset + ": " + e.getMessage());
        }
        return done;
    }

    /** Parses the sub-elements of an miMATRIX body. */
    private static MatArray matrix(ByteBuffer m, String file) {
        int[] cursor = {0};
        Element flags = element(m, cursor, file, "array flags");
        if (flags.type != MI_UINT32 || flags.length != 8) throw error(file, "matrix without array flags");
        int flagWord = m.getInt(flags.start);
        int mxClass = flagWord & 0xFF;
        boolean complex = (flagWord & 0x800) != 0;
        Element dimsEl = element(m, cursor, file, "dimensions");
        if (dimsEl.type != MI_INT32 || dimsEl.length % 4 != 0 || dimsEl.length < 8) {
            throw error(file, "matrix dimensions element has type " + dimsEl.type + " and " + dimsEl.length + " bytes");
        }
        int[] dims = new int[dimsEl.length / 4];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = m.getInt(dimsEl.start + 4 * i);
            if (dims[i] < 0) throw error(file, "negative dimension in " + Arrays.toString(dims));
        }
        Element nameEl = element(m, cursor, file, "array name");
        byte[] nameBytes = new byte[nameEl.length];
        m.get(nameEl.start, nameBytes);
        String name = new String(nameBytes, StandardCharsets.US_ASCII);
        boolean numeric = mxClass >= MX_DOUBLE && mxClass <= MX_UINT64;
        if (!numeric || complex) {
            String why = complex ? "is complex; only real arrays are supported"
                    : "is a " + className(mxClass) + " array, not numeric";
            return new MatArray(file, name, mxClass, dims, null, 0, why);
        }
        Element re = element(m, cursor, file, "real part of '" + name + "'");
        int width = width(re.type);
        if (width == 0) throw error(file, "variable '" + name + "': unsupported storage type " + re.type);
        long count = 1;
        for (int d : dims) {
            count *= d;
            if (count > Integer.MAX_VALUE) throw error(file, "variable '" + name + "': dims " + Arrays.toString(dims) + " exceed 2^31 values");
        }
        if ((long) re.length != count * width) {
            throw error(file, "variable '" + name + "': real part holds " + re.length / width + " values, dims "
                    + Arrays.toString(dims) + " need " + count);
        }
        return new MatArray(file, name, mxClass, dims, m.slice(re.start, re.length).order(m.order()), re.type, null);
    }

    private record Element(int type, int start, int length) {}

    /** Reads the tag at {@code cursor[0]} (normal or small format) and advances past the padded data. */
    private static Element element(ByteBuffer m, int[] cursor, String file, String what) {
        int pos = cursor[0];
        if (m.limit() - pos < 8) throw error(file, "truncated matrix: no " + what + " element");
        int w = m.getInt(pos);
        if (w >>> 16 != 0) {
            int n = w >>> 16;
            if (n > 4) throw error(file, "small element with " + n + " bytes in " + what);
            cursor[0] = pos + 8;
            return new Element(w & 0xFFFF, pos + 4, n);
        }
        long n = m.getInt(pos + 4) & 0xFFFFFFFFL;
        if (pos + 8 + n > m.limit()) {
            throw error(file, "truncated " + what + ": element needs " + n + " bytes, " + (m.limit() - pos - 8) + " remain");
        }
        cursor[0] = (int) Math.min(m.limit(), pos + 8 + align8(n));
        return new Element(w, pos + 8, (int) n);
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }

    private static int width(int type) {
        return switch (type) {
            case MI_INT8, MI_UINT8 -> 1;
            case MI_INT16, MI_UINT16 -> 2;
            case MI_INT32, MI_UINT32, MI_SINGLE -> 4;
            case MI_DOUBLE, MI_INT64, MI_UINT64 -> 8;
            default -> 0;
        };
    }

    static String className(int mxClass) {
        return switch (mxClass) {
            case 1 -> "cell";
            case 2 -> "struct";
            case 3 -> "object";
            case 4 -> "char";
            case 5 -> "sparse";
            case 6 -> "double";
            case 7 -> "single";
            case 8 -> "int8";
            case 9 -> "uint8";
            case 10 -> "int16";
            case 11 -> "uint16";
            case 12 -> "int32";
            case 13 -> "uint32";
            case 14 -> "int64";
            case 15 -> "uint64";
            default -> "class " + mxClass;
        };
    }

    private static DataFormatException error(String file, String problem) {
        return new DataFormatException(file, problem);
    }
}
