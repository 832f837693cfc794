package org.snn4j.nn;

import org.snn4j.kernels.PoolKernels;
import org.snn4j.tensor.Tensor;

/**
 * Max pooling over a sequence of images, T folded into the batch, channels independent.
 *
 * <p>{@code y[t, n, c, i, j] = max_{ki, kj} x[t, n, c, i·s − p + ki, j·s − p + kj]} over the window's
 * cells inside the image (padding never wins). Shapes: {@code [T, N, C, H, W] → [T, N, C, Hout, Wout]},
 * {@code Hout = (H + 2p − k)/s + 1}. The pass keeps the argmax of every output ({@code int[]}, the
 * first maximum in row-major window order); backward routes each output gradient to it. No parameters.
 */
public final class MaxPool2d implements Layer {
    private final String name;
    private final int kernel, stride, padding;

    public MaxPool2d(String name, int kernel, int stride) {
        this(name, kernel, stride, 0);
    }

    /** @param padding zero padding on each side, at most kernel / 2 */
    public MaxPool2d(String name, int kernel, int stride, int padding) {
        if (kernel < 1 || stride < 1 || padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException(name + ": bad MaxPool2d configuration kernel=" + kernel
                    + " stride=" + stride + " padding=" + padding + " (padding must be <= kernel/2)");
        }
        this.name = name;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

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
        int planes = input.dim(0) * input.dim(1) * input.dim(2), h = input.dim(3), w = input.dim(4);
        Tensor y = Tensor.zeros(Tensor.concat(new int[] {input.dim(0), input.dim(1)}, out));
        int[] argmax = new int[y.size()];
        PoolKernels.maxForward(input.data(), planes, h, w, kernel, stride, padding, y.data(), argmax);
        Finite.checkOwn(this, "forward output", y);
        if (!ctx.keepForBackward()) return Pass.inferenceOnly(name, y);
        int[] inShape = input.shape();
        return new Pass() {
            @Override
            public Tensor output() {
                return y;
            }

            @Override
            public Tensor backward(Tensor gradOutput, boolean needInputGrad) {
                ImageShapes.requireSameShape(name, y, gradOutput);
                if (!needInputGrad) return null;
                Tensor dx = Tensor.zeros(inShape);
                PoolKernels.maxBackward(gradOutput.data(), argmax, planes, h, w, kernel, stride, padding, dx.data());
                Finite.checkOwn(MaxPool2d.this, "input gradient", dx);
                return dx;
            }
        };
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
