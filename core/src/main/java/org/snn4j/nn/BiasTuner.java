package org.snn4j.nn;

import org.snn4j.tensor.Tensor;

/** Chooses the per-channel bias currents a spiking layer runs with in this pass, seeing its input first (bias calibration). */
@FunctionalInterface
public interface BiasTuner extends RunListener {
    /**
     * @param input      the layer's input current ({@code [1, N, ...]} when held over {@code steps})
     * @param configured the layer's own bias current per channel, or null when it has none
     * @return the bias currents to run with, one per channel ({@code configured} to keep them)
     */
    float[] choose(String layer, Tensor input, int steps, float[] configured);

    /** Sees or steers every layer's own call: the pass runs unfused. */
    @Override
    default boolean needsEveryLayer() {
        return true;
    }
}
