package org.snn4j.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.io.FileFormatException;
import org.snn4j.model.AnnActivation;
import org.snn4j.model.LayerSpec;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.NeuronSettings;
import org.snn4j.tensor.Tensor;

/**
 * Imports an ANN from ONNX as the ANN twin of an snn4j model spec, ready for {@code convert}.
 *
 * <p>The graph must be a chain from its one input {@code [N, C, H, W]} to its one output, where a
 * value may fork into two paths that an {@code Add} joins (a residual block; one path may be the
 * identity) and a Relu or Clip follows the sum. Operators map to spec layers (see
 * {@link OnnxLayers}); every Relu/Clip becomes a {@code spike} position, whose ANN activation is ReLU,
 * or clip with the ONNX bound as the layer's trained bound λ; a {@code readout} is appended. Weights
 * are loaded in layer order ({@link ImportedWeights}). Anything else is rejected with the operator's
 * name and node.
 */
public final class OnnxImporter {
    private final OnnxGraph graph;
    private final Map<String, Tensor> constants = new HashMap<>();
    private final Map<String, List<OnnxGraph.Node>> consumers = new HashMap<>();
    private final OnnxLayers.Activations activations = new OnnxLayers.Activations();

    private OnnxImporter(OnnxGraph graph) {
        this.graph = graph;
        constants.putAll(graph.initializers());
        for (OnnxGraph.Node n : graph.nodes()) {
            if (n.opType().equals("Constant")) {
                OnnxGraph.Attribute value = n.attributes().get("value");
                if (value == null || value.t() == null) throw error(n.describe() + " has no tensor 'value'");
                constants.put(n.outputs().getFirst(), value.t());
                continue;
            }
            for (String in : n.inputs()) if (!constants.containsKey(in)) consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
        }
    }

    /**
     * Reads {@code file} and builds its ANN twin (mode ANN) with the ONNX weights.
     *
     * @throws FileFormatException when the file does not parse, uses an unsupported operator (named)
     *                             or a graph shape snn4j cannot express
     */
    public static Model importAnn(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        return importAnn(OnnxReader.read(file), name.isEmpty() ? "onnx" : name);
    }

    static Model importAnn(OnnxGraph graph, String name) {
        return new OnnxImporter(graph).build(name);
    }

    private Model build(String name) {
        if (graph.inputs().size() != 1) throw error("expected one graph input, found " + graph.inputs().size());
        if (graph.outputs().size() != 1) throw error("expected one graph output, found " + graph.outputs().size());
        OnnxGraph.Value input = graph.inputs().getFirst();
        long[] dims = input.shape();
        if (dims.length != 4) throw error("input '" + input.name() + "' has shape " + java.util.Arrays.toString(dims) + ", expected [N, C, H, W]");
        int[] sample = new int[3];
        for (int i = 0; i < 3; i++) {
            if (dims[i + 1] < 1) throw error("input '" + input.name() + "' has no fixed size in dimension " + (i + 1));
            sample[i] = (int) dims[i + 1];
        }
        OnnxLayers path = new OnnxLayers(graph.source(), constants, activations, sample);
        String end = follow(path, input.name(), graph.outputs().getFirst());
        if (!end.equals(graph.outputs().getFirst())) throw error("the chain ends at '" + end + "', not at the graph output");
        if (path.shape().length != 1) throw error("the output has per-sample shape " + java.util.Arrays.toString(path.shape()) + ", expected [classes]");
        List<LayerSpec> layers = new ArrayList<>(path.layers());
        layers.add(new LayerSpec.Readout(null));
        AnnActivation activation = activations.kind(graph.source());
        ModelSpec spec = new ModelSpec(name, "imported from ONNX " + graph.source(), sample, path.shape()[0], NeuronSettings.NONE, Map.of(),
                activation.bounded() ? activation : null, null, layers).validated(graph.source());
        Model model = ModelBuilder.build(spec, ModelBuilder.Mode.ANN, 0);
        path.weights(activation.bounded()).loadInto(model, graph.source());
        return model;
    }

