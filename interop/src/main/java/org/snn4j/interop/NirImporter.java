package org.snn4j.interop;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.io.FileFormatException;
import org.snn4j.model.LayerSpec;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.NeuronSettings;
import org.snn4j.tensor.Tensor;

/**
 * Reads a NIR graph (HDF5, as {@code nir.write} and {@link NirExporter} lay it out) into an snn4j SNN.
 *
 * <p>The graph must be a chain from its Input node to its Output node. Conv2d, Affine, Linear,
 * AvgPool2d, SumPool2d (its k² folded into the next weights), Flatten, IF, LIF, LI and I nodes map to
 * spec layers. A neuron's input scale (R for IF, R·dt/τ for LIF, see {@link NirTime}) is divided into
 * its threshold, which leaves its spikes unchanged; parameters must be equal across a layer's neurons,
 * v_leak and v_reset 0. A final LI or I becomes the readout (its input scale folded into the weights
 * before it); a graph that ends in spiking neurons gets a readout that counts their spikes. The
 * {@code metadata} that {@link NirExporter} writes restores reset by subtraction, the non-strict test
 * and the half-threshold start. Recurrent edges (a neuron back to itself, or through one weight node back to
 * its neuron) and CubaLIF nodes become recurrent layers ({@link NirRecurrence}); an Output node whose metadata
 * names a readout over time ({@code reduce}) makes a final LI or I a per-step integrator followed by that
 * reduction, as {@link NirExporter} writes such models.
 */
public final class NirImporter {
    private final String source;
    private final NirFields fields;
    private final double dt;
    private Group nodes;
    private Map<String, List<String>> next;
    private final Map<String, Integer> incoming = new HashMap<>();
    private NirRecurrence recurrence;
    private String reduce;

    /** One path of the graph as spec layers: what a chain of nodes has become so far. */
    private static final class Chain {
        final List<LayerSpec> layers = new ArrayList<>();
        final ImportedWeights weights = new ImportedWeights();
        int[] shape;
        float pendingScale = 1f;
        boolean endsInReadout;

        Chain(int[] shape) {
            this.shape = shape.clone();
        }
    }

    private NirImporter(String source, double dt) {
        this.source = source;
        this.fields = new NirFields(source);
        this.dt = dt;
    }

