package org.snn4j.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snn4j.Snn4jException;
import org.snn4j.nn.AvgPool2d;
import org.snn4j.nn.BackwardResidualBlock;
import org.snn4j.nn.BatchNorm;
import org.snn4j.nn.Conv2d;
import org.snn4j.nn.Dropout;
import org.snn4j.nn.Flatten;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Linear;
import org.snn4j.nn.MaxPool2d;
import org.snn4j.nn.ReLU;
import org.snn4j.neuron.ChannelCalibration;
import org.snn4j.nn.ResidualBlock;
import org.snn4j.nn.Sequential;
import org.snn4j.neuron.IntegratingReadout;
import org.snn4j.neuron.NeuronConfig;
import org.snn4j.tensor.Rng;

/**
 * Builds a {@link Model} from a {@link ModelSpec}: validates every layer entry (naming it, e.g.
 * "w1 layers[3] (conv)"), tracks the per-sample shape through the network, names layers
 * ({@code conv1}, {@code sn1}, {@code pool1}, {@code fc1}, {@code res1.conv1}, …) and initialises the
 * weights from a seed.
 *
 * <p>In {@link Mode#ANN} the same spec builds the ANN twin: every spiking position (a {@code spike}
 * entry, a residual block's output neuron) becomes the spec's {@link ModelSpec#annActivation()} (ReLU,
 * or clip / QCFS with a trainable bound {@code <layer>.bound}) under the spiking layer's name, and the
 * readout averages over the (single) time step, so an ANN and its SNN share the names and shapes of
 * all other parameters (what conversion needs).
 */
public final class ModelBuilder {
    /** Spiking network, or its ANN twin. */
    public enum Mode { SNN, ANN }

    private static final Set<String> NEURON_FIELDS = Set.of("model", "leak", "threshold", "reset", "test", "initial",
            "surrogate", "detach_reset", "amplitude", "channel_scale", "channel_bias", "signed", "burst");

    private final ModelSpec spec;
    private final Mode mode;
    private final Rng rng;
    private final JsonObject neuronDefaults;
    private final JsonObject neuronByLayer;
    private final AnnActivation annActivation;
    private final Hybrid hybrid;
    private final Set<String> spikingLayers = new java.util.LinkedHashSet<>();
    private final Map<String, Integer> counters = new HashMap<>();
    /** Bytes a weight costs in training: float value, gradient and two Adam moments. */
    private static final int BYTES_PER_WEIGHT = 16;
    /** Weights of the layers built so far. */
    private long weights;

    private ModelBuilder(ModelSpec spec, Mode mode, long seed) {
        this.spec = spec;
        this.mode = mode;
        this.rng = new Rng(seed);
        this.neuronDefaults = spec.neuron();
        this.neuronByLayer = spec.neuronByLayer();
        this.annActivation = spec.annActivation();
        this.hybrid = Hybrid.of(spec);
        new JsonFields(neuronDefaults, spec.name() + " neuron").onlyFields(NEURON_FIELDS);
        for (var e : neuronByLayer.entrySet()) {
            new JsonFields(new JsonFields(neuronByLayer, spec.name() + " neuron_by_layer").child(e.getKey()).object(),
                    spec.name() + " neuron_by_layer." + e.getKey()).onlyFields(NEURON_FIELDS);
        }
    }

    /**
     * Builds the network described by {@code spec}.
     *
     * @param seed initialises the weights (same seed, same weights)
     * @throws SpecException naming the layer entry that is invalid or does not fit its input shape
     */
    public static Model build(ModelSpec spec, Mode mode, long seed) {
        ModelBuilder b = new ModelBuilder(spec, mode, seed);
        int[] shape = spec.inputShape();
        List<Layer> layers = b.sequence(spec.layers(), shape, "", spec.name() + " layers");
        for (String named : b.neuronByLayer.keySet()) {
            if (mode == Mode.SNN && !b.spikingLayers.contains(named)) {
                throw new SpecException(spec.name() + ": neuron_by_layer names '" + named + "', which is not a spiking layer "
                        + "of this model (its spiking layers: " + String.join(", ", b.spikingLayers) + ")");
            }
        }
        Sequential net = new Sequential(spec.name(), layers);
        int[] out = net.outputShape(spec.inputShape());
        if (out.length != 1 || out[0] != spec.classes()) {
            throw new SpecException(spec.name() + ": the network ends in shape " + java.util.Arrays.toString(out)
                    + ", expected [" + spec.classes() + "] (one score per class)");
        }
        if (!(layers.get(layers.size() - 1) instanceof IntegratingReadout)) {
            throw new SpecException(spec.name() + ": the last layer must be a readout");
        }
        return new Model(spec, mode, net);
    }

