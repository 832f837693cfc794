package org.snn4j.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.snn4j.io.FileFormatException;
import org.snn4j.model.AnnActivation;
import org.snn4j.model.LayerSpec;
import org.snn4j.tensor.Tensor;

/**
 * One path of an imported ONNX graph as spec layers: translates operators one at a time into spec
 * entries and weight groups while tracking the per-sample shape {@code [C, H, W]} or {@code [F]}.
 *
 * <p>Conv (square kernel, equal strides, symmetric pads, no dilation or groups) → {@code conv};
 * BatchNormalization → {@code batchnorm} (momentum 1 − ONNX momentum); Relu and Clip(0, λ) →
 * {@code spike}; AveragePool / MaxPool (square, no ceil mode) → {@code avgpool} / {@code maxpool},
 * a zero Pad before AveragePool becomes its padding; GlobalAveragePool → {@code globalavgpool};
 * Flatten (axis 1) and Reshape to {@code [N, features]} → {@code flatten}; Gemm (alpha, beta,
 * transB honoured) and MatMul (+ the Add of a bias) → {@code linear} with bias; Identity and Dropout
 * vanish.
 */
final class OnnxLayers {
    static final String SUPPORTED = "Conv, Gemm, MatMul (+ Add of a bias), Relu, Clip, BatchNormalization, AveragePool, "
            + "MaxPool, GlobalAveragePool, Flatten, Reshape, Add (residual), Pad (before AveragePool), Identity, Dropout";

    private final String source;
    private final Map<String, Tensor> constants;
    private final Activations activations;
    private final List<LayerSpec> layers = new ArrayList<>();
    private final ImportedWeights weights = new ImportedWeights();
    private int[] shape;
    private int pendingPad;

    OnnxLayers(String source, Map<String, Tensor> constants, Activations activations, int[] shape) {
        this.source = source;
        this.constants = constants;
        this.activations = activations;
        this.shape = shape.clone();
    }

    /** An empty path starting at this path's current shape (a residual block's branch or shortcut). */
    OnnxLayers branch() {
        return new OnnxLayers(source, constants, activations, shape);
    }

    List<LayerSpec> layers() {
        return List.copyOf(layers);
    }

    int[] shape() {
        return shape.clone();
    }

    /** The weights in layer order; without clip bounds unless the model's activation is bounded. */
    ImportedWeights weights(boolean bounded) {
        return bounded ? weights : weights.withoutActivationBounds();
    }

    static boolean isActivation(OnnxGraph.Node n) {
        return n.opType().equals("Relu") || n.opType().equals("Clip");
    }

    /**
     * Appends the spec entry of {@code node} (and of {@code biasAdd}, the Add after a MatMul, or null);
     * returns the value the path continues from.
     */
    String translate(OnnxGraph.Node node, OnnxGraph.Node biasAdd) {
        if (pendingPad > 0 && !node.opType().equals("AveragePool")) throw error(node, "a non-zero Pad is supported only before AveragePool");
        switch (node.opType()) {
            case "Conv" -> conv(node);
            case "BatchNormalization" -> batchNorm(node);
            case "Relu", "Clip" -> {
                layers.add(spike(node));
                addBound(node);
            }
            case "AveragePool", "MaxPool" -> pool(node);
            case "GlobalAveragePool" -> {
                requireImage(node);
                layers.add(new LayerSpec.GlobalAvgPool());
                shape = new int[] {shape[0], 1, 1};
            }
            case "Flatten" -> {
                if (node.integer("axis", 1) != 1) throw error(node, "axis " + node.integer("axis", 1) + " (only 1 flattens per sample)");
                flatten();
            }
            case "Reshape" -> reshape(node);
            case "Gemm" -> gemm(node);
            case "MatMul" -> {
                matMul(node, biasAdd);
                if (biasAdd != null) return biasAdd.outputs().getFirst();
            }
            case "Pad" -> pad(node);
            case "Identity", "Dropout" -> { }
            default -> throw new FileFormatException(source, "operator '" + node.opType() + "' (" + node.describe()
                    + ") is not supported; snn4j imports " + SUPPORTED);
        }
        return node.outputs().getFirst();
    }

