package org.snn4j.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;
import org.snn4j.engine.Executor;
import org.snn4j.model.LayerSpec;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.NeuronSettings;
import org.snn4j.model.SpecException;
import org.snn4j.neuron.ChannelCalibration;
import org.snn4j.neuron.InitialMembrane;
import org.snn4j.neuron.Reset;
import org.snn4j.nn.BoundedActivation;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.ThresholdTuner;
import org.snn4j.tensor.Tensor;

/**
 * Converts a trained ANN into an SNN of integrate-and-fire neurons that approximates it at T steps.
 *
 * <p>Batch norms are folded first ({@link BatchNormFolding}). Then every activation standing for a
 * spiking layer (a {@code spike} entry of the spec) becomes an IF layer whose threshold is
 * θ_l = c·λ_l, with λ_l the layer's activation scale (below) and c the threshold scale, and whose
 * spikes carry the amplitude θ_l. A spike train of amplitude θ_l firing at rate r then stands for the ANN value
 * θ_l·r ∈ [0, θ_l]: every layer sees inputs on the ANN's own scale, so weights are copied unchanged and
 * identity shortcuts of residual blocks need no rescaling. This is the "equivalent threshold setting"
 * of data-based normalization (W_l·λ_{l−1}/λ_l with θ = 1 gives the same spike trains). The first layer
 * takes the analog image as a current held for T steps; the readout accumulates the output layer's
 * membrane and divides by T.
 *
 * <p>λ_l is either the chosen percentile of the layer's non-zero ANN activations on a calibration set
 * ({@link Percentile}; Rueckauer et al. 2017: p = 100 is max-normalization, 99.9 their robust
 * normalization) or, for an ANN trained with a bounded
 * activation ({@code clip} or {@code qcfs}, see {@link org.snn4j.model.AnnActivation}), from the layer's
 * trained upper bound {@code <layer>.bound} ({@link TrainedBound}): with c = 1 the IF layer's range
 * [0, θ_l] is then exactly the ANN's, and with V[0] = θ/2 ({@code half-threshold}) a QCFS network's
 * SNN reproduces it (Bu et al. 2022). The bounds are ANN parameters only; the SNN does not get them.
 *
 * <p>With {@link Options#signed} the neurons take back, by a negative spike, a spike that uneven input
 * caused (their net count then follows their accumulated input; see {@link org.snn4j.neuron.SignedSpikes}),
 * and with {@link Options#burst} may emit several in one step.
 *
 * <p>Max-pooling has no rate-preserving spiking equivalent here and is refused with a message naming
 * the layer (train the ANN with average pooling).
 */
public final class Converter {
    /** Where λ_l, the activation scale of spiking layer l, comes from. */
    public sealed interface Normalization permits Percentile, TrainedBound {}

    /**
     * λ_l = the p-th percentile of the layer's non-zero activations on the calibration set (Rueckauer
     * et al. 2017: p = 100 is max-normalization, 99.9 their robust normalization); per channel, channel
     * c's own percentile λ_{l,c} sets its threshold and amplitude θ_l·λ_{l,c}/λ_l (a
     * {@link ChannelCalibration} scale; channels that never fired keep θ_l).
     *
     * @param p          in (0, 100]
     * @param perChannel one threshold per channel instead of one per layer
     */
    public record Percentile(double p, boolean perChannel) implements Normalization {
        public Percentile {
            if (!(p > 0 && p <= 100)) throw new Snn4jException("percentile must be in (0, 100], was " + p);
        }

        /** Per layer. */
        public Percentile(double p) {
            this(p, false);
        }
    }

    /** λ_l = the layer's trained upper bound {@code <layer>.bound} (ANNs with clip or QCFS activations). */
    public record TrainedBound() implements Normalization {}