    private List<Layer> sequence(JsonArray entries, int[] shape, String prefix, String where) {
        List<Layer> out = new ArrayList<>();
        int[] s = shape;
        boolean spikes = false;  // the signal here is a spiking layer's spike train (top level of a hybrid SNN)
        for (int i = 0; i < entries.size(); i++) {
            JsonFields f = entry(entries.get(i), where + "[" + i + "]");
            String type = f.string("type");
            if (f.has("ann") && !(prefix.isEmpty() && type.equals("spike"))) {
                throw new SpecException(f.where() + ": field 'ann' is for top-level spike entries only");
            }
            Layer layer = layer(type, f, s, prefix);
            if (mode == Mode.SNN && prefix.isEmpty() && isActivation(type)) {
                boolean ann = annPosition(f);
                if (!ann && hybrid.boundary() == Hybrid.Boundary.RATE && nextActivationIsAnn(entries, i, where)) {
                    layer = new Sequential(layer.name() + ".boundary", layer, new IntegratingReadout(layer.name() + ".rate"));
                } else if (ann && spikes && hybrid.boundary() == Hybrid.Boundary.MEMBRANE) {
                    layer = new Sequential(layer.name() + ".boundary",
                            new IntegratingReadout(layer.name() + ".membrane", (float) hybrid.leak(), false), layer);
                }
                spikes = !ann;
            }
            s = outputShape(layer, s, f);
            out.add(layer);
        }
        if (out.isEmpty()) throw new SpecException(where + ": no layers");
        return out;
    }

    /** A layer entry's fields, named {@code at (type)} in errors. */
    private static JsonFields entry(JsonElement e, String at) {
        if (!e.isJsonObject()) throw new SpecException(at + ": a layer must be a JSON object, was " + e);
        String type = new JsonFields(e.getAsJsonObject(), at).string("type");
        return new JsonFields(e.getAsJsonObject(), at + " (" + type + ")");
    }

    /** {@code layer}'s output shape for {@code in}; a refusal is reported as the entry's. */
    private static int[] outputShape(Layer layer, int[] in, JsonFields entry) {
        try {
            return layer.outputShape(in);
        } catch (Snn4jException ex) {
            throw new SpecException(entry.where() + ": " + ex.getMessage(), ex);
        }
    }

    private static boolean isActivation(String type) {
        return type.equals("spike") || type.equals("residual") || type.equals("backres");
    }

    private static boolean annPosition(JsonFields f) {
        return f.bool("ann", false);
    }

    /** Whether the next activation entry after {@code i} is an ANN position. */
    private static boolean nextActivationIsAnn(JsonArray entries, int i, String where) {
        for (int j = i + 1; j < entries.size(); j++) {
            JsonFields f = entry(entries.get(j), where + "[" + j + "]");
            if (isActivation(f.string("type"))) return annPosition(f);
        }
        return false;
    }

    private String next(String prefix, String kind) {
        int n = counters.merge(prefix + kind, 1, Integer::sum);
        return prefix + kind + n;
    }

