package org.snn4j.nn;

import org.snn4j.tensor.Tensor;

/**
 * Sees what an activation layer (ReLU, Clip, Qcfs or spiking neurons) took and produced, while a pass runs:
 * how a converter gathers an ANN's activation statistics and measures an SNN's per-layer conversion error.
 * The tensors may be a workspace's: read them, keep no reference. A pass with an observer runs every layer
 * on its own (no fused blocks), so that every activation is seen.
 */
@FunctionalInterface
public interface ActivationObserver extends RunListener {
    /**
     * @param input  the layer's input ({@code [1, N, ...]} for a current held over the pass's steps)
     * @param output its output ({@code [T, N, ...]})
     */
    void observe(String layer, Tensor input, Tensor output);

    /** Sees or steers every layer's own call: the pass runs unfused. */
    @Override
    default boolean needsEveryLayer() {
        return true;
    }
}
