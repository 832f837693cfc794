package org.snn4j.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snn4j.Snn4jException;

/**
 * Reads a spec's JSON into the typed {@link ModelSpec}, checking every field: the one place where spec
 * JSON is parsed and validated. Errors name the field and where it is ({@code m.json.ann_activation},
 * {@code w1 layers[3] (conv)}, {@code w1 neuron_by_layer.sn2}); what depends on shapes is checked when
 * the spec is built ({@link ModelBuilder}).
 */
final class SpecReader {
    /** The fields of a neuron object. */
    static final Set<String> NEURON_FIELDS = Set.of("model", "leak", "threshold", "reset", "test", "initial",
            "surrogate", "detach_reset", "amplitude", "channel_scale", "channel_bias", "signed", "burst");
    /** Layer types a backward residual block's body may hold (no state shared across passes, no nesting). */
    private static final Set<String> BACKRES_BODY = Set.of("conv", "linear", "avgpool", "dropout", "relu", "spike");

    private SpecReader() {}

    /** Parses JSON text ({@code source} names it in errors). */
    static ModelSpec parse(String text, String source) {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) throw new SpecException(source + ": a model spec must be a JSON object");
            return read(e.getAsJsonObject(), source);
        } catch (JsonParseException e) {
            // Gson wraps the reader's error: its message ("End of input at line 1 column 15 path $.name") is the useful part
            String detail = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new SpecException(source + ": not valid JSON (" + firstLine(detail) + ")", e);
        }
    }

    private static ModelSpec read(JsonObject json, String source) {
        JsonFields f = new JsonFields(json, source);
        f.onlyFields(Set.of("name", "input", "classes", "neuron", "neuron_by_layer", "ann_activation", "hybrid", "layers", "description"));
        String name = f.string("name");
        int[] input = f.positiveInts("input");
        int classes = f.positiveInt("classes");
        JsonFields neuronFields = f.has("neuron") ? f.child("neuron") : null;
        JsonFields byLayerFields = f.has("neuron_by_layer") ? f.child("neuron_by_layer") : null;
        AnnActivation annActivation = f.has("ann_activation") ? annActivation(f.child("ann_activation")) : null;
        if (f.array("layers").isEmpty()) throw new SpecException(source + ": field 'layers' is empty");
        String description = f.has("description") ? f.string("description") : null;
        Hybrid hybrid = f.has("hybrid") ? hybrid(new JsonFields(json, name).child("hybrid")) : null;
        NeuronSettings neuron = neuronFields == null ? NeuronSettings.NONE
                : neuron(new JsonFields(neuronFields.object(), name + " neuron"), NEURON_FIELDS);
        Map<String, NeuronSettings> byLayer = new LinkedHashMap<>();
        if (byLayerFields != null) {
            JsonFields all = new JsonFields(byLayerFields.object(), name + " neuron_by_layer");
            for (String layer : all.object().keySet()) {
                byLayer.put(layer, neuron(new JsonFields(all.child(layer).object(), name + " neuron_by_layer." + layer), NEURON_FIELDS));
            }
        }
        List<LayerSpec> layers = layers(f.array("layers"), name + " layers", true);
        return new ModelSpec(name, description, input, classes, neuron, byLayer, annActivation, hybrid, layers);
    }

    private static List<LayerSpec> layers(JsonArray entries, String where, boolean topLevel) {
        if (entries.isEmpty()) throw new SpecException(where + ": no layers");
        List<LayerSpec> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) out.add(layer(entry(entries.get(i), where + "[" + i + "]"), topLevel));
        return out;
    }

    /** A layer entry's fields, named {@code at (type)} in errors. */
    private static JsonFields entry(JsonElement e, String at) {
        if (!e.isJsonObject()) throw new SpecException(at + ": a layer must be a JSON object, was " + e);
        String type = new JsonFields(e.getAsJsonObject(), at).string("type");
        return new JsonFields(e.getAsJsonObject(), at + " (" + type + ")");
    }

    private static LayerSpec layer(JsonFields f, boolean topLevel) {
        String type = f.string("type");
        if (f.has("ann") && !(topLevel && type.equals("spike"))) {
            throw new SpecException(f.where() + ": field 'ann' is for top-level spike entries only");
        }
        switch (type) {
            case "conv" -> {
                f.onlyFields(Set.of("type", "out", "kernel", "stride", "padding", "bias", "init_std"));
                int kernel = f.positiveInt("kernel");
                return new LayerSpec.Conv(f.positiveInt("out"), kernel, f.has("stride") ? f.positiveInt("stride") : null,
                        optionalNonNegative(f, "padding"), optionalBool(f, "bias"), optionalNumber(f, "init_std"));
            }
            case "linear" -> {
                f.onlyFields(Set.of("type", "out", "bias", "init_std"));
                return new LayerSpec.Linear(f.positiveInt("out"), optionalBool(f, "bias"), optionalNumber(f, "init_std"));
            }
            case "avgpool", "maxpool" -> {
                f.onlyFields(Set.of("type", "kernel", "stride", "padding"));
                int kernel = f.positiveInt("kernel");
                Integer stride = f.has("stride") ? f.positiveInt("stride") : null;
                Integer padding = optionalNonNegative(f, "padding");
                return type.equals("avgpool") ? new LayerSpec.AvgPool(kernel, stride, padding) : new LayerSpec.MaxPool(kernel, stride, padding);
            }
            case "globalavgpool", "flatten", "relu" -> {
                f.onlyFields(Set.of("type"));
                return switch (type) {
                    case "globalavgpool" -> new LayerSpec.GlobalAvgPool();
                    case "flatten" -> new LayerSpec.Flatten();
                    default -> new LayerSpec.Relu();
                };
            }
            case "batchnorm" -> {
                f.onlyFields(Set.of("type", "momentum", "eps", "alpha"));
                return new LayerSpec.BatchNorm(f.has("momentum") ? f.numberIn("momentum", 0.1, 0, 1) : null,
                        f.has("eps") ? f.numberIn("eps", 1e-5, 0, 1) : null, f.has("alpha") ? f.positiveNumber("alpha") : null);
            }
            case "dropout" -> {
                f.onlyFields(Set.of("type", "p"));
                return new LayerSpec.Dropout(f.has("p") ? f.numberIn("p", 0.5, 0, 0.999) : null);
            }
            case "spike" -> {
                Set<String> allowed = new HashSet<>(NEURON_FIELDS);
                allowed.add("type");
                allowed.add("ann");
                return new LayerSpec.Spike(neuron(f, allowed), optionalBool(f, "ann"));
            }
            case "readout" -> {
                f.onlyFields(Set.of("type", "leak"));
                return new LayerSpec.Readout(f.has("leak") ? (float) f.numberIn("leak", 1.0, 0, 1) : null);
            }
            case "recurrent" -> {
                f.onlyFields(Set.of("type", "neuron", "leak", "synaptic_decay", "adaptation_decay", "adaptation_jump", "threshold",
                        "reset", "recurrence", "surrogate", "init_std"));
                return new LayerSpec.Recurrent(optionalString(f, "neuron"), optionalFraction(f, "leak"), optionalFraction(f, "synaptic_decay"),
                        optionalFraction(f, "adaptation_decay"), optionalSingle(f, "adaptation_jump"), optionalSingle(f, "threshold"),
                        optionalString(f, "reset"), optionalString(f, "recurrence"), optionalString(f, "surrogate"),
                        optionalNumber(f, "init_std"));
            }
            case "integrator" -> {
                f.onlyFields(Set.of("type", "leak", "scale"));
                return new LayerSpec.Integrator(optionalFraction(f, "leak"), optionalSingle(f, "scale"));
            }
            case "reduce" -> {
                f.onlyFields(Set.of("type", "mode"));
                return new LayerSpec.Reduce(optionalString(f, "mode"));
            }
            case "residual" -> {
                f.onlyFields(Set.of("type", "branch", "shortcut", "neuron"));
                List<LayerSpec> branch = layers(f.array("branch"), f.where() + ".branch", false);
                List<LayerSpec> shortcut = f.has("shortcut") ? layers(f.array("shortcut"), f.where() + ".shortcut", false) : null;
                return new LayerSpec.Residual(branch, shortcut, f.has("neuron") ? neuron(f.child("neuron"), NEURON_FIELDS) : null);
            }
            case "backres" -> {
                f.onlyFields(Set.of("type", "passes", "body"));
                return new LayerSpec.BackRes(f.positiveInt("passes"), backresBody(f.array("body"), f.where()));
            }
            default -> throw new SpecException(f.where() + ": unknown layer type '" + type + "' (valid: conv, linear, "
                    + "avgpool, maxpool, globalavgpool, batchnorm, dropout, flatten, relu, spike, readout, residual, backres, recurrent, integrator, reduce)");
        }
    }

    private static List<LayerSpec> backresBody(JsonArray body, String where) {
        if (body.isEmpty()) throw new SpecException(where + ".body: no layers");
        List<LayerSpec> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonFields f = entry(body.get(i), where + ".body[" + i + "]");
            if (f.has("ann")) throw new SpecException(f.where() + ": field 'ann' is for top-level spike entries only");
            if (!BACKRES_BODY.contains(f.string("type"))) {
                throw new SpecException(f.where() + ": a backward residual block may hold only " + String.join(", ", new TreeSet<>(BACKRES_BODY)));
            }
            out.add(layer(f, false));
        }
        return out;
    }

    /** The neuron fields of {@code f} (which may hold no fields but {@code allowed}). */
    private static NeuronSettings neuron(JsonFields f, Set<String> allowed) {
        f.onlyFields(allowed);
        return new NeuronSettings(optionalString(f, "model"), f.has("leak") ? single(f, "leak", f.numberIn("leak", 1.0, 0, 1)) : null,
                optionalSingle(f, "threshold"), optionalSingle(f, "amplitude"), optionalString(f, "reset"), optionalString(f, "test"),
                optionalString(f, "initial"), optionalString(f, "surrogate"), optionalBool(f, "detach_reset"), optionalBool(f, "signed"),
                optionalBool(f, "burst"), f.has("channel_scale") ? NeuronSettings.floats(f.finiteFloats("channel_scale")) : null,
                f.has("channel_bias") ? NeuronSettings.floats(f.finiteFloats("channel_bias")) : null);
    }

    /** Reads and validates the {@code ann_activation} object {@code f} (errors name its place and field). */
    private static AnnActivation annActivation(JsonFields f) {
        f.onlyFields(new java.util.LinkedHashSet<>(List.of("type", "levels", "bound", "trainable")));
        String type = f.string("type");
        AnnActivation.Kind kind;
        try {
            kind = AnnActivation.Kind.byLabel(type);
        } catch (Snn4jException e) {
            throw new SpecException(f.where() + ": field 'type' must be relu, clip or qcfs, was '" + type + "'");
        }
        if (kind != AnnActivation.Kind.QCFS && f.has("levels")) {
            throw new SpecException(f.where() + ": field 'levels' is for type qcfs only, not " + kind.label());
        }
        boolean relu = kind == AnnActivation.Kind.RELU;
        if (relu && f.has("bound")) throw new SpecException(f.where() + ": field 'bound' is for types clip and qcfs, not relu");
        int levels = kind == AnnActivation.Kind.QCFS ? f.positiveInt("levels", AnnActivation.DEFAULT_LEVELS) : 0;
        double bound = relu ? 0 : f.number("bound", AnnActivation.DEFAULT_BOUND);
        if (!relu && !(bound > 0)) throw new SpecException(f.where() + ": field 'bound' must be > 0, was " + bound);
        boolean trainable = f.bool("trainable", true);
        if (relu && !trainable) throw new SpecException(f.where() + ": field 'trainable' is for types clip and qcfs, not relu");
        return new AnnActivation(kind, levels, bound, trainable);
    }

    /** Reads and validates the spec's {@code hybrid} object. */
    private static Hybrid hybrid(JsonFields f) {
        f.onlyFields(Set.of("boundary", "leak"));
        try {
            return new Hybrid(Hybrid.Boundary.byLabel(f.string("boundary", "rate")), f.number("leak", 1));
        } catch (SpecException e) {
            throw e;
        } catch (Snn4jException e) {
            throw new SpecException(f.where() + ": " + e.getMessage(), e);
        }
    }

    private static String optionalString(JsonFields f, String field) {
        return f.has(field) ? f.string(field) : null;
    }

    private static Boolean optionalBool(JsonFields f, String field) {
        return f.has(field) ? f.bool(field, false) : null;
    }

    private static Integer optionalNonNegative(JsonFields f, String field) {
        return f.has(field) ? f.nonNegativeInt(field, 0) : null;
    }

    private static Double optionalNumber(JsonFields f, String field) {
        return f.has(field) ? f.number(field, 0) : null;
    }

    private static Float optionalFraction(JsonFields f, String field) {
        return f.has(field) ? single(f, field, f.numberIn(field, 1.0, 0, 1)) : null;
    }

    private static Float optionalSingle(JsonFields f, String field) {
        return f.has(field) ? single(f, field, f.number(field, 0)) : null;
    }

    /** {@code v} in single precision, the network's; a value beyond its range is not finite there. */
    private static Float single(JsonFields f, String field, double v) {
        if (!Float.isFinite((float) v)) throw new SpecException(f.where() + ": field '" + field + "' must be a finite number, was " + v);
        return (float) v;
    }

    private static String firstLine(String s) {
        if (s == null) return "parse error";
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
