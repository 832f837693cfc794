package org.snn4j.nn;

/**
 * A term of the loss that depends on the spikes themselves (the spike-count penalty): a spiking layer's
 * backward adds its gradient at every spike output to ∂L/∂s before the reverse loop.
 */
@FunctionalInterface
public interface SpikeLoss extends RunListener {
    /** ∂(term)/∂s at every spike output of {@code layer} in this pass. */
    float gradientAtSpike(String layer);
}