    /**
     * @param normalization  where λ_l comes from
     * @param thresholdScale c &gt; 0: θ_l = c·λ_l (below 1: lower clipping level, finer spikes, more of them)
     * @param reset          SUBTRACT (soft, rate-linear) or ZERO
     * @param initial        ZERO or HALF_THRESHOLD (V[0] = θ/2: rounding instead of flooring)
     * @param signed         the IF neurons also emit negative spikes, taking back spikes that uneven input
     *                       caused ({@link org.snn4j.neuron.SignedSpikes}; needs reset by subtraction)
     * @param burst          signed neurons may emit several spikes in one step (needs {@code signed})
     */
    public record Options(Normalization normalization, double thresholdScale, Reset reset, InitialMembrane initial, boolean signed,
                          boolean burst) {
        /** Neurons with positive spikes only. */
        public Options(Normalization normalization, double thresholdScale, Reset reset, InitialMembrane initial) {
            this(normalization, thresholdScale, reset, initial, false, false);
        }

        public Options {
            java.util.Objects.requireNonNull(normalization, "normalization");
            java.util.Objects.requireNonNull(reset, "reset");
            java.util.Objects.requireNonNull(initial, "initial");
            if (!(thresholdScale > 0) || !Double.isFinite(thresholdScale)) {
                throw new Snn4jException("threshold scale must be finite and > 0, was " + thresholdScale);
            }
            if (signed && reset != Reset.SUBTRACT) throw new Snn4jException("signed spikes need reset subtract, was " + reset.label());
            if (burst && !signed) throw new Snn4jException("burst spikes need signed neurons");
        }

        /** The same options with signed (or unsigned) spikes, with or without bursts. */
        public Options withSigned(boolean signed, boolean burst) {
            return new Options(normalization, thresholdScale, reset, initial, signed, burst);
        }

        /** λ_l from the {@code percentile}-th percentile of the activations (see {@link Percentile}). */
        public Options(double percentile, double thresholdScale, Reset reset, InitialMembrane initial) {
            this(new Percentile(percentile), thresholdScale, reset, initial);
        }

        /** Robust normalization (99.9th percentile), c = 1, reset by subtraction, V[0] = 0. */
        public static Options robust() {
            return new Options(99.9, 1, Reset.SUBTRACT, InitialMembrane.ZERO);
        }

        /** λ_l from the trained bounds (see {@link TrainedBound}). */
        public static Options trainedBound(double thresholdScale, Reset reset, InitialMembrane initial) {
            return new Options(new TrainedBound(), thresholdScale, reset, initial);
        }

        /** QCFS conversion: θ_l = trained λ_l, reset by subtraction, V[0] = θ/2. */
        public static Options qcfs() {
            return trainedBound(1, Reset.SUBTRACT, InitialMembrane.HALF_THRESHOLD);
        }
    }

    /**
     * A converted network and the per-layer λ_l and θ_l it was built with, and the per-channel settings
     * of the layers that have them (bias calibration; empty otherwise).
     */
    public record Conversion(Model snn, Map<String, Float> lambdas, Map<String, Float> thresholds,
                             Map<String, ChannelCalibration> channels) {}

    private Converter() {}

    /**
     * Converts a batch-norm-free ANN (see {@link #foldAndMeasure}) with thresholds from {@code stats}
     * (measured on that ANN) or from its trained bounds.
     *
     * @param stats may be null when the options take λ_l from the trained bounds
     * @throws Snn4jException when the ANN is an SNN, or the options ask for trained bounds of an ANN
     *                        whose activation has none (ReLU)
     */
    public static Conversion convert(Model foldedAnn, ActivationStatistics stats, Options options) {
        if (foldedAnn.mode() != ModelBuilder.Mode.ANN) throw new Snn4jException("conversion needs the ANN (train it with --ann)");
        refuseMaxPooling(foldedAnn);
        Map<String, Float> bounds = trainedBounds(foldedAnn);
        if (options.normalization() instanceof TrainedBound && bounds.isEmpty()) {
            throw new Snn4jException(foldedAnn.spec().name() + ": thresholds from trained bounds need an ANN trained with a clip "
                    + "or qcfs activation; its activation is " + foldedAnn.spec().annActivation().kind().label());
        }
        Map<String, Float> lambdas = new LinkedHashMap<>(), thresholds = new LinkedHashMap<>();
        Map<String, ChannelCalibration> channels = new LinkedHashMap<>();
        for (String layer : spikingLayers(foldedAnn)) {
            float lambda = switch (options.normalization()) {
                case Percentile p -> {
                    if (stats == null || !stats.layers().contains(layer)) throw new Snn4jException("no calibration activations for layer " + layer);
                    yield stats.percentile(layer, p.p());
                }
                case TrainedBound b -> {
                    Float bound = bounds.get(layer);
                    if (bound == null) throw new Snn4jException("no trained bound for layer " + layer);
                    yield bound;
                }
            };
            lambdas.put(layer, lambda);
            // A layer that never fired on the calibration set keeps θ = c: no scale to take from it.
            thresholds.put(layer, (float) (options.thresholdScale() * (lambda > 0 ? lambda : 1f)));
            if (options.normalization() instanceof Percentile p && p.perChannel() && lambda > 0) {
                channels.put(layer, channelScales(stats.channelPercentiles(layer, p.p()), lambda));
            }
        }
        return new Conversion(build(foldedAnn, thresholds, channels, options), lambdas, thresholds, channels);
    }

