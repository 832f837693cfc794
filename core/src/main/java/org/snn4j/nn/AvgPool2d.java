package org.snn4j.nn;

import org.snn4j.kernels.PoolKernels;

/**
 * Average pooling over a sequence of images, T folded into the batch, channels independent.
 *
 * <p>{@code y[t, n, c, i, j] = (1/k²) Σ_{ki, kj} x[t, n, c, i·s − p + ki, j·s − p + kj]} (padded cells
 * count as zeros); shapes as in {@link Pool2d}. Backward spreads each output gradient evenly, {@code 1/k²}
 * to every cell of its window. No parameters.
 */
public final class AvgPool2d extends Pool2d<Void> {
    public AvgPool2d(String name, int kernel, int stride) {
        this(name, kernel, stride, 0);
    }

    /** @param padding zero padding on each side, at most kernel / 2 */
    public AvgPool2d(String name, int kernel, int stride, int padding) {
        super("AvgPool2d", name, kernel, stride, padding);
    }

    @Override
    Void forwardKernel(float[] x, Planes p, float[] y, boolean forBackward) {
        PoolKernels.avgForward(x, p.planes(), p.h(), p.w(), kernel(), stride(), padding(), y);
        return null;
    }

    @Override
    void backwardKernel(float[] dy, Void state, Planes p, float[] dx) {
        PoolKernels.avgBackward(dy, p.planes(), p.h(), p.w(), kernel(), stride(), padding(), dx);
    }
}
