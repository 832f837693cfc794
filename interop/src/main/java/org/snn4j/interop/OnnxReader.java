package org.snn4j.interop;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.io.FileFormatException;
import org.snn4j.tensor.Tensor;

/**
 * Reads an ONNX model from the protobuf wire format with {@link CodedInputStream}, field by field, no
 * generated classes. Field numbers are those of onnx.proto: ModelProto.graph = 7; GraphProto node = 1,
 * initializer = 5, input = 11, output = 12; NodeProto input = 1, output = 2, name = 3, op_type = 4,
 * attribute = 5; AttributeProto name = 1, f = 2, i = 3, s = 4, t = 5, floats = 7, ints = 8;
 * TensorProto dims = 1, data_type = 2, float_data = 4, int32_data = 5, int64_data = 7, name = 8,
 * raw_data = 9, double_data = 10, external_data = 13, data_location = 14; ValueInfoProto name = 1,
 * type = 2; TypeProto tensor_type = 1; TypeProto.Tensor shape = 2; TensorShapeProto dim = 1;
 * Dimension dim_value = 1. Everything else is skipped.
 */
final class OnnxReader {
    private static final int FLOAT = 1, INT32 = 6, INT64 = 7, DOUBLE = 11;

    private final String source;

    private OnnxReader(String source) {
        this.source = source;
    }

    /**
     * Reads {@code file}.
     *
     * @throws FileFormatException when the file cannot be read, is not a protobuf, has no graph, or
     *                             holds tensors snn4j cannot decode
     */
    static OnnxGraph read(Path file) {
        return read(FileFormatException.readAll(file), file.toString());
    }

    /** Parses ONNX bytes; {@code source} names them in errors. */
    static OnnxGraph read(byte[] bytes, String source) {
        OnnxReader r = new OnnxReader(source);
        try {
            byte[] graph = null;
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            for (int tag; (tag = in.readTag()) != 0; ) {
                if (field(tag) == 7) graph = in.readByteArray();
                else in.skipField(tag);
            }
            if (graph == null) throw new FileFormatException(source, "not an ONNX model: no graph (ModelProto field 7)");
            return r.graph(graph);
        } catch (InvalidProtocolBufferException e) {
            throw new FileFormatException(source, "not an ONNX model: the protobuf does not parse (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new FileFormatException(source, "cannot read the protobuf: " + e.getMessage(), e);
        }
    }

    private static int field(int tag) {
        return WireFormat.getTagFieldNumber(tag);
    }

    private OnnxGraph graph(byte[] bytes) throws IOException {
        List<OnnxGraph.Node> nodes = new ArrayList<>();
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        List<OnnxGraph.Value> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (field(tag)) {
                case 1 -> nodes.add(node(in.readByteArray()));
                case 5 -> {
                    NamedTensor t = tensor(in.readByteArray());
                    initializers.put(t.name(), t.tensor());
                }
                case 11 -> inputs.add(value(in.readByteArray()));
                case 12 -> outputs.add(value(in.readByteArray()).name());
                default -> in.skipField(tag);
            }
        }
        if (nodes.isEmpty()) throw new FileFormatException(source, "not an ONNX model: the graph has no nodes");
        if (outputs.isEmpty()) throw new FileFormatException(source, "not an ONNX model: the graph has no output");
        inputs.removeIf(v -> initializers.containsKey(v.name()));
        return new OnnxGraph(source, List.copyOf(nodes), initializers, List.copyOf(inputs), List.copyOf(outputs));
    }

