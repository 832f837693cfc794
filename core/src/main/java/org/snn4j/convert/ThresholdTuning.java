package org.snn4j.convert;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.engine.Executor;
import org.snn4j.kernels.NeuronSpec;
import org.snn4j.model.Model;
import org.snn4j.neuron.NeuronLayer;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.ThresholdTuner;
import org.snn4j.tensor.Sequence;
import org.snn4j.tensor.Tensor;

/**
 * Threshold tuning for a target T (the TT of TTRBR; the paper's rule is not available, this is the
 * working model of shared/papers.md §3.3 [INF]), with one of two objectives ({@link Objective}).
 *
 * <p>{@link Objective#LAYER_OUTPUT}: layer by layer in the order the network runs, each spiking layer's
 * threshold is set to the candidate c·θ_l (θ_l its converted threshold, c from a grid) whose output
 * θ·N/T over T steps is closest, in mean squared error, to the ANN's activation of the same neurons on a
 * calibration batch. Each layer is tuned on the input it receives from the layers before it, already
 * tuned, so deviation error passed on from below is accounted for. A larger θ lowers the deviation error
 * and raises the quantization error; the search finds the balance for this T. One forward pass of the
 * SNN tunes every layer ({@link ThresholdTuner}); per layer and candidate only the neuron dynamics are
 * simulated.
 *
 * <p>{@link Objective#NETWORK_OUTPUT}: each layer's own error is not what a deep network is judged by; an
 * error a layer leaves that the layers above amplify costs more than one they damp. Starting from the
 * thresholds the layer objective chose or the converted ones, whichever gives the network's output the
 * lower error, the layers are visited once more in the order the network runs,
 * and each layer's threshold is set to the candidate c·θ_l ({@link #NETWORK_GRID}, c = 1 keeping it) that
 * minimises the mean squared error of the network's output (the readout, the mean over T of the output
 * layer's current) against the ANN's logits on the calibration batch, the layers below at the thresholds
 * already chosen and those above at their starting ones: greedy coordinate descent on the whole
 * network's error, which never ends above where it started on that batch. It costs one forward pass of
 * the SNN per layer and candidate.
 */
public final class ThresholdTuning {
    /** Scales tried by the layer objective: 0.10, 0.15, …, 1.50 times the converted threshold. */
    public static final double[] DEFAULT_GRID = grid(0.10, 1.50, 0.05);
    /**
     * Scales the network objective tries around each layer-tuned threshold: 2^(k/4) for k = −4..4
     * (0.5 to 2, 1 keeps it), nine forward passes per layer of which eight are run.
     */
    public static final double[] NETWORK_GRID = geometric(-4, 4, 4);

    /** What the tuning minimises. */
    public enum Objective {
        /** Each spiking layer's own output against the ANN's activation of the same neurons. */
        LAYER_OUTPUT,
        /** The network's output (its readout) against the ANN's logits, layer by layer from the input. */
        NETWORK_OUTPUT
    }

    private ThresholdTuning() {}

    /**
     * Tunes the thresholds of {@code start} for {@code steps} on {@code images} ({@code [N, C, H, W]})
     * for each layer's own output ({@link Objective#LAYER_OUTPUT}).
     *
     * @param foldedAnn the batch-norm-free ANN {@code start} was converted from
     */
    public static Converter.Conversion tune(Converter.Conversion start, Model foldedAnn, Converter.Options options,
                                            Tensor images, int steps, double[] grid) {
        Map<String, float[]> ann = AnnActivations.of(foldedAnn, images);
        Map<String, NeuronLayer> neurons = start.snn().neuronLayers();
        return Converter.rethresholded(start, foldedAnn, options, images, steps, (layer, input, t, configured) ->
                bestThreshold(neurons.get(layer), input, t, configured, ann.get(layer), grid));
    }

    /**
     * Tunes for {@code objective}: the layer objective with {@link #DEFAULT_GRID}; for the network objective,
     * its pass with {@link #NETWORK_GRID} from whichever of {@code start}'s thresholds and the layer-tuned
     * ones gives the lower output error on {@code images} (at small T the layer objective can leave a deep
     * network further from its ANN than the converted thresholds do).
     */
    public static Converter.Conversion tune(Converter.Conversion start, Model foldedAnn, Converter.Options options,
                                            Tensor images, int steps, Objective objective) {
        Converter.Conversion layerTuned = tune(start, foldedAnn, options, images, steps, DEFAULT_GRID);
        if (objective == Objective.LAYER_OUTPUT) return layerTuned;
        float[] logits = annLogits(foldedAnn, images);
        double fromStart = outputError(start.snn(), start.thresholds(), images, steps, logits);
        double fromLayerTuned = outputError(layerTuned.snn(), layerTuned.thresholds(), images, steps, logits);
        return fromLayerTuned <= fromStart ? descend(layerTuned, fromLayerTuned, foldedAnn, options, images, steps, logits, NETWORK_GRID)
                : descend(start, fromStart, foldedAnn, options, images, steps, logits, NETWORK_GRID);
    }

