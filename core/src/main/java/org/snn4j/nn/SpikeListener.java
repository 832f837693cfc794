package org.snn4j.nn;

/** Hears the spikes each spiking layer emits, and where spike trains become analog values again. */
@FunctionalInterface
public interface SpikeListener extends RunListener {
    /**
     * A spiking layer's call emitted {@code spikes} spikes.
     *
     * @param spikes  total spikes over all steps and samples (every spike of a burst)
     * @param neurons neurons per sample
     * @param steps   T
     * @param samples N
     */
    void spikes(String layer, long spikes, int neurons, int steps, int samples);

    /**
     * A layer turned spike trains into analog values (a hybrid network's spikes-to-ANN boundary): until the
     * next spiking layer runs, the values that flow are not spikes.
     */
    default void analog() {}
}
