package org.snn4j.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snn4j.io.AtomicFile;

/**
 * A network description: what {@code --model} accepts as a JSON file, what presets produce and what
 * every saved model carries. In code it is typed: the layer list is {@link LayerSpec} records, neuron
 * settings are {@link NeuronSettings} (model level, per entry and per layer name), and the ANN
 * activation and hybrid boundary are {@link AnnActivation} and {@link Hybrid}; the {@code with...}
 * methods return changed copies. JSON exists only at the file boundary: {@link #parse} reads and
 * validates it (errors name the field and where it is), {@link #toJson()} writes it, and the two
 * round-trip exactly: what the writer wrote reads back as an equal spec and writes back byte for byte
 * (a hand-written file comes back in the writer's field order and number forms). The format:
 *
 * <pre>{@code
 * {"name": "w1", "input": [1, 28, 28], "classes": 10,
 *  "neuron": {"model": "lif", "leak": 0.9, "threshold": 1.0, "reset": "subtract", "surrogate": "triangle"},
 *  "layers": [{"type": "conv", "out": 32, "kernel": 3, "padding": 1}, {"type": "spike"},
 *             {"type": "avgpool", "kernel": 2}, ..., {"type": "linear", "out": 10}, {"type": "readout"}]}
 * }</pre>
 *
 * <p>Layer types: {@code conv} (out, kernel, stride=1, padding=0, bias=false, init_std),
 * {@code linear} (out, bias=false, init_std), {@code avgpool}/{@code maxpool} (kernel, stride=kernel,
 * padding=0), {@code globalavgpool}, {@code batchnorm} (momentum=0.1, eps=1e-5, alpha: tdBN's α·V_th scale, absent for a plain batch norm), {@code dropout} (p), {@code flatten}, {@code relu},
 * {@code spike} (a spiking neuron layer; any field of the model-level {@code neuron} object may be
 * overridden here: model, leak, threshold, amplitude, reset, test, initial, surrogate, detach_reset,
 * signed, burst, channel_scale, channel_bias, see {@link NeuronSettings}), {@code readout} (non-spiking integrator, leak=1), {@code residual} (branch: a list
 * of layers; shortcut: a list of layers, absent for identity; neuron: overrides for the block's output
 * neuron), {@code backres} (passes: n ≥ 1; body: a list of conv, linear, avgpool, dropout, relu and
 * spike entries that keeps the shape; a backward residual block, see
 * {@link org.snn4j.nn.BackwardResidualBlock}: weighted layers {@code bres1.conv1} shared by the passes,
 * activations per pass {@code bres1.p2.sn1}), {@code recurrent} (stepped neurons, as many as input values, fed by
 * their own spikes at t−1: neuron lif/cubalif/alif, leak, synaptic_decay, adaptation_decay, adaptation_jump,
 * threshold, reset, recurrence dense/one-to-one/none, surrogate, init_std; see {@link LayerSpec.Recurrent}),
 * {@code integrator} (leaky integrator output at every step: leak=0.9, scale=1) and {@code reduce} (mode
 * sum/mean/max/last over time; a model may end in it as in a readout). The optional top-level {@code neuron_by_layer} maps a spiking layer's name ({@code sn2},
 * {@code res3.out}) to neuron fields that override both levels above for that layer only (what a
 * conversion writes: one threshold per layer). The optional top-level {@code ann_activation} says what
 * the spiking positions become in the ANN twin ({@link ModelBuilder.Mode#ANN}):
 * {@code {"type": "relu"}} (the default when absent), {@code {"type": "clip", "bound": 8.0}}
 * (min(max(z, 0), λ)) or {@code {"type": "qcfs", "levels": 8, "bound": 8.0}} (Bu et al.'s quantized
 * clip), with {@code bound} the initial value of the trainable per-layer upper bound λ (default 8.0)
 * and {@code levels} QCFS's L (default 8); see {@link AnnActivation}. SNN builds use it only for
 * top-level {@code spike} entries marked {@code "ann": true} (a hybrid network), whose spikes-to-ANN
 * boundary the optional top-level {@code "hybrid": {"boundary": "rate"|"membrane", "leak": α}} sets
 * (see {@link Hybrid}). The optional top-level {@code description} is free text (importers say where
 * the network came from). Every field is checked when the spec is read; whether the layers fit their
 * input shapes when it is built ({@link ModelBuilder}). Neuron fields hold single-precision values.
 */
public final class ModelSpec {
    private final String name;
    private final String description;
    private final int[] input;
    private final int classes;
    private final NeuronSettings neuron;
    private final Map<String, NeuronSettings> neuronByLayer;
    private final AnnActivation annActivation;
    private final Hybrid hybrid;
    private final List<LayerSpec> layers;

