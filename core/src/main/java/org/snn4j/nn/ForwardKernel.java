package org.snn4j.nn;

import org.snn4j.tensor.Tensor;

/**
 * Computes a weighted layer's ({@link Conv2d}, {@link Linear}) forward output in place of its dense kernel,
 * or declines: how an executor runs such a layer by events ({@link Conv2d#forward(Tensor, ForwardContext,
 * ForwardKernel)}). Whatever computes it, the layer validates the input, tells the listeners of its
 * synapses and checks the output.
 */
@FunctionalInterface
public interface ForwardKernel {
    /** The layer's own dense kernel. */
    ForwardKernel DENSE = (input, output) -> false;

    /**
     * @param input  the layer's input, {@code [T, N, ...]}; read
     * @param output its output, written completely when this returns true
     * @return false to let the layer run its dense kernel instead
     */
    boolean compute(Tensor input, Tensor output);
}
