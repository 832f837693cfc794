package org.snn4j.nn;

import org.snn4j.tensor.Tensor;

/**
 * Chooses how a convolution accumulates its weight gradient in backward: from its input's non-zero values
 * ({@code byEvents}, {@code kernels.EventWeightGradient}) or by the GEMM ({@code dense}); the two are equal
 * within rounding, and which is faster depends on the input's density, the layer's shape and the machine, so
 * an executor chooses, by the input's density and a crossover it may measure
 * ({@link Conv2d#forward(Tensor, ForwardContext, ForwardKernel, WeightGradientChoice)}).
 */
@FunctionalInterface
public interface WeightGradientChoice {
    /** Always the GEMM (the layer run by itself). */
    WeightGradientChoice DENSE = (input, byEvents, dense) -> dense.run();

    /**
     * Runs exactly one of {@code byEvents} and {@code dense}, each of which accumulates the whole gradient.
     *
     * @param input the layer's input as its forward saw it, {@code [T, N, ...]}; read
     */
    void run(Tensor input, Runnable byEvents, Runnable dense);
}
