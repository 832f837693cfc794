package org.snn4j.interop;

import java.util.List;
import java.util.Map;
import org.snn4j.tensor.Tensor;

/**
 * The part of an ONNX {@code ModelProto} that snn4j reads: the main graph's nodes (in topological
 * order, as the format requires), its initializers (every numeric type decoded to float32), the
 * graph inputs that are not initializers, and the graph outputs.
 *
 * @param source names the file in errors
 */
record OnnxGraph(String source, List<Node> nodes, Map<String, Tensor> initializers, List<Value> inputs,
                 List<String> outputs) {
    /** A {@code NodeProto}: operator, input and output value names, attributes by name. */
    record Node(String name, String opType, List<String> inputs, List<String> outputs, Map<String, Attribute> attributes) {
        /** "Conv node 'conv1'" (or the first output's name when the node has none), for messages. */
        String describe() {
            return opType + " node '" + (name.isEmpty() ? outputs.isEmpty() ? "?" : outputs.getFirst() : name) + "'";
        }

        long integer(String attribute, long fallback) {
            Attribute a = attributes.get(attribute);
            return a == null ? fallback : a.i();
        }

        float real(String attribute, float fallback) {
            Attribute a = attributes.get(attribute);
            return a == null ? fallback : a.f();
        }

        /** An INTS attribute, or {@code fallback} when absent. */
        long[] integers(String attribute, long[] fallback) {
            Attribute a = attributes.get(attribute);
            return a == null ? fallback : a.ints();
        }

        /** The {@code i}-th input, or "" when the node has fewer (ONNX's "optional input omitted"). */
        String input(int i) {
            return i < inputs.size() ? inputs.get(i) : "";
        }
    }

    /** An {@code AttributeProto}: the fields of the types snn4j reads (FLOAT, INT, STRING, TENSOR, FLOATS, INTS). */
    record Attribute(String name, float f, long i, String s, Tensor t, float[] floats, long[] ints) {}

    /** A graph input: its name and shape ({@code -1} for a symbolic dimension such as the batch). */
    record Value(String name, long[] shape) {}
}
