package org.snn4j.nn;

import org.snn4j.tensor.Tensor;

/**
 * Chooses the threshold a spiking layer runs with in this pass, seeing its input first. The layer scales
 * its spike amplitude by the same factor, so the gain θ/amplitude stays (a converted layer, whose amplitude
 * is θ, keeps amplitude = θ). Tuners are called in the order the layers run.
 */
@FunctionalInterface
public interface ThresholdTuner extends RunListener {
    /**
     * @param input      the layer's input current ({@code [1, N, ...]} when held over {@code steps})
     * @param configured the layer's own threshold
     * @return the threshold to run with (&gt; 0)
     */
    float choose(String layer, Tensor input, int steps, float configured);

    /** Sees or steers every layer's own call: the pass runs unfused. */
    @Override
    default boolean needsEveryLayer() {
        return true;
    }
}