    /**
     * Reads {@code file} and builds the SNN it describes.
     *
     * @param dt the step length the time constants are divided by (snnTorch writes dt = 1e-4)
     * @throws FileFormatException when the file is not HDF5, lacks the NIR layout, or holds nodes,
     *                             parameters or graph shapes snn4j cannot run (each named)
     */
    public static Model importSnn(Path file, double dt) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) throw new FileFormatException(source, "no such file");
        String name = file.getFileName().toString().replaceFirst("\\.(nir|h5|hdf5)$", "");
        return read(() -> new HdfFile(file), source, dt, name.isEmpty() ? "nir" : name);
    }

    /** As {@link #importSnn(Path, double)} for the bytes of a file (the fuzz target); {@code source} names it in errors. */
    static Model importSnn(byte[] bytes, String source, double dt) {
        return read(() -> HdfFile.fromBytes(bytes), source, dt, "nir");
    }

    private static Model read(java.util.function.Supplier<HdfFile> open, String source, double dt, String name) {
        try (HdfFile h5 = open.get()) {
            return new NirImporter(source, dt).read(h5, name);
        } catch (HdfException e) {
            throw new FileFormatException(source, "not a readable HDF5 file (" + firstLine(e.getMessage()) + ")", e);
        } catch (RuntimeException e) {
            if (!thrownByJhdf(e)) throw e;
            throw new FileFormatException(source, "not a readable HDF5 file (" + e.getClass().getSimpleName() + ": "
                    + firstLine(e.getMessage()) + ")", e);
        }
    }

    /**
     * Whether {@code e} comes from inside jhdf (possibly through the JDK classes it calls) rather than from
     * this importer: jhdf reports some damaged files as IllegalArgumentException, BufferUnderflowException
     * and the like instead of HdfException (found by NirImporterFuzzTest); those are about the file. An
     * exception without a stack trace (HotSpot omits it for implicit exceptions thrown often in compiled code)
     * cannot be placed; while reading a file it is taken to be about the file.
     */
    static boolean thrownByJhdf(RuntimeException e) {
        if (e instanceof org.snn4j.Snn4jException) return false;
        if (e.getStackTrace().length == 0) return true;
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("io.jhdf.")) return true;
            if (frame.getClassName().startsWith("org.snn4j.")) return false;
        }
        return false;
    }

    private Model read(HdfFile h5, String name) {
        Group graph = fields.group(h5, "node", "not a NIR file: no group 'node'");
        if (!"NIRGraph".equals(fields.string(graph, "type"))) throw error("not a NIR graph: node/type is " + fields.string(graph, "type"));
        nodes = fields.group(graph, "nodes", "not a NIR file: no group 'node/nodes'");
        next = fields.edges(graph);
        next.values().forEach(targets -> targets.forEach(t -> incoming.merge(t, 1, Integer::sum)));
        recurrence = NirRecurrence.cut(fields, nodes, next, incoming, dt);
        String input = null;
        for (var e : nodes.getChildren().entrySet()) {
            if (e.getValue() instanceof Group g && "Input".equals(fields.string(g, "type"))) input = e.getKey();
            if (e.getValue() instanceof Group g && "Output".equals(fields.string(g, "type"))) reduce = fields.metadata(g, "reduce", null);
        }
        if (input == null) throw error("the graph has no Input node");
        int[] inputShape = fields.ints((Group) nodes.getChild(input), "shape");
        Chain main = new Chain(inputShape);
        String end = follow(main, input);
        if (!"Output".equals(fields.string(node(end), "type"))) throw error("node '" + end + "' is not followed by the Output node");
        if (!main.endsInReadout) main.layers.add(new LayerSpec.Readout(null));
        if (main.shape.length != 1) throw error("the graph ends in shape " + Arrays.toString(main.shape) + ", expected [classes]");
        ModelSpec spec = new ModelSpec(name, "imported from NIR " + source, inputShape, main.shape[0], NeuronSettings.NONE, Map.of(),
                null, null, main.layers).validated(source);
        Model model = ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 0);
        main.weights.loadInto(model, source);
        return model;
    }

    /**
     * Translates the nodes after {@code from} into {@code chain} until the Output node or a node with
     * two incoming edges (the sum at the end of a residual block), which it returns unread.
     */
    private String follow(Chain chain, String from) {
        String cur = from;
        while (true) {
            List<String> after = next.getOrDefault(cur, List.of());
            if (after.size() == 2) {
                cur = residual(chain, cur, after);
                continue;
            }
            if (after.size() != 1) throw error("node '" + cur + "' has " + after.size() + " successors; snn4j imports chains and residual blocks");
            String n = after.getFirst();
            String type = fields.string(node(n), "type");
            if (type.equals("Output") || incoming.getOrDefault(n, 0) > 1) return n;
            if (chain.endsInReadout) throw error("node '" + n + "' follows the readout (" + type + ")");
            translate(chain, n, type, node(n));
            cur = n;
        }
    }

    /** Two paths from {@code fork} that meet in one IF/LIF node (NIR sums its inputs): a residual block. */
    private String residual(Chain chain, String fork, List<String> starts) {
        List<Chain> paths = new ArrayList<>();
        String join = null;
        for (String start : starts) {
            Chain p = new Chain(chain.shape);
            String end = incoming.getOrDefault(start, 0) > 1 ? start : follow(p, fork(p, start));
            if (join != null && !join.equals(end)) throw error("the paths from '" + fork + "' end in '" + join + "' and '" + end + "'");
            join = end;
            paths.add(p);
        }
        String type = fields.string(node(join), "type");
        if (!type.equals("IF") && !type.equals("LIF")) throw error("node '" + join + "' sums two paths but is a " + type + ", not IF or LIF");
        int branch = paths.get(0).layers.size() >= paths.get(1).layers.size() ? 0 : 1;
        Chain b = paths.get(branch), s = paths.get(1 - branch);
        if (!Arrays.equals(b.shape, s.shape)) throw error("node '" + join + "' sums shapes " + Arrays.toString(b.shape) + " and " + Arrays.toString(s.shape));
        if (b.pendingScale != 1f || s.pendingScale != 1f) throw error("a SumPool2d before '" + join + "' has no weights to fold into");
        NeuronSettings neuron = neuron(node(join), type, type + " node '" + join + "'");
        chain.layers.add(new LayerSpec.Residual(b.layers, s.layers.isEmpty() ? null : s.layers, neuron));
        chain.weights.addAll(b.weights);
        chain.weights.addAll(s.weights);
        chain.shape = b.shape;
        return join;
    }

    /** Translates the first node of a path and returns it (the path continues after it). */
    private String fork(Chain p, String start) {
        translate(p, start, fields.string(node(start), "type"), node(start));
        return start;
    }

    private Group node(String name) {
        if (nodes.getChild(name) instanceof Group g) return g;
        throw error("edge to '" + name + "', which is not a node");
    }

    private void translate(Chain c, String name, String type, Group node) {
        String where = type + " node '" + name + "'";
        if (recurrence.translates(name, type)) {
            NirRecurrence.Layer layer = recurrence.layer(name, type, node, c.shape);
            c.layers.add(layer.spec());
            if (layer.weight() != null) c.weights.add(where, List.of(layer.weight()), List.of());
            return;
        }
        switch (type) {
            case "Conv2d" -> {
                Tensor w = fields.tensor(node, "weight", where);
                if (w.rank() != 4 || w.dim(2) != w.dim(3) || c.shape.length != 3 || w.dim(1) != c.shape[0]) {
                    throw error(where + ": weight " + w.shapeString() + " does not fit input " + Arrays.toString(c.shape) + " with a square kernel");
                }
                int stride = fields.pair(node, "stride", where, 1, 1), pad = fields.pair(node, "padding", where, 0, 0);
                if (fields.pair(node, "dilation", where, 1, 0) != 1 || fields.number(node, "groups", 1) != 1) throw error(where + ": dilation and groups must be 1");
                c.layers.add(new LayerSpec.Conv(w.dim(0), w.dim(2), stride, pad).withBias(true));
                c.weights.add(where, List.of(scaled(c, w), fields.vector(node, "bias", where, w.dim(0))), List.of());
                int k = w.dim(2);
                c.shape = new int[] {w.dim(0), fields.windowOutput(where, c.shape[1], k, stride, pad), fields.windowOutput(where, c.shape[2], k, stride, pad)};
            }
            case "Affine", "Linear" -> {
                Tensor w = fields.tensor(node, "weight", where);
                if (w.rank() != 2 || c.shape.length != 1 || w.dim(1) != c.shape[0]) {
                    throw error(where + ": weight " + w.shapeString() + " does not fit input " + Arrays.toString(c.shape));
                }
                boolean bias = type.equals("Affine");
                c.layers.add(new LayerSpec.Linear(w.dim(0)).withBias(bias));
                c.weights.add(where, bias ? List.of(scaled(c, w), fields.vector(node, "bias", where, w.dim(0))) : List.of(scaled(c, w)), List.of());
                c.shape = new int[] {w.dim(0)};
            }
            case "AvgPool2d", "SumPool2d" -> {
                int k = fields.pair(node, "kernel_size", where, -1, 1), stride = fields.pair(node, "stride", where, k, 1);
                int pad = fields.pair(node, "padding", where, 0, 0);
                if (c.shape.length != 3) throw error(where + ": needs an image input, has " + Arrays.toString(c.shape));
                c.layers.add(new LayerSpec.AvgPool(k, stride, pad));
                if (type.equals("SumPool2d")) c.pendingScale *= (float) k * k;
                c.shape = new int[] {c.shape[0], fields.windowOutput(where, c.shape[1], k, stride, pad), fields.windowOutput(where, c.shape[2], k, stride, pad)};
            }
            case "Flatten" -> {
                int start = fields.number(node, "start_dim", 0), end = fields.number(node, "end_dim", -1);
                if (start != 0 || end != -1 && end != c.shape.length - 1) {
                    throw error(where + ": start_dim " + start + ", end_dim " + end + " (snn4j flattens whole samples: 0 and -1)");
                }
                if (c.shape.length > 1) {
                    c.layers.add(new LayerSpec.Flatten());
                    c.shape = new int[] {fields.volume(where, c.shape)};
                }
            }
            case "IF", "LIF" -> c.layers.add(new LayerSpec.Spike(neuron(node, type, where)));
            case "LI", "I" -> readout(c, node, type, where);
            case "Scale" -> scale(c, node, where);
            default -> throw error(where + ": node type '" + type + "' is not supported; snn4j imports Input, Output, Conv2d, "
                    + "Affine, Linear, AvgPool2d, SumPool2d, Flatten, IF, LIF, CubaLIF, LI, I and Scale");
        }
    }

    private NeuronSettings neuron(Group node, String type, String where) {
        boolean leaky = type.equals("LIF");
        double r = fields.uniform(node, "r", where);
        double alpha = 1, inputScale = r;
        if (leaky) {
            double tau = fields.uniform(node, "tau", where);
            if (fields.uniform(node, "v_leak", where) != 0) throw error(where + ": v_leak must be 0");
            alpha = NirTime.alpha(tau, dt);
            inputScale = NirTime.inputScale(r, tau, dt);
            if (!(alpha > 0 && alpha <= 1)) throw error(where + ": tau " + tau + " at dt " + dt + " gives leak " + alpha + " outside (0, 1]");
        }
        if (!(inputScale > 0)) throw error(where + ": input scale " + inputScale + " must be > 0");
        if (node.getChild("v_reset") != null && fields.uniform(node, "v_reset", where) != 0) throw error(where + ": v_reset must be 0");
        NeuronSettings n = NeuronSettings.NONE.withModel(leaky ? "lif" : "if");
        if (leaky) n = n.withLeak((float) alpha);
        return n.withThreshold((float) (fields.uniform(node, "v_threshold", where) / inputScale))
                .withReset(fields.metadata(node, "reset", "zero")).withTest(fields.metadata(node, "fire", "strict"))
                .withInitial(fields.metadata(node, "initial", "zero"));
    }

    private void readout(Chain c, Group node, String type, String where) {
        double r = fields.uniform(node, "r", where), alpha = 1, inputScale = r;
        if (type.equals("LI")) {
            double tau = fields.uniform(node, "tau", where);
            if (fields.uniform(node, "v_leak", where) != 0) throw error(where + ": v_leak must be 0");
            alpha = NirTime.alpha(tau, dt);
            inputScale = NirTime.inputScale(r, tau, dt);
            if (!(alpha > 0 && alpha < 1)) throw error(where + ": tau " + tau + " at dt " + dt + " gives leak " + alpha + " outside (0, 1)");
        }
        c.endsInReadout = true;
        if (reduce != null) {   // a per-step integrator and a reduction over time (snn4j's own export)
            c.layers.add(new LayerSpec.Integrator((float) alpha, (float) inputScale));
            c.layers.add(new LayerSpec.Reduce(reduce));
            return;
        }
        // snn4j's readout scales its input by α; any other scale goes into the weights before it.
        if (Math.abs(inputScale / alpha - 1) > 1e-6 && !c.weights.scaleLast((float) (inputScale / alpha))) {
            throw error(where + ": input scale " + inputScale + " with no weight layer before it to fold into");
        }
        c.layers.add(new LayerSpec.Readout((float) alpha));
    }

    /**
     * A uniform Scale node: right after a spiking layer it is that layer's spike amplitude (what
     * {@link NirExporter} writes); elsewhere it multiplies the next weights.
     */
    private void scale(Chain c, Group node, String where) {
        float factor = (float) fields.uniform(node, "scale", where);
        int last = c.layers.size() - 1;
        switch (last < 0 ? null : c.layers.get(last)) {
            case LayerSpec.Spike s -> c.layers.set(last, new LayerSpec.Spike(scaledAmplitude(s.neuron(), factor), s.ann()));
            case LayerSpec.Residual r -> c.layers.set(last, new LayerSpec.Residual(r.branch(), r.shortcut(), scaledAmplitude(r.neuron(), factor)));
            case null, default -> c.pendingScale *= factor;
        }
    }

    private static NeuronSettings scaledAmplitude(NeuronSettings n, float factor) {
        return n.withAmplitude(factor * (n.amplitude() != null ? n.amplitude() : 1f));
    }

    private static Tensor scaled(Chain c, Tensor w) {
        if (c.pendingScale == 1f) return w;
        Tensor scaled = w.copy();
        for (int i = 0; i < scaled.size(); i++) scaled.data()[i] *= c.pendingScale;
        c.pendingScale = 1f;
        return scaled;
    }

    private FileFormatException error(String problem) {
        return new FileFormatException(source, problem);
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