    /**
     * A spec from its parts; {@code description}, {@code annActivation} and {@code hybrid} may be null
     * (absent), {@code neuron} and {@code neuronByLayer} empty.
     *
     * @throws SpecException for a non-positive input dimension or class count, or no layers
     */
    public ModelSpec(String name, String description, int[] input, int classes, NeuronSettings neuron,
                     Map<String, NeuronSettings> neuronByLayer, AnnActivation annActivation, Hybrid hybrid, List<LayerSpec> layers) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = description;
        if (input.length == 0 || Arrays.stream(input).anyMatch(d -> d <= 0)) {
            throw new SpecException(name + ": field 'input' must be a non-empty array of positive integers, was " + Arrays.toString(input));
        }
        if (classes <= 0) throw new SpecException(name + ": field 'classes' must be a positive integer, was " + classes);
        if (layers.isEmpty()) throw new SpecException(name + ": field 'layers' is empty");
        this.input = input.clone();
        this.classes = classes;
        this.neuron = Objects.requireNonNull(neuron, "neuron");
        this.neuronByLayer = Collections.unmodifiableMap(new LinkedHashMap<>(neuronByLayer));
        this.annActivation = annActivation;
        this.hybrid = hybrid;
        this.layers = List.copyOf(layers);
    }

    /** A spec with model-level neuron settings and nothing optional. */
    public ModelSpec(String name, int[] input, int classes, NeuronSettings neuron, List<LayerSpec> layers) {
        this(name, null, input, classes, neuron, Map.of(), null, null, layers);
    }

    /** Parses JSON text ({@code source} names it in errors). */
    public static ModelSpec parse(String text, String source) {
        return SpecReader.parse(text, source);
    }

    /** Reads a spec file. */
    public static ModelSpec load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new SpecException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Writes the spec (pretty JSON) atomically. */
    public void save(Path file) {
        AtomicFile.writeString(file, toJson() + "\n");
    }

    /** The spec as pretty-printed JSON (what {@link #parse} reads back as an equal spec). */
    public String toJson() {
        return SpecWriter.write(this);
    }

    /**
     * This spec checked as a spec file is ({@link #parse}'s messages, {@code source} naming it): for specs
     * built in code from untrusted input, such as an imported graph.
     */
    public ModelSpec validated(String source) {
        return parse(toJson(), source);
    }

    public String name() {
        return name;
    }

    /** A free-text description (null when absent). */
    public String description() {
        return description;
    }

    /** Per-sample input shape, e.g. [1, 28, 28]. */
    public int[] inputShape() {
        return input.clone();
    }

    public int classes() {
        return classes;
    }

    /** The model-level neuron defaults (empty when absent). */
    public NeuronSettings neuron() {
        return neuron;
    }

    /** Per-layer neuron overrides by spiking layer name, in spec order (empty when absent). */
    public Map<String, NeuronSettings> neuronByLayer() {
        return neuronByLayer;
    }

    /** What the spiking positions become in the ANN twin (ReLU when the spec does not say). */
    public AnnActivation annActivation() {
        return annActivation != null ? annActivation : AnnActivation.relu();
    }

    /** The spikes-to-ANN boundary of a hybrid network (rate when the spec does not say). */
    public Hybrid hybrid() {
        return hybrid != null ? hybrid : Hybrid.rate();
    }

    /** The layer entries. */
    public List<LayerSpec> layers() {
        return layers;
    }

    /** {@code ann_activation} as the spec gives it (null when absent), for the writer. */
    AnnActivation declaredAnnActivation() {
        return annActivation;
    }

    /** {@code hybrid} as the spec gives it (null when absent), for the writer. */
    Hybrid declaredHybrid() {
        return hybrid;
    }

    /** A copy of this spec with some model-level neuron fields replaced (e.g. from CLI flags). */
    public ModelSpec withNeuron(NeuronSettings overrides) {
        return withNeuronDefaults(neuron.overriddenBy(overrides));
    }

    /** A copy of this spec whose model-level neuron is {@code neuron} (no field of the old one kept). */
    public ModelSpec withNeuronDefaults(NeuronSettings neuron) {
        return new ModelSpec(name, description, input, classes, neuron, neuronByLayer, annActivation, hybrid, layers);
    }

    /** A copy of this spec whose {@code neuron_by_layer} is replaced by {@code byLayer}. */
    public ModelSpec withNeuronByLayer(Map<String, NeuronSettings> byLayer) {
        return new ModelSpec(name, description, input, classes, neuron, byLayer, annActivation, hybrid, layers);
    }

    /** A copy of this spec whose {@code ann_activation} is {@code activation}. */
    public ModelSpec withAnnActivation(AnnActivation activation) {
        return new ModelSpec(name, description, input, classes, neuron, neuronByLayer, activation, hybrid, layers);
    }

    /** A copy of this spec whose {@code hybrid} boundary is {@code hybrid}. */
    public ModelSpec withHybrid(Hybrid hybrid) {
        return new ModelSpec(name, description, input, classes, neuron, neuronByLayer, annActivation, hybrid, layers);
    }

    /** A copy of this spec with other layer entries. */
    public ModelSpec withLayers(List<LayerSpec> layers) {
        return new ModelSpec(name, description, input, classes, neuron, neuronByLayer, annActivation, hybrid, layers);
    }

    /** A copy with other input shape and class count (presets built for one data set, used on another). */
    public ModelSpec withData(int[] inputShape, int classes) {
        return new ModelSpec(name, description, inputShape, classes, neuron, neuronByLayer, annActivation, hybrid, layers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec s && s.name.equals(name) && Objects.equals(s.description, description) && Arrays.equals(s.input, input)
                && s.classes == classes && s.neuron.equals(neuron) && s.neuronByLayer.equals(neuronByLayer)
                && Objects.equals(s.annActivation, annActivation) && Objects.equals(s.hybrid, hybrid) && s.layers.equals(layers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(input), classes, neuron, neuronByLayer, annActivation, hybrid, layers);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
