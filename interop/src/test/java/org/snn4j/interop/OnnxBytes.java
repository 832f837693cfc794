package org.snn4j.interop;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ONNX models field by field (the onnx.proto numbers {@link OnnxReader} reads), so tests
 * can make graphs PyTorch would not export: unsupported shapes, bad attributes.
 */
final class OnnxBytes {
    private final List<byte[]> nodes = new ArrayList<>(), initializers = new ArrayList<>(), inputs = new ArrayList<>(),
            outputs = new ArrayList<>();

    /** A node attribute: writes itself into an AttributeProto. */
    interface Attr {
        void write(CodedOutputStream out) throws IOException;
    }

    static Attr integer(String name, long v) {
        return out -> {
            out.writeString(1, name);
            out.writeInt64(3, v);
            out.writeInt32(20, 2);
        };
    }

    static Attr real(String name, float v) {
        return out -> {
            out.writeString(1, name);
            out.writeFloat(2, v);
            out.writeInt32(20, 1);
        };
    }

    static Attr integers(String name, long... v) {
        return out -> {
            out.writeString(1, name);
            for (long x : v) out.writeInt64(8, x);
            out.writeInt32(20, 7);
        };
    }

    /** A graph input {@code [dims]}; a dimension of -1 is symbolic ("n"). */
    OnnxBytes input(String name, long... dims) {
        inputs.add(value(name, dims));
        return this;
    }

    OnnxBytes output(String name) {
        outputs.add(value(name));
        return this;
    }

    /** A FLOAT initializer in float_data (packed). */
    OnnxBytes initializer(String name, float[] values, long... dims) {
        initializers.add(message(out -> {
            for (long d : dims) out.writeInt64(1, d);
            out.writeInt32(2, 1);
            out.writeTag(4, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(4 * values.length);
            for (float v : values) out.writeFloatNoTag(v);
            out.writeString(8, name);
        }));
        return this;
    }

    OnnxBytes node(String op, List<String> in, List<String> out, Attr... attributes) {
        nodes.add(message(o -> {
            for (String s : in) o.writeString(1, s);
            for (String s : out) o.writeString(2, s);
            o.writeString(3, op.toLowerCase(java.util.Locale.ROOT) + nodes.size());
            o.writeString(4, op);
            for (Attr a : attributes) o.writeByteArray(5, message(a::write));
        }));
        return this;
    }

    byte[] build() {
        byte[] graph = message(out -> {
            for (byte[] n : nodes) out.writeByteArray(1, n);
            out.writeString(2, "test");
            for (byte[] t : initializers) out.writeByteArray(5, t);
            for (byte[] v : inputs) out.writeByteArray(11, v);
            for (byte[] v : outputs) out.writeByteArray(12, v);
        });
        return message(out -> {
            out.writeInt64(1, 8);
            out.writeByteArray(7, graph);
        });
    }

    private static byte[] value(String name, long... dims) {
        byte[] shape = message(out -> {
            for (long d : dims) {
                out.writeByteArray(1, message(dim -> {
                    if (d >= 0) dim.writeInt64(1, d);
                    else dim.writeString(2, "n");
                }));
            }
        });
        byte[] tensorType = message(out -> {
            out.writeInt32(1, 1);
            out.writeByteArray(2, shape);
        });
        return message(out -> {
            out.writeString(1, name);
            out.writeByteArray(2, message(type -> type.writeByteArray(1, tensorType)));
        });
    }

    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
