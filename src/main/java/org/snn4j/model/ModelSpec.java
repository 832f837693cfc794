package org.snn4j.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snn4j.io.AtomicFile;

/**
 * A network described as JSON: what {@code --model} accepts as a file, what presets produce and what
 * every saved model carries. It round-trips exactly through {@link #toJson()} and {@link #parse}.
 *
 * <pre>{@code
 * {"name": "w1", "input": [1, 28, 28], "classes": 10,
 *  "neuron": {"model": "lif", "leak": 0.9, "threshold": 1.0, "reset": "subtract", "surrogate": "triangle"},
 *  "layers": [{"type": "conv", "out": 32, "kernel": 3, "padding": 1}, {"type": "spike"},
 *             {"type": "avgpool", "kernel": 2}, ..., {"type": "linear", "out": 10}, {"type": "readout"}]}
 * }</pre>
 *
 * <p>Layer types: {@code conv} (out, kernel, stride=1, padding=0, bias=false, init_std),
 * {@code linear} (out, bias=false, init_std), {@code avgpool}/{@code maxpool} (kernel, stride=kernel),
 * {@code batchnorm} (momentum=0.1, eps=1e-5), {@code dropout} (p), {@code flatten}, {@code relu},
 * {@code spike} (a spiking neuron layer; any field of the model-level {@code neuron} object may be
 * overridden here), {@code readout} (non-spiking integrator, leak=1), {@code residual} (branch: a list
 * of layers; shortcut: a list of layers, absent for identity; neuron: overrides for the block's output
 * neuron), {@code backres} (passes: n ≥ 1; body: a list of conv, linear, avgpool, dropout, relu and
 * spike entries that keeps the shape; a backward residual block, see
 * {@link org.snn4j.nn.BackwardResidualBlock}: weighted layers {@code bres1.conv1} shared by the passes,
 * activations per pass {@code bres1.p2.sn1}). The optional top-level {@code neuron_by_layer} maps a spiking layer's name ({@code sn2},
 * {@code res3.out}) to neuron fields that override both levels above for that layer only (what a
 * conversion writes: one threshold per layer). The optional top-level {@code ann_activation} says what
 * the spiking positions become in the ANN twin ({@link ModelBuilder.Mode#ANN}):
 * {@code {"type": "relu"}} (the default when absent), {@code {"type": "clip", "bound": 8.0}}
 * (min(max(z, 0), λ)) or {@code {"type": "qcfs", "levels": 8, "bound": 8.0}} (Bu et al.'s quantized
 * clip), with {@code bound} the initial value of the trainable per-layer upper bound λ (default 8.0)
 * and {@code levels} QCFS's L (default 8); see {@link AnnActivation}. SNN builds use it only for
 * top-level {@code spike} entries marked {@code "ann": true} (a hybrid network), whose spikes-to-ANN
 * boundary the optional top-level {@code "hybrid": {"boundary": "rate"|"membrane", "leak": α}} sets
 * (see {@link Hybrid}). The layers
 * are validated by {@link ModelBuilder} when built.
 */
public final class ModelSpec {
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private final JsonObject json;

    private ModelSpec(JsonObject json) {
        this.json = json;
    }

    /** Wraps a JSON object after validating the top-level fields ({@code source} names it in errors). */
    public static ModelSpec of(JsonObject json, String source) {
        JsonFields f = new JsonFields(json, source);
        f.onlyFields(java.util.Set.of("name", "input", "classes", "neuron", "neuron_by_layer", "ann_activation", "hybrid", "layers",
                "description"));
        f.string("name");
        f.positiveInts("input");
        f.positiveInt("classes");
        if (f.has("neuron")) f.child("neuron");
        if (f.has("neuron_by_layer")) f.child("neuron_by_layer");
        if (f.has("ann_activation")) AnnActivation.from(f.child("ann_activation"));
        if (f.array("layers").isEmpty()) throw new SpecException(source + ": field 'layers' is empty");
        ModelSpec spec = new ModelSpec(json.deepCopy());
        if (f.has("hybrid")) Hybrid.of(spec);
        return spec;
    }

    /** Parses JSON text. */
    public static ModelSpec parse(String text, String source) {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) throw new SpecException(source + ": a model spec must be a JSON object");
            return of(e.getAsJsonObject(), source);
        } catch (JsonParseException e) {
            // Gson wraps the reader's error: its message ("End of input at line 1 column 15 path $.name") is the useful part
            String detail = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new SpecException(source + ": not valid JSON (" + firstLine(detail) + ")", e);
        }
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

    public String toJson() {
        return PRETTY.toJson(json);
    }

    /** A copy of the JSON tree. */
    public JsonObject json() {
        return json.deepCopy();
    }

    public String name() {
        return json.get("name").getAsString();
    }

    /** Per-sample input shape, e.g. [1, 28, 28]. */
    public int[] inputShape() {
        return new JsonFields(json, name()).positiveInts("input");
    }

    public int classes() {
        return json.get("classes").getAsInt();
    }

    /** The model-level neuron defaults (an empty object when absent). */
    public JsonObject neuron() {
        return json.has("neuron") ? json.getAsJsonObject("neuron").deepCopy() : new JsonObject();
    }

    /** Per-layer neuron overrides by spiking layer name (an empty object when absent). */
    public JsonObject neuronByLayer() {
        return json.has("neuron_by_layer") ? json.getAsJsonObject("neuron_by_layer").deepCopy() : new JsonObject();
    }

    /** A copy of this spec whose {@code neuron_by_layer} is replaced by {@code byLayer}. */
    public ModelSpec withNeuronByLayer(JsonObject byLayer) {
        JsonObject copy = json.deepCopy();
        copy.add("neuron_by_layer", byLayer.deepCopy());
        return of(copy, name());
    }

    /** What the spiking positions become in the ANN twin (ReLU when the spec does not say). */
    public AnnActivation annActivation() {
        JsonFields f = new JsonFields(json, name());
        return f.has("ann_activation") ? AnnActivation.from(f.child("ann_activation")) : AnnActivation.relu();
    }

    /** A copy of this spec whose {@code ann_activation} is {@code activation}. */
    public ModelSpec withAnnActivation(AnnActivation activation) {
        JsonObject copy = json.deepCopy();
        copy.add("ann_activation", activation.toJson());
        return of(copy, name());
    }

    public JsonArray layers() {
        return json.getAsJsonArray("layers").deepCopy();
    }

    /** A copy of this spec with some model-level neuron fields replaced (e.g. from CLI flags). */
    public ModelSpec withNeuron(JsonObject overrides) {
        JsonObject copy = json.deepCopy();
        JsonObject n = copy.has("neuron") ? copy.getAsJsonObject("neuron") : new JsonObject();
        overrides.entrySet().forEach(e -> n.add(e.getKey(), e.getValue()));
        copy.add("neuron", n);
        return of(copy, name());
    }

    /** A copy with other input shape and class count (presets built for one data set, used on another). */
    public ModelSpec withData(int[] inputShape, int classes) {
        JsonObject copy = json.deepCopy();
        JsonArray in = new JsonArray();
        for (int d : inputShape) in.add(d);
        copy.add("input", in);
        copy.addProperty("classes", classes);
        return of(copy, name());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec s && s.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }

    private static String firstLine(String s) {
        if (s == null) return "parse error";
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
