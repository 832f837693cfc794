package org.snn4j.nn;

import java.util.List;
import org.snn4j.tensor.Tensor;

/**
 * The layer contract: a layer maps a whole time sequence to a whole sequence.
 *
 * <ul>
 *   <li>Input and output are {@code [T, N, ...sample shape]}. Stateless layers (conv, linear,
 *       pooling, BN) fold T into the batch; neurons walk over T inside one call.</li>
 *   <li>No state survives a call: what backward needs is kept in the returned {@link Pass} (only when
 *       {@link ForwardContext#keepForBackward()} is set). Nothing needs resetting between batches.</li>
 *   <li>{@link Pass#backward} adds into parameter gradients and returns a fresh input gradient.</li>
 *   <li>Inputs are validated here, at the boundary: a wrong shape throws {@link ShapeException}
 *       naming the layer, the expected and the actual shape.</li>
 * </ul>
 */
public interface Layer {
    /** The layer's name, unique within its model (used in messages, parameter names and reports). */
    String name();

    /**
     * The per-sample output shape for a per-sample input shape (both without T and N).
     *
     * @throws ShapeException when the layer cannot take that input
     */
    int[] outputShape(int[] inputShape);

    /**
     * Runs the layer over a whole sequence.
     *
     * @param input {@code [T, N, ...]}; read, not modified
     * @param ctx   mode (training or evaluation), whether to keep what backward needs, random stream,
     *              activity records
     */
    Pass forward(Tensor input, ForwardContext ctx);

    /** Trainable parameters, in a stable order (empty by default). */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** Non-trainable state that must be saved with the model (e.g. BN running statistics); empty by default. */
    default List<Parameter> buffers() {
        return List.of();
    }

    /**
     * True when every element of this layer's forward output is finite whatever its input, as for spike
     * trains (each element 0 or the layer's finite amplitude): a composite then skips its NaN/infinity scan
     * of that output ({@link Finite}), one pass over the largest tensors of an SNN.
     */
    default boolean outputAlwaysFinite() {
        return false;
    }

    /**
     * True when this layer's input gradient only holds elements of its output gradient scaled by at most 1
     * in magnitude (pooling over windows that do not overlap): it is finite whenever that gradient is,
     * which the composite has checked, so the composite skips its scan of the input gradient.
     */
    default boolean inputGradientFiniteWithOutputGradient() {
        return false;
    }

    /**
     * A shortcut a composite may take for this layer and the pooling layer after it: one pass whose output is
     * the pooling's, computed without this layer's output ever written in full (and checked for NaN and
     * infinity by this method), at inference and, where the layer can, in training too (its backward then
     * runs both layers' backward the same way); or null (the default) to run the two one by one.
     */
    default Pass forwardThenPool(Tensor input, Pool2d<?> pool, ForwardContext ctx) {
        return null;
    }

    /** Sub-layers for composites (Sequential, residual blocks); empty for leaves. */
    default List<Layer> children() {
        return List.of();
    }
}