    /** Appends a residual block of {@code branch} and {@code shortcut} (null: identity) with {@code activation}'s neuron. */
    String residual(OnnxLayers branch, OnnxLayers shortcut, OnnxGraph.Node activation) {
        spike(activation);
        layers.add(new LayerSpec.Residual(branch.layers, shortcut == null ? null : shortcut.layers, null));
        weights.addAll(branch.weights);
        if (shortcut != null) weights.addAll(shortcut.weights);
        addBound(activation);
        shape = branch.shape();
        return activation.outputs().getFirst();
    }

    private void conv(OnnxGraph.Node n) {
        requireImage(n);
        if (n.integer("group", 1) != 1) throw error(n, "grouped convolution (group " + n.integer("group", 1) + ")");
        Tensor w = constant(n, n.input(1), "weight");
        if (w.rank() != 4 || w.dim(1) != shape[0] || w.dim(2) != w.dim(3)) {
            throw error(n, "weight shape " + w.shapeString() + " does not fit input channels " + shape[0] + " with a square kernel");
        }
        for (long d : n.integers("dilations", new long[] {1, 1})) if (d != 1) throw error(n, "dilation " + d);
        int k = w.dim(2), stride = uniform(n, "strides", 1, 1), pad = uniform(n, "pads", 0, 0);
        autoPadNotSet(n);
        boolean bias = !n.input(2).isEmpty();
        layers.add(new LayerSpec.Conv(w.dim(0), k, stride, pad).withBias(bias));
        weights.add(n.describe(), bias ? List.of(w, vector(n, n.input(2), "bias", w.dim(0))) : List.of(w), List.of());
        shape = new int[] {w.dim(0), window(n, shape[1], k, stride, pad), window(n, shape[2], k, stride, pad)};
    }

    private void batchNorm(OnnxGraph.Node n) {
        int c = shape[0];
        layers.add(new LayerSpec.BatchNorm((double) (1 - n.real("momentum", 0.9f)), (double) n.real("epsilon", 1e-5f)));
        weights.add(n.describe(), List.of(vector(n, n.input(1), "scale", c), vector(n, n.input(2), "B", c)),
                List.of(vector(n, n.input(3), "mean", c), vector(n, n.input(4), "var", c)));
    }

    /** A spiking position; records the activation kind. */
    private LayerSpec.Spike spike(OnnxGraph.Node n) {
        if (n.opType().equals("Clip")) activations.clip(n, clipBound(n));
        else activations.relu(n);
        return new LayerSpec.Spike();
    }

    /** A Clip's λ as the weight of its ANN activation layer (which comes after the layers before it). */
    private void addBound(OnnxGraph.Node n) {
        if (n.opType().equals("Clip")) weights.addActivationBound(n.describe(), clipBound(n));
    }

    /** λ of Clip(0, λ): min and max from inputs 1 and 2 (opset ≥ 11) or the attributes (older opsets). */
    private float clipBound(OnnxGraph.Node n) {
        float min = n.input(1).isEmpty() ? n.real("min", Float.NEGATIVE_INFINITY) : scalar(n, n.input(1), "min");
        float max = n.input(2).isEmpty() ? n.real("max", Float.POSITIVE_INFINITY) : scalar(n, n.input(2), "max");
        if (min != 0 || !(max > 0) || !Float.isFinite(max)) {
            throw error(n, "Clip(" + min + ", " + max + "); snn4j's clip activation is Clip(0, λ) with a finite λ > 0");
        }
        return max;
    }

    private void pool(OnnxGraph.Node n) {
        requireImage(n);
        long[] kernel = n.integers("kernel_shape", new long[0]);
        if (kernel.length != 2 || kernel[0] != kernel[1]) throw error(n, "kernel_shape " + Arrays.toString(kernel) + " (square kernels only)");
        if (n.integer("ceil_mode", 0) != 0) throw error(n, "ceil_mode 1");
        autoPadNotSet(n);
        if (kernel[0] < 1 || kernel[0] > Integer.MAX_VALUE) throw error(n, "kernel_shape " + Arrays.toString(kernel));
        int k = (int) kernel[0], stride = uniform(n, "strides", 1, 1), pad = uniform(n, "pads", 0, 0) + pendingPad;
        boolean avg = n.opType().equals("AveragePool");
        if (avg && pad > 0 && n.integer("count_include_pad", 0) == 0 && pendingPad == 0) {
            throw error(n, "count_include_pad 0 with padding (snn4j's average counts padded cells)");
        }
        pendingPad = 0;
        layers.add(avg ? new LayerSpec.AvgPool(k, stride, pad) : new LayerSpec.MaxPool(k, stride, pad));
        shape = new int[] {shape[0], window(n, shape[1], k, stride, pad), window(n, shape[2], k, stride, pad)};
    }

