package org.snn4j.nn;

import java.util.List;
import org.snn4j.tensor.Tensor;

/**
 * How a {@link Composite} runs its children: each child's own forward ({@link #LAYERS}, the reference), or
 * an executor's plan ({@code org.snn4j.engine.Executor}), which may run a weighted child by events and
 * several children of a chain as one fused block. The composites keep their own logic (chaining, joins,
 * NaN checks, releasing dead outputs); only the running of each child is the runner's.
 */
public interface ChildRunner {
    /** Every child runs its own forward; nothing is fused. */
    ChildRunner LAYERS = (child, input, ctx) -> child.forward(input, ctx);

    /** Runs {@code child} on {@code input} in this pass. */
    Pass forward(Layer child, Tensor input, ForwardContext ctx);

    /**
     * May run {@code chain[at]} and the layers after it as one block (e.g. a convolution, its spiking layer
     * and a pooling layer, one sample at a time so that no intermediate output leaves the cache), with the
     * same output, records and (in training) gradients as running them one by one; the block checks the
     * outputs it computes for NaN and infinity itself.
     *
     * @return the block's pass and how many layers it ran, or null to run {@code chain[at]} alone
     */
    default Fused fused(List<Layer> chain, int at, Tensor input, ForwardContext ctx) {
        return null;
    }

    /**
     * What a runner ran as one fused block: its pass (backward through all of its layers, or none at inference)
     * and how many layers of the chain it covered.
     */
    record Fused(Pass pass, int layers) {
        public Fused {
            if (layers < 1) throw new IllegalArgumentException("a fused block runs at least one layer, not " + layers);
        }

        /** The block's output: its last layer's. */
        public Tensor output() {
            return pass.output();
        }
    }
}
