package org.snn4j.interop;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.Snn4jException;
import org.snn4j.io.AtomicFile;
import org.snn4j.io.FiniteValues;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.neuron.ConvertedNeuronLayer;
import org.snn4j.neuron.FireTest;
import org.snn4j.neuron.InitialMembrane;
import org.snn4j.neuron.IntegratingReadout;
import org.snn4j.neuron.LeakyIntegrator;
import org.snn4j.neuron.NeuronLayer;
import org.snn4j.neuron.RecurrentNeuronLayer;
import org.snn4j.neuron.Reset;
import org.snn4j.nn.AvgPool2d;
import org.snn4j.nn.Conv2d;
import org.snn4j.nn.Dropout;
import org.snn4j.nn.Flatten;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Linear;
import org.snn4j.nn.ResidualBlock;
import org.snn4j.nn.Sequential;
import org.snn4j.nn.TimeReduction;
import org.snn4j.tensor.Tensor;

/**
 * Writes an SNN as a NIR graph in HDF5, laid out as NIR's own {@code nir.write} does: a string
 * dataset {@code version}, and a group {@code node} holding {@code type = "NIRGraph"}, a group
 * {@code nodes} (one group per node: its {@code type} and parameters) and {@code edges}, an
 * {@code [E, 2]} array of node-name strings.
 *
 * <p>Nodes: {@code input} (Input, {@code shape}), Conv2d ({@code weight, bias, stride, padding,
 * dilation, groups, input_shape}), Affine / Linear ({@code weight[, bias]}), AvgPool2d
 * ({@code kernel_size, stride, padding}), Flatten ({@code start_dim, end_dim, input_type}), IF
 * ({@code r, v_threshold, v_reset}), LIF ({@code tau, r, v_leak, v_threshold, v_reset}), the readout as
 * LI or I, and {@code output} (Output, {@code shape}); node names are the snn4j layer names. A
 * residual block is its branch and shortcut chains from one node into the block's neuron (NIR sums a
 * node's incoming edges; the identity shortcut is a direct edge). Neuron
 * parameters have the layers' per-sample shape; the mapping of α, θ to τ, R is {@link NirTime}'s.
 *
 * <p>What NIR cannot say is reported as a warning and kept in the node's {@code metadata} group so
 * snn4j reads it back: reset by subtraction (NIR resets to v_reset), the non-strict fire test, a
 * half-threshold initial membrane. Spike amplitudes other than 1 (converted networks) are folded
 * into the weights of the next conv or linear layer, or written as a Scale node after the neuron
 * when no weight layer follows on a single path (before a residual block or the readout). Recurrent layers,
 * CubaLIF neurons and per-step integrators are written by {@link NirTemporalExport}; a readout over time has no
 * node and is kept in the Output node's metadata ({@code reduce}).
 */
public final class NirExporter {
    /** The NIR file format version this layout follows. */
    static final String VERSION = "1.0.0";

    private final double dt;
    private final List<String> warnings = new ArrayList<>();
    private final List<String[]> edges = new ArrayList<>();
    private float pendingScale = 1f;
    /** The readout over time the model ends in (kept in the Output node's metadata), or null. */
    private String reduce;

    private NirExporter(double dt) {
        this.dt = dt;
    }

    /**
     * Writes {@code snn} to {@code file} atomically.
     *
     * @param dt step length for the time constants (see {@link NirTime})
     * @return warnings about what NIR does not express exactly (empty when nothing was lost)
     * @throws Snn4jException naming a layer NIR export does not support (max pooling, batch norm: fold
     *                        it first), a model that is not an SNN, or one holding a NaN or infinity
     */
    public static List<String> export(Model snn, Path file, double dt) {
        if (snn.mode() != ModelBuilder.Mode.SNN) throw new Snn4jException(snn.spec().name() + ": NIR export takes an SNN, this is an ANN");
        if (!(dt > 0)) throw new IllegalArgumentException("dt must be > 0, was " + dt);
        FiniteValues.requireExportable(snn.spec().name(), snn.parameterTensors(), snn.bufferTensors());
        NirExporter e = new NirExporter(dt);
        AtomicFile.write(file, out -> {
            Path tmp = Files.createTempFile("snn4j-nir", ".h5");
            try {
                try (WritableHdfFile h5 = HdfFile.write(tmp)) {
                    e.write(h5, snn);
                }
                Files.copy(tmp, out);
            } finally {
                Files.deleteIfExists(tmp);
            }
        });
        return List.copyOf(e.warnings);
    }

