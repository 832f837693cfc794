package org.snn4j.nn;

import org.snn4j.kernels.PoolKernels;

/**
 * Max pooling over a sequence of images, T folded into the batch, channels independent.
 *
 * <p>{@code y[t, n, c, i, j] = max_{ki, kj} x[t, n, c, i·s − p + ki, j·s − p + kj]} over the window's
 * cells inside the image (padding never wins); shapes as in {@link Pool2d}. The pass keeps the argmax of
 * every output ({@code int[]}, the first maximum in row-major window order) when a backward will run (at
 * inference it takes the same maxima without it); backward routes each output
 * gradient to it. No parameters.
 */
public final class MaxPool2d extends Pool2d<int[]> {
    public MaxPool2d(String name, int kernel, int stride) {
        this(name, kernel, stride, 0);
    }

    /** @param padding zero padding on each side, at most kernel / 2 */
    public MaxPool2d(String name, int kernel, int stride, int padding) {
        super("MaxPool2d", name, kernel, stride, padding);
    }

    @Override
    int[] forwardKernel(float[] x, Planes p, float[] y, boolean forBackward) {
        if (!forBackward) {
            PoolKernels.maxForward(x, p.planes(), p.h(), p.w(), kernel(), stride(), padding(), y);
            return null;
        }
        int[] argmax = new int[y.length];
        PoolKernels.maxForward(x, p.planes(), p.h(), p.w(), kernel(), stride(), padding(), y, argmax);
        return argmax;
    }

    @Override
    void backwardKernel(float[] dy, int[] argmax, Planes p, float[] dx) {
        PoolKernels.maxBackward(dy, argmax, p.planes(), p.h(), p.w(), kernel(), stride(), padding(), dx);
    }
}
