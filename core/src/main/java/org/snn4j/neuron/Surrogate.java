package org.snn4j.neuron;

import org.snn4j.kernels.SurrogateSpec;

/**
 * A surrogate for the derivative of the Heaviside spike function S = Θ(H − θ), written on the
 * normalised argument x = (H − θ)/θ: the backward pass uses ∂S/∂H = g'(x)/θ, so the surrogate's width
 * is relative to the threshold. Each implementation is a small value class: its parameters, the
 * primitive g(x) (where one exists) and the derivative g'(x), plus the {@link SurrogateSpec} from which
 * the fused loops inline the same derivative.
 */
public sealed interface Surrogate permits Rectangular, Triangle, FastSigmoid, ArcTan, Stdb, LeeDerivative {
    /** The CLI name, e.g. {@code triangle}. */
    String name();

    /** The descriptor the kernels inline. */
    SurrogateSpec spec();

    /** Whether {@link #primitive} exists (false for STDB and Lee, whose derivative is not a function of x). */
    default boolean hasPrimitive() {
        return true;
    }

    /**
     * g(x) = ∫_{−∞}^x g'(u) du.
     *
     * @throws UnsupportedOperationException when {@link #hasPrimitive()} is false
     */
    double primitive(double x);

    /**
     * g'(x).
     *
     * @throws UnsupportedOperationException when the derivative does not depend on x alone
     */
    double derivative(double x);
}