    /**
     * The network objective's pass from the thresholds of {@code start} (one per layer, no per-channel
     * settings), whose output error is {@code startError}: each spiking layer in the order the network runs
     * gets the candidate c·θ_l, c from {@code grid}, that minimises {@link #outputError} with the layers
     * before it at their chosen thresholds and those after it at {@code start}'s; θ_l stays when no
     * candidate is strictly better.
     */
    private static Converter.Conversion descend(Converter.Conversion start, double startError, Model foldedAnn, Converter.Options options,
                                                Tensor images, int steps, float[] logits, double[] grid) {
        if (!start.channels().isEmpty()) {
            throw new org.snn4j.Snn4jException("threshold tuning sets one threshold per layer; this conversion has per-channel "
                    + "settings in " + String.join(", ", start.channels().keySet()));
        }
        Map<String, Float> thresholds = new LinkedHashMap<>(start.thresholds());
        double best = startError;
        for (String layer : start.thresholds().keySet()) {
            float configured = thresholds.get(layer), chosen = configured;
            for (double c : grid) {
                if (c == 1) continue;   // the configured threshold: its error is best already
                float theta = (float) (c * configured);
                thresholds.put(layer, theta);
                double error = outputError(start.snn(), thresholds, images, steps, logits);
                if (error < best) {
                    best = error;
                    chosen = theta;
                }
            }
            thresholds.put(layer, chosen);
        }
        return new Converter.Conversion(Converter.build(foldedAnn, thresholds, Map.of(), options), start.lambdas(), thresholds,
                Map.of());
    }

    /** The folded ANN's logits on {@code images} ({@code [N·classes]}). */
    static float[] annLogits(Model foldedAnn, Tensor images) {
        return Executor.dense(foldedAnn).forward(AnnActivations.held(images), ForwardContext.evaluation()).output().data().clone();
    }

    /**
     * Mean squared difference between {@code snn}'s output at {@code steps} on {@code images}, each spiking
     * layer running at its threshold in {@code thresholds} (its spike amplitude scaled with it), and
     * {@code logits}, the ANN's.
     */
    static double outputError(Model snn, Map<String, Float> thresholds, Tensor images, int steps, float[] logits) {
        ForwardContext ctx = ForwardContext.evaluation().withSteps(steps)
                .with((ThresholdTuner) (layer, input, t, configured) -> thresholds.getOrDefault(layer, configured));
        float[] out = Executor.dense(snn).forward(AnnActivations.held(images), ctx).output().data();
        if (out.length != logits.length) {
            throw new org.snn4j.Snn4jException("the SNN's output has " + out.length + " values, the ANN's " + logits.length);
        }
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            double d = out[i] - logits[i];
            sum += d * d;
        }
        return sum / out.length;
    }

    private static float bestThreshold(NeuronLayer layer, Tensor input, int steps, float configured, float[] ann, double[] grid) {
        NeuronSpec spec = layer.spec();
        boolean held = Sequence.of(input, steps).held();
        int n = held ? input.size() : input.size() / steps;
        float[] spikes = new float[steps * n];
        float best = configured;
        double bestError = Double.POSITIVE_INFINITY;
        for (double c : grid) {
            float theta = (float) (c * configured);
            NeuronSpec candidate = spec.withThreshold(theta);
            layer.fire(candidate, input.data(), spikes, steps, n, held);
            double error = 0;
            for (int j = 0; j < n; j++) {
                int count = 0;   // net count: signed neurons' negative spikes take one back
                for (int t = 0; t < steps; t++) count += (int) spikes[t * n + j];
                double diff = (double) theta * count / steps - ann[j];
                error += diff * diff;
            }
            if (error < bestError) {
                bestError = error;
                best = theta;
            }
        }
        return best;
    }

    private static double[] grid(double from, double to, double step) {
        int k = (int) Math.round((to - from) / step) + 1;
        double[] g = new double[k];
        for (int i = 0; i < k; i++) g[i] = Math.round((from + i * step) * 1e6) / 1e6;
        return g;
    }

    /** 2^(k/perOctave) for k = from..to (k = 0 gives exactly 1). */
    private static double[] geometric(int from, int to, int perOctave) {
        double[] g = new double[to - from + 1];
        for (int k = from; k <= to; k++) g[k - from] = k == 0 ? 1 : Math.pow(2, (double) k / perOctave);
        return g;
    }
}
