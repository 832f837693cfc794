package org.snn4j.convert;

import java.util.Map;
import org.snn4j.kernels.NeuronSpec;
import org.snn4j.model.Model;
import org.snn4j.neuron.NeuronLayer;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.ThresholdTuner;
import org.snn4j.tensor.Sequence;
import org.snn4j.tensor.Tensor;

/**
 * Threshold tuning for a target T (the TT of TTRBR; the paper's rule is not available, this is the
 * working model of shared/papers.md §3.3 [INF]): layer by layer in the order the network runs, each
 * spiking layer's threshold is set to the candidate c·θ_l (θ_l its converted threshold, c from a grid)
 * whose output θ·N/T over T steps is closest, in mean squared error, to the ANN's activation of the same
 * neurons on a calibration batch. Each layer is tuned on the input it receives from the layers before
 * it, already tuned, so deviation error passed on from below is accounted for. A larger θ lowers the
 * deviation error and raises the quantization error; the search finds the balance for this T.
 *
 * <p>One forward pass of the SNN tunes every layer ({@link ThresholdTuner}); per
 * layer and candidate only the neuron dynamics are simulated.
 */
public final class ThresholdTuning {
    /** Scales tried: 0.10, 0.15, …, 1.50 times the converted threshold. */
    public static final double[] DEFAULT_GRID = grid(0.10, 1.50, 0.05);

    private ThresholdTuning() {}

    /**
     * Tunes the thresholds of {@code start} for {@code steps} on {@code images} ({@code [N, C, H, W]}).
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
}
