package org.snn4j.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.io.Checkpoint;
import org.snn4j.io.FileFormatException;
import org.snn4j.io.FiniteValues;
import org.snn4j.neuron.NeuronLayer;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Parameter;
import org.snn4j.nn.Sequential;
import org.snn4j.tensor.Tensor;

/**
 * A built network with the spec it came from (an {@code org.snn4j.engine.Executor} runs it over {@code [T, N, C, H, W]}
 * sequences to a {@code [1, N, classes]} readout): its layers, parameters and buffers, and loading of saved weights.
 */
public final class Model {
    private final ModelSpec spec;
    private final ModelBuilder.Mode mode;
    private final Sequential network;

    Model(ModelSpec spec, ModelBuilder.Mode mode, Sequential network) {
        this.spec = spec;
        this.mode = mode;
        this.network = network;
    }

    public ModelSpec spec() {
        return spec;
    }

    /** Whether the network was built spiking (SNN) or with its ANN activation in place of neurons (ANN). */
    public ModelBuilder.Mode mode() {
        return mode;
    }

    public Sequential network() {
        return network;
    }

    public List<Parameter> parameters() {
        return network.parameters();
    }

    public List<Parameter> buffers() {
        return network.buffers();
    }

    /** Total number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) n += p.value().size();
        return n;
    }

    /**
     * The values one sample's pass holds at one time step, by the top-level layers' output sizes (a
     * composite counts its output): their sum (what training keeps for backward) and their largest (what
     * inference, which releases each output once read, holds at a time). {@link RunBudget} turns them
     * into bytes.
     */
    public long[] activationsPerSampleAndStep() {
        long sum = 0, largest = 0;
        int[] shape = spec.inputShape();
        for (Layer layer : network.children()) {
            shape = layer.outputShape(shape);
            long n = 1;
            for (int d : shape) n *= d;
            sum += n;
            largest = Math.max(largest, n);
        }
        return new long[] {sum, largest};
    }

    /** All layers, depth first (composites before their children). */
    public List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        collect(network, out);
        return out;
    }

    private static void collect(Layer l, List<Layer> out) {
        out.add(l);
        for (Layer c : l.children()) collect(c, out);
    }

    /** The spiking layers by name, in the order the network runs them. */
    public Map<String, NeuronLayer> neuronLayers() {
        Map<String, NeuronLayer> m = new LinkedHashMap<>();
        for (Layer l : layers()) if (l instanceof NeuronLayer n) m.put(n.name(), n);
        return m;
    }

    /** Parameters by name (copies of nothing: the live tensors). */
    public Map<String, Tensor> parameterTensors() {
        return byName(parameters());
    }

    public Map<String, Tensor> bufferTensors() {
        return byName(buffers());
    }

    private static Map<String, Tensor> byName(List<Parameter> ps) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Parameter p : ps) m.put(p.name(), p.value());
        return m;
    }

    /**
     * Copies saved parameters and buffers into this model. Every tensor of the file must be finite, the
     * optimizer state of a training checkpoint too: training stops before a non-finite weight or gradient
     * is saved, so a NaN or infinity there means a damaged or crafted file.
     *
     * @param source names the file in errors
     * @throws FileFormatException when a tensor is missing, unexpected, of another shape or non-finite
     */
    public void load(Checkpoint saved, String source) {
        load(saved.parameters(), saved.buffers(), source);
        FiniteValues.require(source, saved.optimizerState());
    }

    /**
     * Copies parameters and buffers by name into this model (e.g. from another model with the same
     * names, as a converter does).
     *
     * @param source names the origin in errors
     * @throws FileFormatException when a tensor is missing, unexpected, of another shape or non-finite
     *                             ({@link FiniteValues})
     */
    public void load(Map<String, Tensor> parameters, Map<String, Tensor> buffers, String source) {
        copyInto(parameters(), parameters, source);
        copyInto(buffers(), buffers, source);
    }

    private static void copyInto(List<Parameter> targets, Map<String, Tensor> saved, String source) {
        for (Parameter p : targets) {
            Tensor t = saved.get(p.name());
            if (t == null) throw new FileFormatException(source, "tensor '" + p.name() + "' is missing");
            if (!t.sameShape(p.value())) {
                throw new FileFormatException(source, "tensor '" + p.name() + "' shape expected "
                        + p.value().shapeString() + ", was " + t.shapeString());
            }
            FiniteValues.require(source, "tensor '" + p.name() + "'", t.data());
        }
        for (String name : saved.keySet()) {
            if (targets.stream().noneMatch(p -> p.name().equals(name))) {
                throw new FileFormatException(source, "tensor '" + name + "' does not belong to this model");
            }
        }
        for (Parameter p : targets) {
            float[] src = saved.get(p.name()).data();
            System.arraycopy(src, 0, p.value().data(), 0, src.length);
        }
    }
}
