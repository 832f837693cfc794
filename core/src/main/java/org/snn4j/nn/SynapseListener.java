package org.snn4j.nn;

import org.snn4j.tensor.Tensor;

/** Hears every forward call of a weighted layer (conv, linear): what the op counter counts. */
@FunctionalInterface
public interface SynapseListener extends RunListener {
    /**
     * @param input              the layer's input, {@code [T, N, ...]} ({@code [1, N, ...]} held over {@code steps})
     * @param steps              the pass's T
     * @param denseMacsPerSample output elements × fan-in of one sample at one step
     * @param fanOut             outputs reached by each input element of a sample, or {@code null} when every
     *                           input reaches the same number (a linear layer)
     */
    void synapses(String layer, Tensor input, int steps, long denseMacsPerSample, int[] fanOut);

    /**
     * A weighted layer that ran from event lists instead of a dense input (the engine's event input): its
     * synaptic operations, counted by the kernel as {@link #synapses} would count them on the dense input
     * that holds those events. Ignored unless overridden.
     *
     * @param samples the batch's N
     */
    default void synapseEvents(String layer, int samples, long denseMacsPerSample, long synapticOps) {}
}