    private void write(WritableHdfFile h5, Model snn) throws IOException {
        h5.putDataset("version", VERSION);
        WritableGroup graph = h5.putGroup("node");
        graph.putDataset("type", "NIRGraph");
        WritableGroup nodes = graph.putGroup("nodes");
        int[] shape = snn.spec().inputShape();
        WritableGroup input = nodes.putGroup("input");
        input.putDataset("type", "Input");
        input.putDataset("shape", longs(shape));
        End end = chain(nodes, snn.network().children(), new End("input", shape));
        if (pendingScale != 1f) throw new Snn4jException("spike amplitude " + pendingScale + " reaches the readout with no weight layer to fold into");
        WritableGroup output = nodes.putGroup("output");
        output.putDataset("type", "Output");
        output.putDataset("shape", longs(end.shape()));
        if (reduce != null) output.putGroup("metadata").putDataset("reduce", reduce);
        edges.add(new String[] {end.node(), "output"});
        graph.putDataset("edges", edges.toArray(new String[0][]));
    }

    /** The last node written on a path and its per-sample output shape. */
    private record End(String node, int[] shape) {}

    /** Writes {@code layers} as a chain of nodes after {@code from}; returns the chain's end. */
    private End chain(WritableGroup nodes, List<Layer> layers, End from) {
        End cur = from;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Dropout) continue;
            if (layer instanceof TimeReduction t) {
                reduce = t.mode().label();
                warnings.add(t.name() + ": NIR has no readout over time (" + reduce + "); other tools read the last node's "
                        + "output at every step; kept in the Output node's metadata for snn4j");
                continue;
            }
            if (layer instanceof ResidualBlock r) {
                cur = residual(nodes, r, cur);
            } else {
                int[] out = node(nodes.putGroup(layer.name()), layer, cur.shape());
                edges.add(new String[] {cur.node(), layer.name()});
                if (layer instanceof RecurrentNeuronLayer r) NirTemporalExport.loop(nodes, r, edges);
                cur = new End(layer.name(), out);
            }
            float amplitude = layer instanceof ResidualBlock r ? amplitude(r.outputNeuron()) : amplitude(layer);
            if (amplitude != 1f) cur = carry(nodes, cur, amplitude, weightLayerNext(layers, i + 1));
        }
        return cur;
    }

    /**
     * A residual block: branch and shortcut chains from the same node, both feeding the block's neuron
     * (a NIR node sums all its incoming edges); the identity shortcut is an edge from the fork itself.
     */
    private End residual(WritableGroup nodes, ResidualBlock r, End in) {
        End branch = chain(nodes, layersOf(r.branch()), in);
        End shortcut = r.shortcut() == null ? in : chain(nodes, layersOf(r.shortcut()), in);
        if (pendingScale != 1f) throw new Snn4jException(r.name() + ": a spike amplitude reaches the block's sum unfolded");
        Layer neuron = r.outputNeuron();
        int[] out = node(nodes.putGroup(neuron.name()), neuron, branch.shape());
        edges.add(new String[] {branch.node(), neuron.name()});
        edges.add(new String[] {shortcut.node(), neuron.name()});
        return new End(neuron.name(), out);
    }

    private static List<Layer> layersOf(Layer l) {
        return l instanceof Sequential s ? s.children() : List.of(l);
    }

    private static float amplitude(Layer l) {
        return l instanceof NeuronLayer n ? n.config().amplitude() : 1f;
    }

    /** Whether a conv or linear layer follows (through pooling and flatten, which commute with a scale). */
    private static boolean weightLayerNext(List<Layer> layers, int from) {
        for (int i = from; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l instanceof Conv2d || l instanceof Linear) return true;
            if (!(l instanceof AvgPool2d || l instanceof Flatten || l instanceof Dropout)) return false;
        }
        return false;
    }

    /**
     * NIR spikes are 1: a neuron's amplitude goes into the next weights when a weight layer follows,
     * else into a Scale node right after the neuron (which {@link NirImporter} reads back as the amplitude).
     */
    private End carry(WritableGroup nodes, End neuron, float amplitude, boolean fold) {
        if (fold) {
            pendingScale *= amplitude;
            return neuron;
        }
        String name = neuron.node() + ".amplitude";
        WritableGroup g = nodes.putGroup(name);
        g.putDataset("type", "Scale");
        g.putDataset("scale", filled(neuron.shape(), amplitude));
        edges.add(new String[] {neuron.node(), name});
        return new End(name, neuron.shape());
    }

    /** Writes one layer's node; returns its per-sample output shape. */
    private int[] node(WritableGroup g, Layer layer, int[] in) {
        int[] out = layer.outputShape(in);
        switch (layer) {
            case Conv2d c -> {
                g.putDataset("type", "Conv2d");
                g.putDataset("weight", Hdf5Arrays.nested(foldScale(c.weight().value())));
                g.putDataset("bias", Hdf5Arrays.nested(c.hasBias() ? c.bias().value() : Tensor.zeros(c.outChannels())));
                g.putDataset("stride", new long[] {c.stride(), c.stride()});
                g.putDataset("padding", new long[] {c.padding(), c.padding()});
                g.putDataset("dilation", new long[] {1, 1});
                g.putDataset("groups", 1L);
                g.putDataset("input_shape", longs(Arrays.copyOfRange(in, 1, 3)));
            }
            case Linear l -> {
                boolean bias = l.bias() != null;
                g.putDataset("type", bias ? "Affine" : "Linear");
                g.putDataset("weight", Hdf5Arrays.nested(foldScale(l.weight().value())));
                if (bias) g.putDataset("bias", Hdf5Arrays.nested(l.bias().value()));
            }
            case AvgPool2d p -> {
                g.putDataset("type", "AvgPool2d");
                g.putDataset("kernel_size", new long[] {p.kernel(), p.kernel()});
                g.putDataset("stride", new long[] {p.stride(), p.stride()});
                g.putDataset("padding", new long[] {p.padding(), p.padding()});
            }
            case Flatten f -> {
                g.putDataset("type", "Flatten");
                g.putDataset("start_dim", 0L);
                g.putDataset("end_dim", -1L);
                g.putDataset("input_type", longs(in));
            }
            case NeuronLayer n -> neuron(g, n, in);
            case IntegratingReadout r -> readout(g, r, in);
            case RecurrentNeuronLayer r -> NirTemporalExport.neuron(g, r, in, dt, warnings);
            case LeakyIntegrator li -> NirTemporalExport.integrator(g, li, in, dt);
            default -> throw new Snn4jException(layer.name() + ": " + layer.getClass().getSimpleName() + " has no NIR export "
                    + "(supported: conv, linear, avgpool, flatten, dropout, spike, readout, residual, recurrent, integrator, "
                    + "reduce; fold batch norms first)");
        }
        return out;
    }

    private void neuron(WritableGroup g, NeuronLayer n, int[] shape) {
        if (ConvertedNeuronLayer.channelsOf(n) != null) {
            throw new Snn4jException(n.name() + ": per-channel thresholds and bias currents (convert --per-channel, +bias) "
                    + "have no NIR export: NIR's IF and LIF nodes take no bias current");
        }
        if (n.config().signed()) {
            throw new Snn4jException(n.name() + ": signed spikes (convert --signed) have no NIR export: NIR's IF and LIF nodes "
                    + "emit positive spikes only");
        }
        var spec = n.spec();
        boolean leaky = spec.leak() < 1f;
        g.putDataset("type", leaky ? "LIF" : "IF");
        if (leaky) {
            double tau = NirTime.tau(spec.leak(), dt);
            g.putDataset("tau", filled(shape, tau));
            g.putDataset("r", filled(shape, tau / dt));
            g.putDataset("v_leak", filled(shape, 0));
        } else {
            g.putDataset("r", filled(shape, 1));
        }
        g.putDataset("v_threshold", filled(shape, spec.threshold()));
        g.putDataset("v_reset", filled(shape, 0));
        // What NIR cannot say: kept in the node's metadata (which snn4j reads back), one warning per layer.
        Map<String, String> meta = new LinkedHashMap<>();
        List<String> lost = new ArrayList<>();
        if (n.config().reset() == Reset.SUBTRACT) {
            meta.put("reset", "subtract");
            lost.add("reset by subtraction (NIR resets to v_reset = 0)");
        }
        if (n.config().fire() == FireTest.NON_STRICT) {
            meta.put("fire", "non-strict");
            lost.add("firing at v >= v_threshold (NIR: v > v_threshold)");
        }
        if (n.config().initialMembrane() == InitialMembrane.HALF_THRESHOLD) {
            meta.put("initial", "half-threshold");
            lost.add("a start at v = v_threshold/2 (NIR: 0)");
        }
        if (!meta.isEmpty()) {
            WritableGroup group = g.putGroup("metadata");
            meta.forEach(group::putDataset);
            warnings.add(n.name() + ": NIR cannot express " + String.join(", ", lost)
                    + "; kept in the node's metadata for snn4j, other tools will run NIR's behaviour");
        }
        if (n.config().model().trainable()) warnings.add(n.name() + ": parametric LIF exported with its current leak and threshold");
    }

    private void readout(WritableGroup g, IntegratingReadout r, int[] shape) {
        if (r.leak() >= 1f) {
            g.putDataset("type", "I");
            g.putDataset("r", filled(shape, 1));
        } else {
            double tau = NirTime.tau(r.leak(), dt);
            g.putDataset("type", "LI");
            g.putDataset("tau", filled(shape, tau));
            g.putDataset("r", filled(shape, r.leak() * tau / dt));
            g.putDataset("v_leak", filled(shape, 0));
        }
    }

    /** The weights times the spike amplitude of the neurons before them (which NIR spikes do not carry). */
    private Tensor foldScale(Tensor weight) {
        if (pendingScale == 1f) return weight;
        Tensor w = weight.copy();
        for (int i = 0; i < w.size(); i++) w.data()[i] *= pendingScale;
        pendingScale = 1f;
        return w;
    }

    static Object filled(int[] shape, double value) {
        return Hdf5Arrays.nested(Tensor.full((float) value, shape));
    }

    private static long[] longs(int[] v) {
        return Arrays.stream(v).asLongStream().toArray();
    }
}