    /** A constant-zero Pad of the two spatial dimensions, symmetric: carried into the next AveragePool. */
    private void pad(OnnxGraph.Node n) {
        String mode = n.attributes().containsKey("mode") ? n.attributes().get("mode").s() : "constant";
        Tensor pads = n.input(1).isEmpty() ? null : constant(n, n.input(1), "pads");
        float[] p = pads == null ? toFloats(n.integers("pads", new long[0])) : pads.data();
        if (!"constant".equals(mode) || (!n.input(2).isEmpty() && scalar(n, n.input(2), "constant_value") != 0)) {
            throw error(n, "only constant zero padding is supported");
        }
        if (p.length != 8) throw error(n, "pads " + Arrays.toString(p) + " (expected 8 values for [N, C, H, W])");
        boolean zeroOutsideImage = p[0] == 0 && p[1] == 0 && p[4] == 0 && p[5] == 0;
        if (!zeroOutsideImage || p[2] != p[3] || p[2] != p[6] || p[2] != p[7]) throw error(n, "pads " + Arrays.toString(p) + " (only equal spatial padding)");
        pendingPad += (int) p[2];
    }

    private void reshape(OnnxGraph.Node n) {
        float[] target = constant(n, n.input(1), "shape").data();
        int features = 1;
        for (int d : shape) features *= d;
        boolean flattens = target.length == 2 && (target[0] == -1 || target[0] == 0) && (target[1] == -1 || target[1] == features)
                || target.length == 2 && target[1] == -1;
        if (!flattens) throw error(n, "shape " + Arrays.toString(target) + " (only [N, features] reshapes, i.e. flatten, are supported)");
        flatten();
    }

    private void flatten() {
        if (shape.length == 1) return;
        layers.add(new LayerSpec.Flatten());
        int features = 1;
        for (int d : shape) features *= d;
        shape = new int[] {features};
    }

    private void gemm(OnnxGraph.Node n) {
        if (n.integer("transA", 0) != 0) throw error(n, "transA 1");
        Tensor b = constant(n, n.input(1), "B");
        boolean transB = n.integer("transB", 0) != 0;
        Tensor w = transB ? b : transpose(n, b);
        float alpha = n.real("alpha", 1f), beta = n.real("beta", 1f);
        Tensor bias = n.input(2).isEmpty() ? Tensor.zeros(w.dim(0)) : vector(n, n.input(2), "C", w.dim(0));
        linear(n, scaled(w, alpha), scaled(bias, beta));
    }

    private void matMul(OnnxGraph.Node n, OnnxGraph.Node biasAdd) {
        Tensor w = transpose(n, constant(n, n.input(1), "B"));
        Tensor bias = Tensor.zeros(w.dim(0));
        if (biasAdd != null) {
            String b = constants.containsKey(biasAdd.input(0)) ? biasAdd.input(0) : biasAdd.input(1);
            bias = vector(biasAdd, b, "bias", w.dim(0));
        }
        linear(n, w, bias);
    }

    private void linear(OnnxGraph.Node n, Tensor w, Tensor bias) {
        if (shape.length != 1 || w.dim(1) != shape[0]) {
            throw error(n, "weight " + w.shapeString() + " does not fit input " + Arrays.toString(shape) + " (flatten first?)");
        }
        layers.add(new LayerSpec.Linear(w.dim(0)).withBias(true));
        weights.add(n.describe(), List.of(w, bias), List.of());
        shape = new int[] {w.dim(0)};
    }

