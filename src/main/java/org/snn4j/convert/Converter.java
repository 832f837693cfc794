package org.snn4j.convert;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.SpecException;

/**
 * Converts a trained ANN into an SNN of integrate-and-fire neurons that approximates it at T steps.
 *
 * <p>Batch norms are folded first ({@link BatchNormFolding}). Then every ReLU (a {@code spike} entry of
 * the spec) becomes an IF layer whose threshold is θ_l = c·λ_l, with λ_l the chosen percentile of the
 * layer's non-zero ANN activations on a calibration set (Rueckauer et al. 2017: p = 100 is
 * max-normalization, 99.9 their robust normalization) and c the threshold scale, and whose spikes
 * carry the amplitude θ_l. A spike train of amplitude θ_l firing at rate r then stands for the ANN value
 * θ_l·r ∈ [0, θ_l]: every layer sees inputs on the ANN's own scale, so weights are copied unchanged and
 * identity shortcuts of residual blocks need no rescaling. This is the "equivalent threshold setting"
 * of data-based normalization (W_l·λ_{l−1}/λ_l with θ = 1 gives the same spike trains). The first layer
 * takes the analog image as a current held for T steps; the readout accumulates the output layer's
 * membrane and divides by T.
 *
 * <p>Max-pooling has no rate-preserving spiking equivalent here and is refused with a message naming
 * the layer (train the ANN with average pooling).
 */
public final class Converter {
    /**
     * @param percentile     p in (0, 100]: λ_l is the p-th percentile of the non-zero activations (100 = max)
     * @param thresholdScale c &gt; 0: θ_l = c·λ_l (below 1: lower clipping level, finer spikes, more of them)
     * @param reset          {@code subtract} (soft, rate-linear) or {@code zero}
     * @param initial        {@code zero} or {@code half-threshold} (V[0] = θ/2: rounding instead of flooring)
     */
    public record Options(double percentile, double thresholdScale, String reset, String initial) {
        public Options {
            if (!(percentile > 0 && percentile <= 100)) throw new Snn4jException("percentile must be in (0, 100], was " + percentile);
            if (!(thresholdScale > 0) || !Double.isFinite(thresholdScale)) {
                throw new Snn4jException("threshold scale must be finite and > 0, was " + thresholdScale);
            }
            if (!reset.equals("subtract") && !reset.equals("zero")) throw new Snn4jException("unknown reset '" + reset + "' (valid: subtract, zero)");
            if (!initial.equals("zero") && !initial.equals("half-threshold")) {
                throw new Snn4jException("unknown initial membrane '" + initial + "' (valid: zero, half-threshold)");
            }
        }

        /** Robust normalization (99.9th percentile), c = 1, reset by subtraction, V[0] = 0. */
        public static Options robust() {
            return new Options(99.9, 1, "subtract", "zero");
        }
    }

    /** A converted network and the per-layer λ_l and θ_l it was built with. */
    public record Conversion(Model snn, Map<String, Float> lambdas, Map<String, Float> thresholds) {}

    private Converter() {}

    /**
     * Folds {@code ann}'s batch norms and converts it with thresholds from {@code stats} (measured on the
     * folded ANN: see {@link #foldAndMeasure}).
     */
    public static Conversion convert(Model foldedAnn, ActivationStatistics stats, Options options) {
        if (foldedAnn.mode() != ModelBuilder.Mode.ANN) throw new Snn4jException("conversion needs the ANN (train it with --ann)");
        refuseMaxPooling(foldedAnn);
        Map<String, Float> lambdas = new LinkedHashMap<>(), thresholds = new LinkedHashMap<>();
        for (String layer : spikingLayers(foldedAnn, stats)) {
            float lambda = stats.percentile(layer, options.percentile());
            lambdas.put(layer, lambda);
            // A layer that never fired on the calibration set keeps θ = c: no scale to take from it.
            thresholds.put(layer, (float) (options.thresholdScale() * (lambda > 0 ? lambda : 1f)));
        }
        return new Conversion(build(foldedAnn, thresholds, options), lambdas, thresholds);
    }

    /**
     * The SNN of {@code foldedAnn} with the given per-layer thresholds (each also the layer's spike
     * amplitude), IF neurons with the reset and initial membrane of {@code options}, and accumulating
     * readouts; the ANN's weights copied unchanged.
     */
    public static Model build(Model foldedAnn, Map<String, Float> thresholds, Options options) {
        JsonObject byLayer = new JsonObject();
        thresholds.forEach((layer, theta) -> {
            JsonObject n = new JsonObject();
            n.addProperty("model", "if");
            n.addProperty("threshold", theta);
            n.addProperty("amplitude", theta);
            n.addProperty("reset", options.reset());
            n.addProperty("test", "non-strict");
            n.addProperty("initial", options.initial());
            byLayer.add(layer, n);
        });
        JsonObject json = foldedAnn.spec().json();
        JsonObject neuron = new JsonObject();
        neuron.addProperty("model", "if");
        neuron.addProperty("surrogate", "triangle");
        json.add("neuron", neuron);
        accumulateReadouts(json.getAsJsonArray("layers"));
        ModelSpec spec = ModelSpec.of(json, foldedAnn.spec().name()).withNeuronByLayer(byLayer);
        Model snn = ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 0);
        snn.load(foldedAnn.parameterTensors(), foldedAnn.bufferTensors(), "conversion of " + spec.name());
        return snn;
    }

    /** Folds the batch norms of {@code ann} and measures the folded network's activations. */
    public static FoldedAnn foldAndMeasure(Model ann, Dataset calibration, int samples, int batch) {
        if (ann.mode() != ModelBuilder.Mode.ANN) throw new Snn4jException("conversion needs the ANN (train it with --ann)");
        refuseMaxPooling(ann);
        Model folded = BatchNormFolding.fold(ann);
        return new FoldedAnn(folded, ActivationStatistics.measure(folded, calibration, samples, batch));
    }

    /** A batch-norm-free ANN and its activation statistics. */
    public record FoldedAnn(Model ann, ActivationStatistics stats) {}

    /** The ReLUs that stand for spiking layers: the SNN build's spiking layer names, in order. */
    private static Iterable<String> spikingLayers(Model ann, ActivationStatistics stats) {
        Model snnShape = ModelBuilder.build(ann.spec(), ModelBuilder.Mode.SNN, 0);
        java.util.List<String> names = new java.util.ArrayList<>();
        for (var l : snnShape.layers()) {
            if (l instanceof org.snn4j.neuron.NeuronLayer) {
                if (!stats.layers().contains(l.name())) throw new Snn4jException("no calibration activations for layer " + l.name());
                names.add(l.name());
            }
        }
        return names;
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
    private static void accumulateReadouts(JsonArray entries) {
        for (JsonElement e : entries) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("type").getAsString().equals("readout")) o.addProperty("leak", 1.0);
        }
    }
}
