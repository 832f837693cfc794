package org.snn4j.encode;

import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** Turns a batch of static inputs {@code [N, ...]} into an input sequence {@code [T, N, ...]}. */
public interface Encoder {
    /**
     * @param input {@code [N, ...]}; read, not modified
     * @param steps T ≥ 1
     * @param rng   random stream for stochastic codes
     * @return a new {@code [T, N, ...]} tensor
     */
    Tensor encode(Tensor input, int steps, Rng rng);

    /**
     * As {@link #encode}, but an encoder whose sequence is the same at every step returns it once, as
     * {@code [1, N, ...]}, to be held for T steps (see {@code ForwardContext.withSteps}); layers before
     * the first spiking layer then run once instead of T times. Stochastic encoders return the full
     * sequence.
     */
    default Tensor encodeCompact(Tensor input, int steps, Rng rng) {
        return encode(input, steps, rng);
    }

    /**
     * The shape of one step of the code of a sample of shape {@code sampleShape} (without the batch axis):
     * what the model's input must be. The sample's own shape for the static codes; a sample that holds
     * its T frames ({@link FramesEncoder}) gives one frame's.
     */
    default int[] stepShape(int[] sampleShape, int steps) {
        return sampleShape.clone();
    }
}
