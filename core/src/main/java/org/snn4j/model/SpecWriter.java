package org.snn4j.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ModelSpec} as JSON: the one place spec JSON is produced. Fields come in a fixed order
 * (top level: name, description, input, classes, neuron, layers, ann_activation, hybrid,
 * neuron_by_layer; an entry: type, then its fields as {@link LayerSpec} declares them; a neuron object:
 * the order of {@link NeuronSettings}); optional fields only when set. Single-precision values are
 * written as such (the shortest decimal that reads back as the same float).
 */
final class SpecWriter {
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private SpecWriter() {}

    /** Pretty-printed JSON. */
    static String write(ModelSpec spec) {
        return PRETTY.toJson(json(spec));
    }

    private static JsonObject json(ModelSpec spec) {
        JsonObject o = new JsonObject();
        o.addProperty("name", spec.name());
        if (spec.description() != null) o.addProperty("description", spec.description());
        JsonArray in = new JsonArray();
        for (int d : spec.inputShape()) in.add(d);
        o.add("input", in);
        o.addProperty("classes", spec.classes());
        if (!spec.neuron().isEmpty()) o.add("neuron", neuron(new JsonObject(), spec.neuron()));
        o.add("layers", layers(spec.layers()));
        if (spec.declaredAnnActivation() != null) o.add("ann_activation", annActivation(spec.declaredAnnActivation()));
        if (spec.declaredHybrid() != null) o.add("hybrid", hybrid(spec.declaredHybrid()));
        if (!spec.neuronByLayer().isEmpty()) {
            JsonObject byLayer = new JsonObject();
            for (Map.Entry<String, NeuronSettings> e : spec.neuronByLayer().entrySet()) byLayer.add(e.getKey(), neuron(new JsonObject(), e.getValue()));
            o.add("neuron_by_layer", byLayer);
        }
        return o;
    }

    private static JsonArray layers(List<LayerSpec> layers) {
        JsonArray a = new JsonArray();
        for (LayerSpec l : layers) a.add(layer(l));
        return a;
    }

    private static JsonObject layer(LayerSpec layer) {
        JsonObject o = new JsonObject();
        o.addProperty("type", layer.type());
        switch (layer) {
            case LayerSpec.Conv c -> {
                o.addProperty("out", c.out());
                o.addProperty("kernel", c.kernel());
                put(o, "stride", c.stride());
                put(o, "padding", c.padding());
                put(o, "bias", c.bias());
                put(o, "init_std", c.initStd());
            }
            case LayerSpec.Linear l -> {
                o.addProperty("out", l.out());
                put(o, "bias", l.bias());
                put(o, "init_std", l.initStd());
            }
            case LayerSpec.AvgPool p -> pool(o, p.kernel(), p.stride(), p.padding());
            case LayerSpec.MaxPool p -> pool(o, p.kernel(), p.stride(), p.padding());
            case LayerSpec.BatchNorm b -> {
                put(o, "momentum", b.momentum());
                put(o, "eps", b.eps());
                put(o, "alpha", b.alpha());
            }
            case LayerSpec.Dropout d -> put(o, "p", d.p());
            case LayerSpec.Spike s -> {
                neuron(o, s.neuron());
                put(o, "ann", s.ann());
            }
            case LayerSpec.Readout r -> put(o, "leak", r.leak());
            case LayerSpec.Residual r -> {
                o.add("branch", layers(r.branch()));
                if (r.shortcut() != null) o.add("shortcut", layers(r.shortcut()));
                if (r.neuron() != null) o.add("neuron", neuron(new JsonObject(), r.neuron()));
            }
            case LayerSpec.BackRes b -> {
                o.addProperty("passes", b.passes());
                o.add("body", layers(b.body()));
            }
            case LayerSpec.Recurrent r -> {
                put(o, "neuron", r.neuron());
                put(o, "leak", r.leak());
                put(o, "synaptic_decay", r.synapticDecay());
                put(o, "adaptation_decay", r.adaptationDecay());
                put(o, "adaptation_jump", r.adaptationJump());
                put(o, "threshold", r.threshold());
                put(o, "reset", r.reset());
                put(o, "recurrence", r.recurrence());
                put(o, "surrogate", r.surrogate());
                put(o, "init_std", r.initStd());
            }
            case LayerSpec.Integrator i -> {
                put(o, "leak", i.leak());
                put(o, "scale", i.scale());
            }
            case LayerSpec.Reduce r -> put(o, "mode", r.mode());
            case LayerSpec.GlobalAvgPool g -> { }
            case LayerSpec.Flatten f -> { }
            case LayerSpec.Relu r -> { }
        }
        return o;
    }

    private static void pool(JsonObject o, int kernel, Integer stride, Integer padding) {
        o.addProperty("kernel", kernel);
        put(o, "stride", stride);
        put(o, "padding", padding);
    }

    /** Adds the fields {@code n} sets to {@code o}; returns {@code o}. */
    private static JsonObject neuron(JsonObject o, NeuronSettings n) {
        put(o, "model", n.model());
        put(o, "leak", n.leak());
        put(o, "threshold", n.threshold());
        put(o, "amplitude", n.amplitude());
        put(o, "reset", n.reset());
        put(o, "test", n.test());
        put(o, "initial", n.initial());
        put(o, "surrogate", n.surrogate());
        put(o, "detach_reset", n.detachReset());
        put(o, "signed", n.signed());
        put(o, "burst", n.burst());
        floats(o, "channel_scale", n.channelScale());
        floats(o, "channel_bias", n.channelBias());
        return o;
    }

    /** The {@code ann_activation} object: only the fields the kind has. */
    static JsonObject annActivation(AnnActivation a) {
        JsonObject o = new JsonObject();
        o.addProperty("type", a.kind().label());
        if (a.kind() == AnnActivation.Kind.QCFS) o.addProperty("levels", a.levels());
        if (a.kind() != AnnActivation.Kind.RELU) o.addProperty("bound", a.bound());
        if (!a.trainable()) o.addProperty("trainable", false);
        return o;
    }

    private static JsonObject hybrid(Hybrid h) {
        JsonObject o = new JsonObject();
        o.addProperty("boundary", h.boundary().label());
        if (h.boundary() == Hybrid.Boundary.MEMBRANE) o.addProperty("leak", h.leak());
        return o;
    }

    private static void floats(JsonObject o, String field, List<Float> values) {
        if (values == null) return;
        JsonArray a = new JsonArray();
        for (Float v : values) a.add(v);
        o.add(field, a);
    }

    private static void put(JsonObject o, String field, Object value) {
        switch (value) {
            case null -> { }
            case Number n -> o.addProperty(field, n);
            case Boolean b -> o.addProperty(field, b);
            case String s -> o.addProperty(field, s);
            default -> throw new IllegalArgumentException("unsupported spec value " + value);
        }
    }
}
