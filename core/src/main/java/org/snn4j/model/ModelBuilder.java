package org.snn4j.model;

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
 * Builds a {@link Model} from a {@link ModelSpec}: checks that every layer entry fits its input (naming
 * the entry, e.g. "w1 layers[3] (conv)"), tracks the per-sample shape through the network, names layers
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

    private final ModelSpec spec;
    private final Mode mode;
    private final Rng rng;
    private final AnnActivation annActivation;
    private final Hybrid hybrid;
    private final Set<String> spikingLayers = new java.util.LinkedHashSet<>();
    private final Map<String, Integer> counters = new HashMap<>();
    /** Bytes a weight costs in training: float value, gradient and two Adam moments. */
    private static final int BYTES_PER_WEIGHT = 16;
    /**
     * The most layers a network may unroll to (a backward residual block counts each pass's layers):
     * 10,000 unless the system property {@code snn4j.maxLayers} says otherwise. ResNet-1202 is about 3,700.
     */
    static final long MAX_LAYERS = Long.getLong("snn4j.maxLayers", 10_000);
    /** Weights of the layers built so far. */
    private long weights;
    private long layers;

    private ModelBuilder(ModelSpec spec, Mode mode, long seed) {
        this.spec = spec;
        this.mode = mode;
        this.rng = new Rng(seed);
        this.annActivation = spec.annActivation();
        this.hybrid = spec.hybrid();
    }

    /**
     * Builds the network described by {@code spec}.
     *
     * @param seed initialises the weights (same seed, same weights)
     * @throws SpecException naming the layer entry that does not fit its input shape or whose neuron is invalid
     */
    public static Model build(ModelSpec spec, Mode mode, long seed) {
        ModelBuilder b = new ModelBuilder(spec, mode, seed);
        int[] shape = spec.inputShape();
        List<Layer> layers = b.sequence(spec.layers(), shape, "", spec.name() + " layers");
        for (String named : spec.neuronByLayer().keySet()) {
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
        Layer last = layers.get(layers.size() - 1);
        if (!(last instanceof IntegratingReadout) && !(last instanceof org.snn4j.nn.TimeReduction)) {
            throw new SpecException(spec.name() + ": the last layer must be a readout (readout, or reduce over time)");
        }
        return new Model(spec, mode, net);
    }

    private List<Layer> sequence(List<LayerSpec> entries, int[] shape, String prefix, String where) {
        List<Layer> out = new ArrayList<>();
        int[] s = shape;
        boolean spikes = false;  // the signal here is a spiking layer's spike train (top level of a hybrid SNN)
        for (int i = 0; i < entries.size(); i++) {
            LayerSpec entry = entries.get(i);
            String at = where + "[" + i + "] (" + entry.type() + ")";
            reserveLayers(at, 1);
            Layer layer = layer(entry, at, s, prefix);
            if (mode == Mode.SNN && prefix.isEmpty() && isActivation(entry)) {
                boolean ann = annPosition(entry);
                if (!ann && hybrid.boundary() == Hybrid.Boundary.RATE && nextActivationIsAnn(entries, i)) {
                    layer = new Sequential(layer.name() + ".boundary", layer, new IntegratingReadout(layer.name() + ".rate"));
                } else if (ann && spikes && hybrid.boundary() == Hybrid.Boundary.MEMBRANE) {
                    layer = new Sequential(layer.name() + ".boundary",
                            new IntegratingReadout(layer.name() + ".membrane", (float) hybrid.leak(), false), layer);
                }
                spikes = !ann;
            }
            s = outputShape(layer, s, at);
            out.add(layer);
        }
        return out;
    }

    /** {@code layer}'s output shape for {@code in}; a refusal is reported as the entry's ({@code at}). */
    private static int[] outputShape(Layer layer, int[] in, String at) {
        try {
            return layer.outputShape(in);
        } catch (Snn4jException ex) {
            throw new SpecException(at + ": " + ex.getMessage(), ex);
        }
    }

    private static boolean isActivation(LayerSpec e) {
        return e instanceof LayerSpec.Spike || e instanceof LayerSpec.Residual || e instanceof LayerSpec.BackRes;
    }

    private static boolean annPosition(LayerSpec e) {
        return e instanceof LayerSpec.Spike s && s.annPosition();
    }

    /** Whether the next activation entry after {@code i} is an ANN position. */
    private static boolean nextActivationIsAnn(List<LayerSpec> entries, int i) {
        for (int j = i + 1; j < entries.size(); j++) {
            if (isActivation(entries.get(j))) return annPosition(entries.get(j));
        }
        return false;
    }

    private String next(String prefix, String kind) {
        int n = counters.merge(prefix + kind, 1, Integer::sum);
        return prefix + kind + n;
    }

    private Layer layer(LayerSpec entry, String at, int[] in, String prefix) {
        switch (entry) {
            case LayerSpec.Conv c -> {
                requireRank(at, in, 3);
                int k = c.kernel();
                String name = next(prefix, "conv");
                int cin = in[0], cout = c.out(), stride = or(c.stride(), 1), pad = or(c.padding(), 0);
                reserveWeights(at, (long) cout * cin * k * k);
                double std = c.initStd() != null ? c.initStd() : Conv2d.heStd(cin * k * k);
                return Conv2d.withWeightStd(name, cin, cout, k, stride, pad, Boolean.TRUE.equals(c.bias()), std, rng);
            }
            case LayerSpec.Linear l -> {
                requireRank(at, in, 1);
                int fin = in[0];
                reserveWeights(at, (long) fin * l.out());
                double std = l.initStd() != null ? l.initStd() : Math.sqrt(2.0 / fin);
                return Linear.withStd(next(prefix, "fc"), fin, l.out(), Boolean.TRUE.equals(l.bias()), std, rng);
            }
            case LayerSpec.AvgPool p -> {
                requireRank(at, in, 3);
                return new AvgPool2d(next(prefix, "pool"), p.kernel(), or(p.stride(), p.kernel()), or(p.padding(), 0));
            }
            case LayerSpec.MaxPool p -> {
                requireRank(at, in, 3);
                return new MaxPool2d(next(prefix, "pool"), p.kernel(), or(p.stride(), p.kernel()), or(p.padding(), 0));
            }
            case LayerSpec.GlobalAvgPool g -> {
                requireRank(at, in, 3);
                if (in[1] != in[2]) throw new SpecException(at + ": needs a square input, was " + in[1] + "x" + in[2]);
                return new AvgPool2d(next(prefix, "pool"), in[1], in[1]);
            }
            case LayerSpec.BatchNorm b -> {
                reserveWeights(at, 2L * in[0]);
                // tdBN: α·V_th, V_th the threshold of the model's neuron (1 unless set)
                double scale = b.alpha() == null ? 1 : b.alpha() * or(spec.neuron().threshold(), 1f);
                return new BatchNorm(next(prefix, "bn"), in[0], or(b.momentum(), 0.1), or(b.eps(), 1e-5), scale);
            }
            case LayerSpec.Dropout d -> {
                return new Dropout(next(prefix, "drop"), or(d.p(), 0.5));
            }
            case LayerSpec.Flatten f -> {
                return new Flatten(next(prefix, "flatten"));
            }
            case LayerSpec.Relu r -> {
                return new ReLU(next(prefix, "relu"));
            }
            case LayerSpec.Spike s -> {
                return neuron(s.neuron(), s.annPosition(), next(prefix, "sn"), in[0], at);
            }
            case LayerSpec.Readout r -> {
                requireRank(at, in, 1);
                float leak = or(r.leak(), 1f);
                boolean lee = mode == Mode.SNN && "lee".equals(spec.neuron().surrogate());
                return new IntegratingReadout("readout", mode == Mode.ANN ? 1f : leak, lee);
            }
            case LayerSpec.Recurrent r -> {
                requireRank(at, in, 1);
                reserveWeights(at, (long) in[0] * in[0]);
                return TemporalLayers.recurrent(r, next(prefix, "rec"), in[0], rng, at);
            }
            case LayerSpec.Integrator i -> {
                return TemporalLayers.integrator(i, next(prefix, "li"), at);
            }
            case LayerSpec.Reduce r -> {
                return TemporalLayers.reduce(r, "readout", at);
            }
            case LayerSpec.Residual r -> {
                String name = next(prefix, "res");
                String inner = name + ".";
                Sequential branch = new Sequential(inner + "branch", sequence(r.branch(), in, inner, at + ".branch"));
                Sequential shortcut = r.shortcut() != null
                        ? new Sequential(inner + "shortcut", sequence(r.shortcut(), in, inner + "sc.", at + ".shortcut"))
                        : null;
                NeuronSettings neuron = r.neuron() != null ? r.neuron() : NeuronSettings.NONE;
                return new ResidualBlock(name, branch, shortcut, neuron(neuron, false, inner + "out", branch.outputShape(in)[0], at + ".neuron"));
            }
            case LayerSpec.BackRes b -> {
                return backwardResidual(next(prefix, "bres"), b.passes(), b.body(), in, at);
            }
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /**
     * A backward residual block: the body's layers built once (names {@code bres1.conv1}, …) and shared
     * by n passes, each pass with its own activation layers ({@code bres1.p2.sn1}: the second pass's
     * first spiking layer, which neuron_by_layer can address).
     */
    private Layer backwardResidual(String name, int passes, List<LayerSpec> body, int[] in, String where) {
        reserveLayers(where, (long) passes * body.size());
        String inner = name + ".";
        List<Layer> shared = new ArrayList<>();
        List<Layer> chains = new ArrayList<>();
        for (int k = 1; k <= passes; k++) {
            List<Layer> chain = new ArrayList<>();
            int[] s = in;
            int activations = 0;
            for (int i = 0; i < body.size(); i++) {
                LayerSpec entry = body.get(i);
                String at = where + ".body[" + i + "] (" + entry.type() + ")";
                Layer layer;
                if (entry instanceof LayerSpec.Spike || entry instanceof LayerSpec.Relu) {
                    String own = inner + "p" + k + "." + (entry instanceof LayerSpec.Spike ? "sn" : "relu") + (++activations);
                    layer = entry instanceof LayerSpec.Spike sp ? neuron(sp.neuron(), false, own, s[0], at) : new ReLU(own);
                } else if (k == 1) {
                    layer = layer(entry, at, s, inner);
                    shared.add(layer);
                } else {
                    layer = shared.get(chain.size() - activations);
                }
                s = outputShape(layer, s, at);
                chain.add(layer);
            }
            if (!java.util.Arrays.equals(s, in)) {
                throw new SpecException(where + ": the body maps " + java.util.Arrays.toString(in) + " to " + java.util.Arrays.toString(s)
                        + "; a backward residual block must keep the shape (its output is added to its input)");
            }
            chains.add(new Sequential(inner + "p" + k, chain));
        }
        return new BackwardResidualBlock(name, chains);
    }

    /**
     * A spiking neuron layer (model defaults overridden by the entry's fields, then by the layer's
     * {@code neuron_by_layer} entry), or the ANN activation in ANN mode and at ANN positions;
     * {@code channels} is the input's channel (or feature) count, which per-channel settings
     * ({@code channel_scale}, {@code channel_bias}: see {@link ChannelCalibration}) must match.
     */
    private Layer neuron(NeuronSettings entry, boolean annPosition, String name, int channels, String at) {
        if (mode == Mode.ANN || annPosition) return annActivation.layer(name);
        spikingLayers.add(name);
        NeuronSettings n = spec.neuron().overriddenBy(entry).overriddenBy(spec.neuronByLayer().getOrDefault(name, NeuronSettings.NONE));
        try {
            NeuronConfig.Builder b = NeuronConfig.builder()
                    .model(or(n.model(), "lif"))
                    .threshold(or(n.threshold(), 1f))
                    .amplitude(or(n.amplitude(), 1f))
                    .reset(or(n.reset(), "subtract"))
                    .fire(or(n.test(), "strict"))
                    .initialMembrane(or(n.initial(), "zero"))
                    .surrogate(or(n.surrogate(), "triangle"))
                    .detachReset(or(n.detachReset(), false))
                    .signed(or(n.signed(), false))
                    .burst(or(n.burst(), false));
            if (n.leak() != null) b.leak(n.leak());
            if (n.channelScale() != null || n.channelBias() != null) b.channels(channelCalibration(n, channels, at));
            b.converted(spec.neuronByLayer().containsKey(name));  // what a conversion writes: the layer's own entry
            return b.layer(name);
        } catch (SpecException e) {
            throw e;
        } catch (Snn4jException e) {
            throw new SpecException(at + ": " + e.getMessage(), e);
        }
    }

    private static ChannelCalibration channelCalibration(NeuronSettings n, int channels, String at) {
        float[] scale = NeuronSettings.floats(n.channelScale()), bias = NeuronSettings.floats(n.channelBias());
        // lengths first: the identity for an absent array is sized by the layer, which a spec can make huge
        if ((scale != null && scale.length != channels) || (bias != null && bias.length != channels)) {
            throw new SpecException(at + ": channel_scale and channel_bias need one value per channel (" + channels
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
    private void reserveWeights(String at, long layerWeights) {
        if (layerWeights > Integer.MAX_VALUE) throw new SpecException(at + ": " + layerWeights + " weights exceed 2^31-1");
        weights += layerWeights;
        long heap = Runtime.getRuntime().maxMemory();
        if (BYTES_PER_WEIGHT * weights > heap) {
            throw new SpecException(at + ": the " + weights + " weights up to this layer need " + (BYTES_PER_WEIGHT * weights >> 20)
                    + " MB to train, more than the JVM's maximum heap of " + (heap >> 20) + " MB");
        }
    }

    /** Counts layers before they are built: a spec that unrolls to more than {@link #MAX_LAYERS} is refused. */
    private void reserveLayers(String at, long count) {
        layers += count;
        if (layers > MAX_LAYERS) {
            throw new SpecException(at + ": the network unrolls to more than " + MAX_LAYERS + " layers (the limit; the system"
                    + " property snn4j.maxLayers raises it)");
        }
    }

    private static void requireRank(String at, int[] in, int rank) {
        if (in.length != rank) {
            throw new SpecException(at + ": input shape " + java.util.Arrays.toString(in) + " has rank " + in.length
                    + ", expected " + rank + (rank == 1 ? " (add a flatten layer first)" : " ([C, H, W])"));
        }
    }
}
