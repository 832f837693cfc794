package org.snn4j.nn;

import org.snn4j.kernels.ConvGeometry;
import org.snn4j.tensor.Tensor;

/**
 * Chooses how a convolution computes its input gradient in backward: from its output gradient's non-zero values
 * ({@code byEvents}, {@code kernels.EventBackwardData}) or by the GEMM path ({@code dense}); which is faster depends
 * on the output gradient's density and the layer's shape, so an executor chooses
 * ({@link Conv2d#forward(Tensor, ForwardContext, ForwardKernel, WeightGradientChoice, InputGradientChoice)}).
 */
@FunctionalInterface
public interface InputGradientChoice {
    /** Always the GEMM path (the layer run by itself). */
    InputGradientChoice DENSE = (conv, gradOutput, byEvents, dense) -> dense.run();

    /**
     * Runs exactly one of {@code byEvents} and {@code dense}, each of which writes the whole input gradient.
     *
     * @param conv       the convolution over the pass's images
     * @param gradOutput the output gradient, {@code [T, N, ...]}; read
     */
    void run(ConvGeometry conv, Tensor gradOutput, Runnable byEvents, Runnable dense);
}
