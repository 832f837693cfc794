package org.snn4j.interop;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.io.FileFormatException;
import org.snn4j.io.FiniteValues;
import org.snn4j.tensor.Tensor;

/**
 * Typed, validating reads of the datasets in a NIR file's HDF5 groups (strings, numeric arrays,
 * per-layer scalars, window sizes, the edge list). Every error names the file, the node and the
 * parameter ({@code where}, e.g. "LIF node 'lif1'").
 */
final class NirFields {
    private final String source;

    NirFields(String source) {
        this.source = source;
    }

    /** The file these fields are read from, as errors name it. */
    String source() {
        return source;
    }

    Map<String, List<String>> edges(Group graph) {
        if (!(graph.getChild("edges") instanceof Dataset d)) throw error("not a NIR file: no dataset 'node/edges'");
        Object data = d.getData();
        List<String> flat = new ArrayList<>();
        if (data instanceof String[][] pairs) {
            for (String[] p : pairs) flat.addAll(Arrays.asList(p));
        } else if (data instanceof String[] list) {
            flat.addAll(Arrays.asList(list));
        } else {
            throw error("node/edges is not an array of node-name pairs");
        }
        if (flat.size() % 2 != 0) throw error("node/edges has an odd number of names");
        Map<String, List<String>> next = new HashMap<>();
        for (int i = 0; i < flat.size(); i += 2) next.computeIfAbsent(flat.get(i), k -> new ArrayList<>()).add(flat.get(i + 1));
        return next;
    }

    String metadata(Group node, String key, String fallback) {
        if (!(node.getChild("metadata") instanceof Group meta) || meta.getChild(key) == null) return fallback;
        return string(meta, key);
    }

    Group group(Group parent, String child, String problem) {
        if (parent.getChild(child) instanceof Group g) return g;
        throw error(problem);
    }

    String string(Group g, String child) {
        if (!(g.getChild(child) instanceof Dataset d)) throw error("'" + g.getPath() + child + "' is missing");
        Object data = d.getData();
        if (data instanceof String s) return s;
        if (data instanceof String[] a && a.length == 1) return a[0];
        throw error("'" + g.getPath() + child + "' is not a string");
    }

    float[] numbers(Group g, String child, String where) {
        if (!(g.getChild(child) instanceof Dataset d)) throw error(where + ": parameter '" + child + "' is missing");
        float[] v = Hdf5Arrays.flatten(d.getData());
        if (v == null || v.length == 0) throw error(where + ": parameter '" + child + "' is not numeric");
        FiniteValues.require(source, where + ": parameter '" + child + "'", v);
        return v;
    }

    Tensor tensor(Group g, String child, String where) {
        float[] v = numbers(g, child, where);
        int[] dims = ((Dataset) g.getChild(child)).getDimensions();
        return new Tensor(v, dims);
    }

    Tensor vector(Group g, String child, String where, int length) {
        float[] v = numbers(g, child, where);
        if (v.length != length) throw error(where + ": '" + child + "' has " + v.length + " values, expected " + length);
        return new Tensor(v, length);
    }

    /** A neuron parameter that must be the same for every neuron of the layer. */
    double uniform(Group g, String child, String where) {
        float[] v = numbers(g, child, where);
        for (float x : v) if (x != v[0]) throw error(where + ": '" + child + "' differs between neurons (snn4j has one value per layer)");
        return v[0];
    }

    /**
     * A 2-D window parameter (one value, or two equal values for height and width) of at least
     * {@code min}: 0 for a padding, 1 for a kernel size or a stride (a stride of 0 would divide by zero).
     */
    int pair(Group g, String child, String where, int fallback, int min) {
        if (g.getChild(child) == null && fallback >= 0) return fallback;
        float[] v = numbers(g, child, where);
        if (v.length > 2 || v.length == 2 && v[0] != v[1] || v[0] != Math.rint(v[0]) || v[0] < 0 || v[0] > Integer.MAX_VALUE) {
            throw error(where + ": '" + child + "' " + Arrays.toString(v) + " (one non-negative integer, or equal height and width)");
        }
        if (v[0] < min) throw error(where + ": '" + child + "' must be >= " + min + ", was " + (long) v[0]);
        return (int) v[0];
    }

    /**
     * The output size of a window of {@code kernel} moved by {@code stride} over {@code in} values padded
     * by {@code pad} on each side, computed in long.
     *
     * @throws FileFormatException when the window does not fit or the size exceeds 2^31-1
     */
    int windowOutput(String where, int in, int kernel, int stride, int pad) {
        long out = ((long) in + 2L * pad - kernel) / stride + 1;
        if ((long) in + 2L * pad < kernel) throw error(where + ": kernel " + kernel + " does not fit input size " + in + " padded by " + pad);
        if (out > Integer.MAX_VALUE) throw error(where + ": output size " + out + " exceeds 2^31-1");
        return (int) out;
    }

    /**
     * The number of values of a sample of {@code shape}, computed in long.
     *
     * @throws FileFormatException naming {@code where} when it exceeds 2^31-1
     */
    int volume(String where, int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;  // each d < 2^31 and n <= 2^31-1 before the product: no long overflow
            if (n > Integer.MAX_VALUE) {
                throw error(where + ": shape " + Arrays.toString(shape) + " holds more than 2^31-1 values per sample");
            }
        }
        return (int) n;
    }

    int number(Group g, String child, int fallback) {
        return g.getChild(child) == null ? fallback : (int) numbers(g, child, "'" + g.getPath() + "'")[0];
    }

    /** The Input node's shape: positive sizes holding at most 2^31-1 values in all. */
    int[] ints(Group g, String child) {
        float[] v = numbers(g, child, "Input node");
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 1 || v[i] != Math.rint(v[i]) || v[i] > Integer.MAX_VALUE) {
                throw error("Input node: shape " + Arrays.toString(v) + " is not a list of positive sizes below 2^31");
            }
            r[i] = (int) v[i];
        }
        volume("Input node", r);
        return r;
    }

    private FileFormatException error(String problem) {
        return new FileFormatException(source, problem);
    }
}