    private Tensor transpose(OnnxGraph.Node n, Tensor m) {
        if (m.rank() != 2) throw error(n, "weight of shape " + m.shapeString() + " (expected a matrix)");
        int rows = m.dim(0), cols = m.dim(1);
        Tensor t = Tensor.zeros(cols, rows);
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) t.data()[j * rows + i] = m.data()[i * cols + j];
        return t;
    }

    private static Tensor scaled(Tensor t, float factor) {
        if (factor == 1f) return t;
        Tensor c = t.copy();
        for (int i = 0; i < c.size(); i++) c.data()[i] *= factor;
        return c;
    }

    private Tensor constant(OnnxGraph.Node n, String value, String role) {
        Tensor t = constants.get(value);
        if (t == null) throw error(n, "input " + role + " ('" + value + "') is not an initializer or constant");
        return t;
    }

    private Tensor vector(OnnxGraph.Node n, String value, String role, int length) {
        Tensor t = constant(n, value, role);
        if (t.size() != length) throw error(n, role + " has shape " + t.shapeString() + ", expected [" + length + "]");
        return t.reshape(length);
    }

    private float scalar(OnnxGraph.Node n, String value, String role) {
        Tensor t = constant(n, value, role);
        if (t.size() != 1) throw error(n, role + " has shape " + t.shapeString() + ", expected a scalar");
        return t.data()[0];
    }

    /** An INTS attribute whose values are all equal (square strides, symmetric pads) and in [{@code min}, 2^31-1]. */
    private int uniform(OnnxGraph.Node n, String attribute, int fallback, int min) {
        long[] v = n.integers(attribute, new long[] {fallback});
        // an empty list or a zero stride used to escape as ArrayIndexOutOfBounds / division by zero (OnnxImporterFuzzTest)
        if (v.length == 0) throw error(n, attribute + " is empty");
        for (long x : v) if (x != v[0]) throw error(n, attribute + " " + Arrays.toString(v) + " (only equal values are supported)");
        if (v[0] < min || v[0] > Integer.MAX_VALUE) throw error(n, attribute + " " + Arrays.toString(v) + " (must be >= " + min + ")");
        return (int) v[0];
    }

    private void autoPadNotSet(OnnxGraph.Node n) {
        OnnxGraph.Attribute a = n.attributes().get("auto_pad");
        if (a != null && a.s() != null && !a.s().equals("NOTSET")) throw error(n, "auto_pad " + a.s() + " (give explicit pads)");
    }

    private int window(OnnxGraph.Node n, int size, int k, int stride, int pad) {
        long out = (size + 2L * pad - k) / stride + 1;
        if (out < 1) throw error(n, "window " + k + " does not fit input size " + size);
        if (out > Integer.MAX_VALUE) throw error(n, "padding " + pad + " makes the output larger than 2^31-1");
        return (int) out;
    }

    private void requireImage(OnnxGraph.Node n) {
        if (shape.length != 3) throw error(n, "needs an image input [C, H, W], has " + Arrays.toString(shape));
    }

    private static float[] toFloats(long[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = v[i];
        return f;
    }

    private FileFormatException error(OnnxGraph.Node n, String problem) {
        return new FileFormatException(source, n.describe() + ": " + problem);
    }

    /** The activation kind of the whole model: all ReLU, or all Clip with one λ per layer. */
    static final class Activations {
        private OnnxGraph.Node firstRelu, firstClip;
        private float largestBound;

        void relu(OnnxGraph.Node n) {
            if (firstRelu == null) firstRelu = n;
        }

        void clip(OnnxGraph.Node n, float bound) {
            if (firstClip == null) firstClip = n;
            largestBound = Math.max(largestBound, bound);
        }

        /** ReLU, or clip (initial λ the largest bound; each layer's own λ is loaded as its weight). */
        AnnActivation kind(String source) {
            if (firstRelu != null && firstClip != null) {
                throw new FileFormatException(source, "mixes Relu (" + firstRelu.describe() + ") and Clip (" + firstClip.describe()
                        + "); an snn4j ANN has one activation kind");
            }
            return firstClip != null ? AnnActivation.clip(largestBound) : AnnActivation.relu();
        }
    }
}
