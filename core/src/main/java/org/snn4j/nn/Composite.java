package org.snn4j.nn;

import org.snn4j.tensor.Tensor;

/**
 * A layer made of layers (a chain, a residual block) whose children a {@link ChildRunner} runs: its own
 * forward runs every child's own forward; an executor passes its plan instead.
 */
public interface Composite extends Layer {
    /** As {@link #forward(Tensor, ForwardContext)}, each child run by {@code runner}. */
    Pass forward(Tensor input, ForwardContext ctx, ChildRunner runner);

    @Override
    default Pass forward(Tensor input, ForwardContext ctx) {
        return forward(input, ctx, ChildRunner.LAYERS);
    }
}
