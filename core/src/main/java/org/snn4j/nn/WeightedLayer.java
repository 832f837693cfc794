package org.snn4j.nn;

import org.snn4j.tensor.Tensor;

/** A layer of synapses ({@link Conv2d}, {@link Linear}) whose output an executor may compute with its own kernel. */
public interface WeightedLayer extends Layer {
    /** The weights, {@code [outputs, fan-in...]}. */
    Parameter weight();

    /** The bias, or null. */
    Parameter bias();

    /** As {@link #forward(Tensor, ForwardContext)}, the output computed by {@code outputKernel} unless it declines (in training too: the kernel must compute exactly what the dense one does). */
    Pass forward(Tensor input, ForwardContext ctx, ForwardKernel outputKernel);
}
