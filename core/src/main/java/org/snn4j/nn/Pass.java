package org.snn4j.nn;

import org.snn4j.tensor.Tensor;

/**
 * The result of one {@link Layer#forward} call: its output, and (when the context asked to keep what
 * backward needs) the means to run backward through exactly that call. All state of a forward pass
 * lives here, never in the layer.
 */
public interface Pass {
    /** The layer's output for this call. */
    Tensor output();

    /**
     * Back-propagates through this forward call.
     *
     * <p>Parameter gradients are <em>added</em> into each {@link Parameter#grad()}; the returned input
     * gradient is a new tensor (overwrite semantics).
     *
     * @param gradOutput     ∂L/∂output, same shape as {@link #output()}; read, not modified
     * @param needInputGrad  whether the caller needs ∂L/∂input (false lets the first layer skip it)
     * @return ∂L/∂input, shaped as the input; {@code null} when {@code needInputGrad} is false
     * @throws IllegalStateException when the forward call did not keep what backward needs
     */
    Tensor backward(Tensor gradOutput, boolean needInputGrad);

    /** The backward half of a pass, as a function (see {@link #backward}). */
    @FunctionalInterface
    interface Backward {
        Tensor apply(Tensor gradOutput, boolean needInputGrad);
    }

    /**
     * A pass with the given output whose backward first checks that the gradient has the output's
     * shape (a {@link ShapeException} naming {@code layer} otherwise) and then runs {@code backward}.
     */
    static Pass of(String layer, Tensor output, Backward backward) {
        return new Pass() {
            @Override
            public Tensor output() {
                return output;
            }

            @Override
            public Tensor backward(Tensor gradOutput, boolean needInputGrad) {
                if (!gradOutput.sameShape(output)) {
                    throw new ShapeException(layer, "output gradient shape", output.shape(), gradOutput.shape());
                }
                return backward.apply(gradOutput, needInputGrad);
            }
        };
    }

    /** A pass that kept nothing: {@link #backward} throws. For evaluation-only forward calls. */
    static Pass inferenceOnly(String layer, Tensor output) {
        return new Pass() {
            @Override
            public Tensor output() {
                return output;
            }

            @Override
            public Tensor backward(Tensor gradOutput, boolean needInputGrad) {
                throw new IllegalStateException(layer + ": forward ran without keepForBackward; no backward possible");
            }
        };
    }
}
