package org.snn4j.nn;

/**
 * Something attached to a run ({@link ForwardContext#with}) that the layers tell what happens as the pass
 * goes: the spikes they emit ({@link SpikeListener}), the synaptic operations of weighted layers
 * ({@link SynapseListener}), burst sizes ({@link BurstListener}), every activation's input and output
 * ({@link ActivationObserver}); or that steers a spiking layer ({@link ThresholdTuner}, {@link BiasTuner})
 * or adds to its gradient ({@link SpikeLoss}); or holds the state a pass continues ({@link LayerState}).
 * Each kind is its own interface, implemented where the concern lives (op counts and spike tallies in
 * {@code metrics}, tuners and observers in {@code convert}, the spike penalty in {@code train}, a stream's
 * state in {@code engine}); a layer calls the context, which tells the listeners of that kind.
 *
 * <p>A listener that keeps per-pass state (what has run so far in this pass) is made for one pass and
 * attached to that pass's context only.
 */
public interface RunListener {
    /**
     * Whether this listener must see or steer every layer's own call (an observer, a tuner, a state store), so
     * that a pass with it attached runs its layers one by one, never fused ({@link ForwardContext#plainInference}).
     */
    default boolean needsEveryLayer() {
        return false;
    }
}
