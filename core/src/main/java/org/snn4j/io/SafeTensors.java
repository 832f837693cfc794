package org.snn4j.io;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.tensor.Tensor;

/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes of UTF-8 JSON mapping each
 * tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets relative to the
 * data section) plus an optional {@code "__metadata__"} object of strings, then the raw little-endian
 * data. snn4j writes F32; it reads every dtype of the format (F64, F32, F16, BF16, the 8-bit floats
 * F8_E4M3 and F8_E5M2, I64, I32, I16, I8, U64, U32, U16, U8, BOOL) into float32, in any tensor order
 * (the Python library writes {@code __metadata__} first, then the tensors sorted by descending dtype
 * size and name, compact JSON padded with spaces to a multiple of 8 bytes).
 * Reading validates every field and the byte ranges (in bounds, sized as the shape says, no overlap,
 * no gap) and reports the first problem as a {@link FileFormatException}.
 */
public final class SafeTensors {
    private static final long MAX_HEADER = 100L << 20;

    private SafeTensors() {}

    /** Tensors in file order and the string metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    /** Writes tensors (in the map's order) and metadata as safetensors. */
    public static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        JsonObject header = new JsonObject();
        if (metadata != null && !metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (var e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) throw new IllegalArgumentException("reserved tensor name __metadata__");
            JsonObject t = new JsonObject();
            t.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (int d : e.getValue().shape()) shape.add(d);
            t.add("shape", shape);
            JsonArray offsets = new JsonArray();
            long bytes = 4L * e.getValue().size();
            offsets.add(offset);
            offsets.add(offset + bytes);
            t.add("data_offsets", offsets);
            header.add(e.getKey(), t);
            offset += bytes;
        }
        byte[] json = new Gson().toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) & ~7;  // pad with spaces so the data section is 8-byte aligned
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        out.write(len.array());
        out.write(json);
        for (int i = json.length; i < padded; i++) out.write(' ');
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors.values()) {
            Float32Bytes.stream(t.data(), buf, bytes -> out.write(bytes.array(), 0, bytes.limit()));
        }
    }

    /** Atomically writes a safetensors file. */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        AtomicFile.write(file, out -> write(out, tensors, metadata));
    }

    /** Reads a safetensors file. */
    public static Contents load(Path file) {
        return read(FileFormatException.readAll(file), file.toString());
    }

    /** Reads safetensors from a stream, to its end (not closed); {@code source} names it in error messages. */
    public static Contents read(java.io.InputStream in, String source) {
        return read(FileFormatException.readAll(in, source), source);
    }

    /** Parses safetensors bytes; {@code source} names the file in error messages. */
    public static Contents read(byte[] bytes, String source) {
        if (bytes.length < 8) throw new FileFormatException(source, "too short for a safetensors header (" + bytes.length + " bytes)");
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = bb.getLong(0);
        if (headerLength < 2 || headerLength > MAX_HEADER) {
            throw new FileFormatException(source, "header length " + Long.toUnsignedString(headerLength) + " is not plausible");
        }
        if (8 + headerLength > bytes.length) {
            throw new FileFormatException(source, "header length " + headerLength + " exceeds the file size " + bytes.length
                    + " (truncated file?)");
        }
        JsonObject header;
        try {
            JsonElement parsed = JsonParser.parseString(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) throw new FileFormatException(source, "header is not a JSON object");
            header = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new FileFormatException(source, "header is not valid JSON", e);
        }
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.length - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<long[]> ranges = new ArrayList<>();
        for (var e : header.entrySet()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                readMetadata(e.getValue(), metadata, source);
                continue;
            }
            if (!e.getValue().isJsonObject()) throw new FileFormatException(source, "tensor '" + name + "' entry is not an object");
            JsonObject t = e.getValue().getAsJsonObject();
            DType dtype = DType.parse(string(t, "dtype", name, source), name, source);
            int[] shape = shape(t, name, source);
            long[] off = offsets(t, name, source);
            long count = 1;
            for (int d : shape) {
                count *= d;
                if (count > Integer.MAX_VALUE) {
                    throw new FileFormatException(source, "tensor '" + name + "' shape " + java.util.Arrays.toString(shape)
                            + " holds more than 2^31-1 values");
                }
            }
            if (off[1] < off[0] || off[1] > dataLength) {
                throw new FileFormatException(source, "tensor '" + name + "' data_offsets [" + off[0] + ", " + off[1]
                        + "] outside the data section of " + dataLength + " bytes" + (off[1] > dataLength ? " (truncated file?)" : ""));
            }
            if (off[1] - off[0] != count * dtype.size) {
                throw new FileFormatException(source, "tensor '" + name + "' has " + (off[1] - off[0]) + " bytes, shape and "
                        + dtype + " need " + count * dtype.size);
            }
            ranges.add(new long[] {off[0], off[1]});
            tensors.put(name, new Tensor(dtype.decode(bb, dataStart + (int) off[0], (int) count), shape));
        }
        checkCoverage(ranges, dataLength, source);
        return new Contents(tensors, metadata);
    }

    private static void readMetadata(JsonElement v, Map<String, String> metadata, String source) {
        if (!v.isJsonObject()) throw new FileFormatException(source, "__metadata__ is not an object");
        for (var m : v.getAsJsonObject().entrySet()) {
            if (!m.getValue().isJsonPrimitive() || !m.getValue().getAsJsonPrimitive().isString()) {
                throw new FileFormatException(source, "__metadata__ value '" + m.getKey() + "' is not a string");
            }
            metadata.put(m.getKey(), m.getValue().getAsString());
        }
    }

    private static void checkCoverage(List<long[]> ranges, long dataLength, String source) {
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        long end = 0;
        for (long[] r : ranges) {
            if (r[0] < end) throw new FileFormatException(source, "tensor byte ranges overlap at offset " + r[0]);
            if (r[0] > end) throw new FileFormatException(source, "gap in the data section at offset " + end);
            end = r[1];
        }
        if (end != dataLength) {
            throw new FileFormatException(source, "data section has " + dataLength + " bytes, tensors cover " + end);
        }
    }

    private static String string(JsonObject t, String field, String name, String source) {
        JsonElement v = t.get(field);
        if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw new FileFormatException(source, "tensor '" + name + "' lacks a string '" + field + "'");
        }
        return v.getAsString();
    }

    private static int[] shape(JsonObject t, String name, String source) {
        JsonElement v = t.get("shape");
        if (v == null || !v.isJsonArray()) throw new FileFormatException(source, "tensor '" + name + "' lacks a 'shape' array");
        JsonArray a = v.getAsJsonArray();
        int[] shape = new int[a.size()];
        for (int i = 0; i < shape.length; i++) {
            long d = integer(a.get(i), "shape", name, source);
            if (d < 0 || d > Integer.MAX_VALUE) throw new FileFormatException(source, "tensor '" + name + "' has dimension " + d);
            shape[i] = (int) d;
        }
        return shape;
    }

    private static long[] offsets(JsonObject t, String name, String source) {
        JsonElement v = t.get("data_offsets");
        if (v == null || !v.isJsonArray() || v.getAsJsonArray().size() != 2) {
            throw new FileFormatException(source, "tensor '" + name + "' lacks 'data_offsets' [begin, end]");
        }
        JsonArray a = v.getAsJsonArray();
        return new long[] {integer(a.get(0), "data_offsets", name, source), integer(a.get(1), "data_offsets", name, source)};
    }

    private static long integer(JsonElement e, String field, String name, String source) {
        try {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                return e.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException ignored) {
            // falls through to the error below (Gson refuses numbers with huge exponents)
        }
        throw new FileFormatException(source, "tensor '" + name + "' field '" + field + "' holds " + e + ", not an integer");
    }

    /** Element types of the format, with their sizes and decoders to float32. */
    private enum DType {
        F64(8), F32(4), F16(2), BF16(2), F8_E4M3(1), F8_E5M2(1), I64(8), I32(4), I16(2), I8(1), U64(8), U32(4), U16(2),
        U8(1), BOOL(1);

        final int size;

        DType(int size) {
            this.size = size;
        }

        static DType parse(String s, String name, String source) {
            for (DType d : values()) if (d.name().equals(s)) return d;
            throw new FileFormatException(source, "tensor '" + name + "' has unsupported dtype '" + s + "' (valid: "
                    + String.join(", ", java.util.Arrays.stream(values()).map(Enum::name).toList()) + ")");
        }

        float[] decode(ByteBuffer bb, int at, int count) {
            float[] out = new float[count];
            for (int i = 0; i < count; i++) {
                int p = at + i * size;
                out[i] = switch (this) {
                    case F32 -> bb.getFloat(p);
                    case F64 -> (float) bb.getDouble(p);
                    case F16 -> Float.float16ToFloat(bb.getShort(p));
                    case BF16 -> Float.intBitsToFloat((bb.getShort(p) & 0xffff) << 16);
                    case I64 -> bb.getLong(p);
                    case I32 -> bb.getInt(p);
                    case I16 -> bb.getShort(p);
                    case F8_E4M3 -> e4m3(bb.get(p));
                    case F8_E5M2 -> Float.float16ToFloat((short) (bb.get(p) << 8));
                    case I8 -> bb.get(p);
                    case U64 -> unsignedLong(bb.getLong(p));
                    case U32 -> bb.getInt(p) & 0xffffffffL;
                    case U16 -> bb.getShort(p) & 0xffff;
                    case U8, BOOL -> bb.get(p) & 0xff;
                };
            }
            return out;
        }

        /** 8-bit float, 4 exponent bits (bias 7), 3 mantissa bits, no infinities, S.1111.111 is NaN (OCP "E4M3FN"). */
        private static float e4m3(byte b) {
            int exponent = (b >> 3) & 0xf, mantissa = b & 0x7;
            float sign = b < 0 ? -1f : 1f;
            if (exponent == 0xf && mantissa == 0x7) return Float.NaN;
            if (exponent == 0) return sign * Math.scalb(mantissa / 8f, -6);
            return sign * Math.scalb(1 + mantissa / 8f, exponent - 7);
        }

        private static float unsignedLong(long v) {
            return v >= 0 ? v : (float) ((v >>> 1) * 2.0 + (v & 1));
        }
    }
}
