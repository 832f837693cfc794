package org.snn4j.nn;

import org.snn4j.tensor.Tensor;

/**
 * Hears how many spikes each element of a burst layer's output carries (neurons that emit several spikes
 * in one step), so that what the layers fed by that output cost can be charged per spike.
 */
public interface BurstListener extends RunListener {
    /** {@code spikes[i]}: the spikes element i of {@code output} carries (|signed count|, same size). */
    void bursts(Tensor output, float[] spikes);

    /** {@code t} was released (its array may be reused): forget what was said of it. */
    void released(Tensor t);
}