    private Layer layer(String type, JsonFields f, int[] in, String prefix) {
        switch (type) {
            case "conv" -> {
                f.onlyFields(Set.of("type", "out", "kernel", "stride", "padding", "bias", "init_std"));
                requireRank(f, in, 3);
                int k = f.positiveInt("kernel");
                String name = next(prefix, "conv");
                int cin = in[0], cout = f.positiveInt("out"), stride = f.positiveInt("stride", 1);
                int pad = f.nonNegativeInt("padding", 0);
                boolean bias = f.bool("bias", false);
                reserveWeights(f, (long) cout * cin * k * k);
                double std = f.number("init_std", Conv2d.heStd(cin * k * k));
                return Conv2d.withWeightStd(name, cin, cout, k, stride, pad, bias, std, rng);
            }
            case "linear" -> {
                f.onlyFields(Set.of("type", "out", "bias", "init_std"));
                requireRank(f, in, 1);
                int fin = in[0];
                reserveWeights(f, (long) fin * f.positiveInt("out"));
                double std = f.number("init_std", Math.sqrt(2.0 / fin));
                return Linear.withStd(next(prefix, "fc"), fin, f.positiveInt("out"), f.bool("bias", false), std, rng);
            }
            case "avgpool", "maxpool" -> {
                f.onlyFields(Set.of("type", "kernel", "stride", "padding"));
                requireRank(f, in, 3);
                int k = f.positiveInt("kernel");
                int stride = f.positiveInt("stride", k), pad = f.nonNegativeInt("padding", 0);
                String name = next(prefix, "pool");
                return type.equals("avgpool") ? new AvgPool2d(name, k, stride, pad) : new MaxPool2d(name, k, stride, pad);
            }
            case "globalavgpool" -> {
                f.onlyFields(Set.of("type"));
                requireRank(f, in, 3);
                if (in[1] != in[2]) throw new SpecException(f.where() + ": needs a square input, was " + in[1] + "x" + in[2]);
                return new AvgPool2d(next(prefix, "pool"), in[1], in[1]);
            }
            case "batchnorm" -> {
                f.onlyFields(Set.of("type", "momentum", "eps"));
                reserveWeights(f, 2L * in[0]);
                return new BatchNorm(next(prefix, "bn"), in[0], f.numberIn("momentum", 0.1, 0, 1), f.numberIn("eps", 1e-5, 0, 1));
            }
            case "dropout" -> {
                f.onlyFields(Set.of("type", "p"));
                return new Dropout(next(prefix, "drop"), f.numberIn("p", 0.5, 0, 0.999));
            }
            case "flatten" -> {
                f.onlyFields(Set.of("type"));
                return new Flatten(next(prefix, "flatten"));
            }
            case "relu" -> {
                f.onlyFields(Set.of("type"));
                return new ReLU(next(prefix, "relu"));
            }
            case "spike" -> {
                return neuron(f, next(prefix, "sn"), in[0]);
            }
            case "readout" -> {
                f.onlyFields(Set.of("type", "leak"));
                requireRank(f, in, 1);
                float leak = (float) f.numberIn("leak", 1.0, 0, 1);
                boolean lee = mode == Mode.SNN
                        && "lee".equals(new JsonFields(neuronDefaults, spec.name() + " neuron").string("surrogate", ""));
                return new IntegratingReadout("readout", mode == Mode.ANN ? 1f : leak, lee);
            }
            case "residual" -> {
                f.onlyFields(Set.of("type", "branch", "shortcut", "neuron"));
                String name = next(prefix, "res");
                String inner = name + ".";
                Sequential branch = new Sequential(inner + "branch", sequence(f.array("branch"), in, inner, f.where() + ".branch"));
                Sequential shortcut = f.has("shortcut")
                        ? new Sequential(inner + "shortcut", sequence(f.array("shortcut"), in, inner + "sc.", f.where() + ".shortcut"))
                        : null;
                JsonFields neuron = f.has("neuron") ? f.child("neuron") : new JsonFields(new JsonObject(), f.where() + ".neuron");
                return new ResidualBlock(name, branch, shortcut, neuron(neuron, inner + "out", branch.outputShape(in)[0]));
            }
            case "backres" -> {
                f.onlyFields(Set.of("type", "passes", "body"));
                return backwardResidual(next(prefix, "bres"), f.positiveInt("passes"), f.array("body"), in, f.where());
            }
            default -> throw new SpecException(f.where() + ": unknown layer type '" + type + "' (valid: conv, linear, "
                    + "avgpool, maxpool, globalavgpool, batchnorm, dropout, flatten, relu, spike, readout, residual, backres)");
        }
    }

    /** Layer types a backward residual block's body may hold (no state shared across passes, no nesting). */
    private static final Set<String> BACKRES_BODY = Set.of("conv", "linear", "avgpool", "dropout", "relu", "spike");

    /**
     * A backward residual block: the body's layers built once (names {@code bres1.conv1}, …) and shared
     * by n passes, each pass with its own activation layers ({@code bres1.p2.sn1}: the second pass's
     * first spiking layer, which neuron_by_layer can address).
     */
    private Layer backwardResidual(String name, int passes, JsonArray body, int[] in, String where) {
        String inner = name + ".";
        List<Layer> shared = new ArrayList<>();
        List<Layer> chains = new ArrayList<>();
        for (int k = 1; k <= passes; k++) {
            List<Layer> chain = new ArrayList<>();
            int[] s = in;
            int activations = 0;
            for (int i = 0; i < body.size(); i++) {
                JsonFields f = entry(body.get(i), where + ".body[" + i + "]");
                String type = f.string("type");
                if (f.has("ann")) throw new SpecException(f.where() + ": field 'ann' is for top-level spike entries only");
                if (!BACKRES_BODY.contains(type)) {
                    throw new SpecException(f.where() + ": a backward residual block may hold only " + String.join(", ", new java.util.TreeSet<>(BACKRES_BODY)));
                }
                Layer layer;
                if (type.equals("spike") || type.equals("relu")) {
                    String own = inner + "p" + k + "." + (type.equals("spike") ? "sn" : "relu") + (++activations);
                    layer = type.equals("spike") ? neuron(f, own, s[0]) : new ReLU(own);
                    if (type.equals("relu")) f.onlyFields(Set.of("type"));
                } else if (k == 1) {
                    layer = layer(type, f, s, inner);
                    shared.add(layer);
                } else {
                    layer = shared.get(chain.size() - activations);
                }
                s = outputShape(layer, s, f);
                chain.add(layer);
            }
            if (chain.isEmpty()) throw new SpecException(where + ".body: no layers");
            if (!java.util.Arrays.equals(s, in)) {
                throw new SpecException(where + ": the body maps " + java.util.Arrays.toString(in) + " to " + java.util.Arrays.toString(s)
                        + "; a backward residual block must keep the shape (its output is added to its input)");
            }
            chains.add(new Sequential(inner + "p" + k, chain));
        }
        return new BackwardResidualBlock(name, chains);
    }