    /**
     * Translates nodes from value {@code from} onward into {@code path} until the graph output, or
     * until the next node is an {@code Add} of two computed values (the join of a residual block);
     * returns the last value reached.
     */
    private String follow(OnnxLayers path, String from, String stopAfter) {
        String cur = from;
        while (!cur.equals(stopAfter)) {
            List<OnnxGraph.Node> next = consumers.getOrDefault(cur, List.of());
            if (next.isEmpty()) throw error("value '" + cur + "' is neither used nor the graph output");
            if (next.size() == 1 && isJoin(next.getFirst())) return cur;
            if (next.size() == 1) {
                OnnxGraph.Node node = next.getFirst();
                OnnxGraph.Node bias = node.opType().equals("MatMul") ? biasAdd(node) : null;
                cur = path.translate(node, bias);
            } else {
                cur = residual(path, cur, next);
            }
        }
        return cur;
    }

    /** The {@code Add} of a constant right after a MatMul (its bias), or null. */
    private OnnxGraph.Node biasAdd(OnnxGraph.Node matMul) {
        List<OnnxGraph.Node> next = consumers.getOrDefault(matMul.outputs().getFirst(), List.of());
        if (next.size() != 1 || !next.getFirst().opType().equals("Add")) return null;
        OnnxGraph.Node add = next.getFirst();
        return add.inputs().stream().anyMatch(constants::containsKey) ? add : null;
    }

    private boolean isJoin(OnnxGraph.Node n) {
        return n.opType().equals("Add") && n.inputs().size() == 2 && n.inputs().stream().noneMatch(constants::containsKey);
    }

    /** A value that feeds two paths joined by Add, then Relu/Clip: a {@code residual} spec entry. */
    private String residual(OnnxLayers path, String fork, List<OnnxGraph.Node> next) {
        if (next.size() != 2) {
            throw error("value '" + fork + "' feeds " + next.size() + " nodes; snn4j imports chains and residual blocks "
                    + "(two paths joined by Add)");
        }
        List<OnnxLayers> paths = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        OnnxGraph.Node join = null;
        for (OnnxGraph.Node start : next) {
            OnnxLayers p = path.branch();
            String end = isJoin(start) ? fork : follow(p, p.translate(start, start.opType().equals("MatMul") ? biasAdd(start) : null), graph.outputs().getFirst());
            List<OnnxGraph.Node> after = consumers.getOrDefault(end, List.of());
            OnnxGraph.Node add = isJoin(start) ? start : after.size() == 1 && isJoin(after.getFirst()) ? after.getFirst() : null;
            if (add == null) throw error("the paths from '" + fork + "' do not meet in an Add");
            if (join != null && join != add) throw error("the paths from '" + fork + "' end in different Add nodes");
            join = add;
            paths.add(p);
            ends.add(end);
        }
        // The longer path is the branch (the identity, when present, is the shortcut).
        int branch = paths.get(0).layers().size() >= paths.get(1).layers().size() ? 0 : 1;
        OnnxLayers b = paths.get(branch), s = paths.get(1 - branch);
        if (!java.util.Arrays.equals(b.shape(), s.shape())) {
            throw error(join.describe() + " adds shapes " + java.util.Arrays.toString(b.shape()) + " and " + java.util.Arrays.toString(s.shape()));
        }
        List<OnnxGraph.Node> after = consumers.getOrDefault(join.outputs().getFirst(), List.of());
        if (after.size() != 1 || !OnnxLayers.isActivation(after.getFirst())) {
            throw error(join.describe() + " must be followed by a single Relu or Clip (the residual block's neuron)");
        }
        return path.residual(b, s.layers().isEmpty() ? null : s, after.getFirst());
    }

    private FileFormatException error(String problem) {
        return new FileFormatException(graph.source(), problem);
    }
}
