package org.snn4j.nn;

import org.snn4j.tensor.Tensor;

/**
 * What average and max pooling share: the window (kernel k, stride s, zero padding p ≤ k/2), the shape
 * rule {@code [T, N, C, H, W] → [T, N, C, Hout, Wout]} with {@code Hout = (H + 2p − k)/s + 1}, input
 * checks, and the forward/backward frame (T·N·C independent planes; output and input gradient guarded
 * for NaN/infinity). Subclasses supply the two kernels; {@code S} is what the forward keeps for the
 * backward (the argmax for max pooling, nothing for average pooling).
 */
public abstract sealed class Pool2d<S> implements Layer permits AvgPool2d, MaxPool2d {
    private final String name;
    private final int kernel, stride, padding;

    Pool2d(String kind, String name, int kernel, int stride, int padding) {
        if (kernel < 1 || stride < 1 || padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException(name + ": bad " + kind + " configuration kernel=" + kernel
                    + " stride=" + stride + " padding=" + padding + " (padding must be <= kernel/2)");
        }
        this.name = name;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** The plane geometry of one call: {@code planes} images of h×w. */
    record Planes(int planes, int h, int w) {}

    /**
     * Runs the forward kernel into {@code y}; returns what the backward kernel needs (or null), kept only
     * when {@code forBackward} (inference skips it).
     */
    abstract S forwardKernel(float[] x, Planes p, float[] y, boolean forBackward);

    /** Runs the backward kernel: {@code dx} (zeroed, input-shaped) from {@code dy} and the forward's state. */
    abstract void backwardKernel(float[] dy, S state, Planes p, float[] dx);

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] outputShape(int[] in) {
        ImageShapes.requireImage(name, in);
        return new int[] {in[0], ImageShapes.windowOutput(name, "height", in[1], kernel, stride, padding),
                ImageShapes.windowOutput(name, "width", in[2], kernel, stride, padding)};
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx) {
        ImageShapes.requireSequenceOfImages(name, input);
        int[] out = outputShape(input.shapeFrom(2));
        Planes p = new Planes(input.dim(0) * input.dim(1) * input.dim(2), input.dim(3), input.dim(4));
        Tensor y = ctx.empty(Tensor.concat(new int[] {input.dim(0), input.dim(1)}, out));
        S state = forwardKernel(input.data(), p, y.data(), ctx.keepForBackward());
        Finite.checkOwn(this, "forward output", y);
        if (!ctx.keepForBackward()) return Pass.inferenceOnly(name, y);
        int[] inShape = input.shape();
        return Pass.of(name, y, (gradOutput, needInputGrad) -> {
            if (!needInputGrad) return null;
            Tensor dx = ctx.empty(inShape);
            backwardKernel(gradOutput.data(), state, p, dx.data());
            Finite.checkOwn(this, "input gradient", dx);
            return dx;
        });
    }

    /**
     * The forward kernel alone on bare arrays, for an engine that runs a block of layers one sample at a
     * time: {@code planes} images {@code h × w} of {@code x} pooled into {@code y} (sizes checked by the kernel).
     */
    public void forwardPlanes(float[] x, int planes, int h, int w, float[] y) {
        forwardKernel(x, new Planes(planes, h, w), y, false);
    }

    /**
     * The backward kernel alone on bare arrays, for average pooling run one sample at a time with the layer
     * before it: {@code dx} ({@code [planes, h, w]}, overwritten) from {@code dy} ({@code [planes, outH, outW]}).
     * Max pooling's backward needs its forward's argmax, which such a block does not keep.
     *
     * @throws UnsupportedOperationException for max pooling
     */
    public void backwardPlanes(float[] dy, int planes, int h, int w, float[] dx) {
        if (!(this instanceof AvgPool2d)) throw new UnsupportedOperationException(name + ": max pooling's backward needs its argmax");
        backwardKernel(dy, null, new Planes(planes, h, w), dx);
    }

    /** Windows that do not overlap: each input gradient is one output gradient, copied or divided by k². */
    @Override
    public boolean inputGradientFiniteWithOutputGradient() {
        return stride >= kernel;
    }

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }
}