    /**
     * A spiking neuron layer (model defaults overridden by the entry's fields), or the ANN activation in ANN
     * mode; {@code channels} is the input's channel (or feature) count, which per-channel settings
     * ({@code channel_scale}, {@code channel_bias}: see {@link ChannelCalibration}) must match.
     */
    private Layer neuron(JsonFields f, String name, int channels) {
        JsonObject merged = neuronDefaults.deepCopy();
        f.object().entrySet().forEach(e -> {
            if (!e.getKey().equals("type") && !e.getKey().equals("ann")) merged.add(e.getKey(), e.getValue());
        });
        if (neuronByLayer.has(name)) neuronByLayer.getAsJsonObject(name).entrySet().forEach(e -> merged.add(e.getKey(), e.getValue()));
        JsonFields n = new JsonFields(merged, f.where());
        Set<String> allowed = new java.util.HashSet<>(NEURON_FIELDS);
        allowed.add("type");
        if (f.has("type")) allowed.add("ann");  // a spike entry (not a residual block's neuron object)
        new JsonFields(f.object(), f.where()).onlyFields(allowed);
        if (mode == Mode.ANN || annPosition(f)) return annActivation.layer(name);
        spikingLayers.add(name);
        try {
            NeuronConfig.Builder b = NeuronConfig.builder()
                    .model(n.string("model", "lif"))
                    .threshold((float) n.number("threshold", 1.0))
                    .amplitude((float) n.number("amplitude", 1.0))
                    .reset(n.string("reset", "subtract"))
                    .fire(n.string("test", "strict"))
                    .initialMembrane(n.string("initial", "zero"))
                    .surrogate(n.string("surrogate", "triangle"))
                    .detachReset(n.bool("detach_reset", false))
                    .signed(n.bool("signed", false))
                    .burst(n.bool("burst", false));
            if (n.has("leak")) b.leak((float) n.numberIn("leak", 1.0, 0, 1));
            if (n.has("channel_scale") || n.has("channel_bias")) b.channels(channelCalibration(n, channels));
            b.converted(neuronByLayer.has(name));  // what a conversion writes: the layer's own entry
            return b.layer(name);
        } catch (SpecException e) {
            throw e;
        } catch (Snn4jException e) {
            throw new SpecException(f.where() + ": " + e.getMessage(), e);
        }
    }

    private static ChannelCalibration channelCalibration(JsonFields n, int channels) {
        float[] scale = n.has("channel_scale") ? n.finiteFloats("channel_scale") : null;
        float[] bias = n.has("channel_bias") ? n.finiteFloats("channel_bias") : null;
        // lengths first: the identity for an absent array is sized by the layer, which a spec can make huge
        if ((scale != null && scale.length != channels) || (bias != null && bias.length != channels)) {
            throw new SpecException(n.where() + ": channel_scale and channel_bias need one value per channel (" + channels
                    + "), had " + (scale == null ? channels : scale.length) + " and " + (bias == null ? channels : bias.length));
        }
        ChannelCalibration identity = ChannelCalibration.identity(channels);
        return new ChannelCalibration(scale != null ? scale : identity.scale(), bias != null ? bias : identity.bias());
    }

    /**
     * Counts a layer's weights before they are allocated: one layer's must fit a Java array, and all of
     * them the JVM's maximum heap at {@value #BYTES_PER_WEIGHT} bytes each (value, gradient and the two
     * moment estimates Adam keeps), or the spec could never be trained.
     */
    private void reserveWeights(JsonFields f, long layerWeights) {
        if (layerWeights > Integer.MAX_VALUE) throw new SpecException(f.where() + ": " + layerWeights + " weights exceed 2^31-1");
        weights += layerWeights;
        long heap = Runtime.getRuntime().maxMemory();
        if (BYTES_PER_WEIGHT * weights > heap) {
            throw new SpecException(f.where() + ": the " + weights + " weights up to this layer need " + (BYTES_PER_WEIGHT * weights >> 20)
                    + " MB to train, more than the JVM's maximum heap of " + (heap >> 20) + " MB");
        }
    }

    private static void requireRank(JsonFields f, int[] in, int rank) {
        if (in.length != rank) {
            throw new SpecException(f.where() + ": input shape " + java.util.Arrays.toString(in) + " has rank " + in.length
                    + ", expected " + rank + (rank == 1 ? " (add a flatten layer first)" : " ([C, H, W])"));
        }
    }
}