    private OnnxGraph.Node node(byte[] bytes) throws IOException {
        List<String> inputs = new ArrayList<>(), outputs = new ArrayList<>();
        Map<String, OnnxGraph.Attribute> attributes = new LinkedHashMap<>();
        String name = "", op = "";
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (field(tag)) {
                case 1 -> inputs.add(in.readStringRequireUtf8());
                case 2 -> outputs.add(in.readStringRequireUtf8());
                case 3 -> name = in.readStringRequireUtf8();
                case 4 -> op = in.readStringRequireUtf8();
                case 5 -> {
                    OnnxGraph.Attribute a = attribute(in.readByteArray());
                    attributes.put(a.name(), a);
                }
                default -> in.skipField(tag);
            }
        }
        if (op.isEmpty()) throw new FileFormatException(source, "node '" + name + "' has no op_type");
        // the importer follows each node's first output; ONNX requires at least one (found by OnnxImporterFuzzTest)
        if (outputs.isEmpty()) throw new FileFormatException(source, op + " node '" + name + "' has no output");
        return new OnnxGraph.Node(name, op, List.copyOf(inputs), List.copyOf(outputs), attributes);
    }

    private OnnxGraph.Attribute attribute(byte[] bytes) throws IOException {
        String name = "", s = null;
        float f = 0;
        long i = 0;
        Tensor t = null;
        List<Float> floats = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (field(tag)) {
                case 1 -> name = in.readStringRequireUtf8();
                case 2 -> f = in.readFloat();
                case 3 -> i = in.readInt64();
                case 4 -> s = new String(in.readByteArray(), StandardCharsets.UTF_8);
                case 5 -> t = tensor(in.readByteArray()).tensor();
                case 7 -> readRepeated(in, tag, () -> floats.add(in.readFloat()));
                case 8 -> readRepeated(in, tag, () -> ints.add(in.readInt64()));
                default -> in.skipField(tag);
            }
        }
        float[] fs = new float[floats.size()];
        for (int k = 0; k < fs.length; k++) fs[k] = floats.get(k);
        return new OnnxGraph.Attribute(name, f, i, s, t, fs, ints.stream().mapToLong(Long::longValue).toArray());
    }

    /** A repeated scalar field, packed (one length-delimited record) or not (one tag per element). */
    private static void readRepeated(CodedInputStream in, int tag, IoAction readOne) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) readOne.run();
            in.popLimit(limit);
        } else {
            readOne.run();
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    private record NamedTensor(String name, Tensor tensor) {}

    private NamedTensor tensor(byte[] bytes) throws IOException {
        List<Long> dims = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        int type = 0;
        String name = "";
        byte[] raw = null;
        boolean external = false;
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (field(tag)) {
                case 1 -> readRepeated(in, tag, () -> dims.add(in.readInt64()));
                case 2 -> type = in.readInt32();
                case 4 -> readRepeated(in, tag, () -> values.add((double) in.readFloat()));
                case 5 -> readRepeated(in, tag, () -> values.add((double) in.readInt32()));
                case 7 -> readRepeated(in, tag, () -> values.add((double) in.readInt64()));
                case 8 -> name = in.readStringRequireUtf8();
                case 9 -> raw = in.readByteArray();
                case 10 -> readRepeated(in, tag, () -> values.add(in.readDouble()));
                case 13 -> {
                    external = true;
                    in.skipField(tag);
                }
                case 14 -> external |= in.readInt32() == 1;
                default -> in.skipField(tag);
            }
        }
        if (external) throw new FileFormatException(source, "tensor '" + name + "' keeps its data in an external file (not supported)");
        int[] shape = new int[dims.size()];
        long count = 1;
        for (int k = 0; k < shape.length; k++) {
            long d = dims.get(k);
            if (d < 0 || d > Integer.MAX_VALUE) throw new FileFormatException(source, "tensor '" + name + "' has dimension " + d);
            shape[k] = (int) d;
            count *= d;
            // checked as the product grows, as Tensor does: later dims could wrap a long or hide it behind a 0
            if (count > Integer.MAX_VALUE) {
                throw new FileFormatException(source, "tensor '" + name + "' dims " + dims + " hold more than 2^31-1 elements");
            }
        }
        float[] data = raw != null ? decodeRaw(raw, type, (int) count, name) : fromValues(values, (int) count, type, name);
        return new NamedTensor(name, new Tensor(data, shape));
    }

    private float[] fromValues(List<Double> values, int count, int type, String name) {
        checkType(type, name);
        if (values.size() != count) {
            throw new FileFormatException(source, "tensor '" + name + "' holds " + values.size() + " values, its dims need " + count);
        }
        float[] out = new float[count];
        for (int k = 0; k < count; k++) out[k] = values.get(k).floatValue();
        return out;
    }

    private float[] decodeRaw(byte[] raw, int type, int count, String name) {
        int size = checkType(type, name);
        if ((long) count * size != raw.length) {
            throw new FileFormatException(source, "tensor '" + name + "' has " + raw.length + " bytes of raw_data, its dims and type need "
                    + (long) count * size);
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count];
        for (int k = 0; k < count; k++) {
            out[k] = switch (type) {
                case FLOAT -> b.getFloat(4 * k);
                case DOUBLE -> (float) b.getDouble(8 * k);
                case INT32 -> b.getInt(4 * k);
                default -> b.getLong(8 * k);
            };
        }
        return out;
    }

    /** The element size of a supported data type. */
    private int checkType(int type, String name) {
        return switch (type) {
            case FLOAT, INT32 -> 4;
            case INT64, DOUBLE -> 8;
            default -> throw new FileFormatException(source, "tensor '" + name + "' has ONNX data type " + type
                    + "; snn4j reads FLOAT (1), INT32 (6), INT64 (7) and DOUBLE (11)");
        };
    }

    private OnnxGraph.Value value(byte[] bytes) throws IOException {
        String name = "";
        long[] shape = new long[0];
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (field(tag)) {
                case 1 -> name = in.readStringRequireUtf8();
                case 2 -> shape = shapeOfType(in.readByteArray());
                default -> in.skipField(tag);
            }
        }
        return new OnnxGraph.Value(name, shape);
    }

    /** TypeProto → tensor_type (1) → shape (2) → dim (1) → dim_value (1); a dimension without a value is -1. */
    private static long[] shapeOfType(byte[] typeProto) throws IOException {
        byte[] tensorType = submessage(typeProto, 1);
        byte[] shape = tensorType == null ? null : submessage(tensorType, 2);
        if (shape == null) return new long[0];
        List<Long> dims = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(shape);
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (field(tag) != 1) {
                in.skipField(tag);
                continue;
            }
            long value = -1;
            CodedInputStream dim = CodedInputStream.newInstance(in.readByteArray());
            for (int t; (t = dim.readTag()) != 0; ) {
                if (field(t) == 1) value = dim.readInt64();
                else dim.skipField(t);
            }
            dims.add(value);
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static byte[] submessage(byte[] bytes, int number) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (field(tag) == number) return in.readByteArray();
            in.skipField(tag);
        }
        return null;
    }
}