    /**
     * The SNN of {@code foldedAnn} with the given per-layer thresholds (each also the layer's spike
     * amplitude) and per-channel settings ({@code channels}, by layer; layers absent have none), IF
     * neurons with the reset and initial membrane of {@code options}, and accumulating readouts; the
     * ANN's weights copied unchanged.
     */
    public static Model build(Model foldedAnn, Map<String, Float> thresholds, Map<String, ChannelCalibration> channels,
                              Options options) {
        Map<String, NeuronSettings> byLayer = new LinkedHashMap<>();
        thresholds.forEach((layer, theta) -> {
            NeuronSettings n = NeuronSettings.NONE.withModel("if").withThreshold(theta).withAmplitude(theta).withReset(options.reset().label())
                    .withTest("non-strict").withInitial(options.initial().label());
            if (options.signed()) n = n.withSigned(true);
            if (options.burst()) n = n.withBurst(true);
            ChannelCalibration c = channels.get(layer);
            if (c != null) n = n.withChannels(c.scale(), c.bias());
            byLayer.put(layer, n);
        });
        ModelSpec ann = foldedAnn.spec();
        ModelSpec spec = ann.withNeuronDefaults(NeuronSettings.NONE.withModel("if").withSurrogate("triangle"))
                .withLayers(accumulateReadouts(ann.layers())).withNeuronByLayer(byLayer);
        Model snn = ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 0);
        // The bounds live in the ANN's activation layers, which the SNN replaces by neurons.
        Map<String, Tensor> parameters = new LinkedHashMap<>(foldedAnn.parameterTensors());
        Map<String, Tensor> buffers = new LinkedHashMap<>(foldedAnn.bufferTensors());
        for (Layer l : foldedAnn.layers()) {
            if (l instanceof BoundedActivation b) {
                parameters.remove(b.bound().name());
                buffers.remove(b.bound().name());
            }
        }
        snn.load(parameters, buffers, "conversion of " + spec.name());
        return snn;
    }

    private static ChannelCalibration channelScales(float[] channelLambdas, float layerLambda) {
        float[] scale = new float[channelLambdas.length];
        for (int c = 0; c < scale.length; c++) scale[c] = channelLambdas[c] > 0 ? channelLambdas[c] / layerLambda : 1f;
        return new ChannelCalibration(scale, new float[scale.length]);
    }

    /** The trained bound λ of every bounded activation layer, by layer name (empty for a ReLU ANN). */
    private static Map<String, Float> trainedBounds(Model ann) {
        Map<String, Float> bounds = new LinkedHashMap<>();
        for (Layer l : ann.layers()) {
            if (l instanceof BoundedActivation b) bounds.put(b.name(), b.boundValue());
        }
        return bounds;
    }

    /**
     * Runs {@code start}'s SNN once on {@code images} at {@code steps}, letting {@code chooser} set each
     * spiking layer's threshold from the input it receives (layers after it then see its new spikes),
     * and rebuilds the SNN with the chosen thresholds: the pass that layer-by-layer tuning and
     * balancing share. They choose one threshold per layer, so {@code start} must have no per-channel
     * settings (bias calibration comes after them).
     */
    static Conversion rethresholded(Conversion start, Model foldedAnn, Options options, Tensor images, int steps,
                                    ThresholdTuner chooser) {
        if (!start.channels().isEmpty()) {
            throw new Snn4jException("threshold tuning and balancing set one threshold per layer; this conversion has per-channel "
                    + "settings in " + String.join(", ", start.channels().keySet()));
        }
        Map<String, Float> chosen = new LinkedHashMap<>();
        ForwardContext ctx = ForwardContext.evaluation().withSteps(steps).with((ThresholdTuner) (layer, input, t, configured) -> {
            float theta = chooser.choose(layer, input, t, configured);
            chosen.put(layer, theta);
            return theta;
        });
        Executor.dense(start.snn()).forward(AnnActivations.held(images), ctx);
        return new Conversion(build(foldedAnn, chosen, Map.of(), options), start.lambdas(), chosen, Map.of());
    }

    /** Folds the batch norms of {@code ann} and measures the folded network's activations. */
    public static FoldedAnn foldAndMeasure(Model ann, Dataset calibration, int samples, int batch) {
        return foldAndMeasure(ann, folded -> ActivationStatistics.measure(folded, calibration, samples, batch));
    }

    /** Folds the batch norms of {@code ann} and measures the folded network's activations with {@code measure} (e.g. on a {@link Cluster}). */
    public static FoldedAnn foldAndMeasure(Model ann, java.util.function.Function<Model, ActivationStatistics> measure) {
        if (ann.mode() != ModelBuilder.Mode.ANN) throw new Snn4jException("conversion needs the ANN (train it with --ann)");
        refuseMaxPooling(ann);
        Model folded = BatchNormFolding.fold(ann);
        return new FoldedAnn(folded, measure.apply(folded));
    }

    /** A batch-norm-free ANN and its activation statistics. */
    public record FoldedAnn(Model ann, ActivationStatistics stats) {}

    /** The activations that stand for spiking layers: the SNN build's spiking layer names, in order. */
    private static java.util.List<String> spikingLayers(Model ann) {
        return java.util.List.copyOf(ModelBuilder.build(ann.spec(), ModelBuilder.Mode.SNN, 0).neuronLayers().keySet());
    }

    private static void refuseMaxPooling(Model ann) {
        for (var l : ann.layers()) {
            if (l instanceof org.snn4j.nn.MaxPool2d) {
                throw new SpecException(l.name() + ": max-pooling cannot be converted (spike trains have no rate-preserving "
                        + "max); train the ANN with avgpool");
            }
        }
    }

    /** Readouts of a converted network accumulate without leak: the output is the mean current over T. */
    private static List<LayerSpec> accumulateReadouts(List<LayerSpec> entries) {
        List<LayerSpec> out = new ArrayList<>();
        for (LayerSpec e : entries) out.add(e instanceof LayerSpec.Readout ? new LayerSpec.Readout(1f) : e);
        return out;
    }
}
