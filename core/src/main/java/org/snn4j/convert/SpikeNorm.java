package org.snn4j.convert;

import org.snn4j.model.Model;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.ThresholdTuner;
import org.snn4j.tensor.Tensor;

/**
 * Threshold balancing on the SNN itself (Spike-Norm, Sengupta et al. 2019; Rathi et al.'s
 * {@code find_threshold}): layer by layer in the order the network runs, each spiking layer's threshold
 * is set to the largest input current it receives, over neurons, images and time steps, from the
 * layers before it with their thresholds already balanced, times a scale c (Rathi uses 0.7 at reduced
 * time steps). One forward pass of the SNN balances every layer
 * ({@link ThresholdTuner}).
 *
 * <p>With spikes of amplitude θ_{l−1} the current reaching layer l is θ_{l−1} times the current of the
 * original formulation (spikes of 1), so θ_l here is θ_{l−1} times Sengupta's threshold and every layer
 * fires exactly the same spike trains.
 */
public final class SpikeNorm {
    private SpikeNorm() {}

    /**
     * Balances the thresholds of {@code start} at {@code steps} on {@code images} ({@code [N, C, H, W]},
     * direct input); the scale is {@code options.thresholdScale()}.
     */
    public static Converter.Conversion balance(Converter.Conversion start, Model foldedAnn, Converter.Options options,
                                               Tensor images, int steps) {
        return Converter.rethresholded(start, foldedAnn, options, images, steps, (layer, input, t, configured) -> {
            float max = 0;
            for (float v : input.data()) if (v > max) max = v;
            // A layer no current reaches keeps its converted threshold.
            return max > 0 ? (float) (options.thresholdScale() * max) : configured;
        });
    }
}
