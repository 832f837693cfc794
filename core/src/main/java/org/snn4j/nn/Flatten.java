package org.snn4j.nn;

import org.snn4j.tensor.Tensor;

/**
 * Flattens the sample shape: {@code [T, N, C, H, W] → [T, N, C·H·W]} (any {@code [T, N, ...]}).
 * The output shares the input's data (a reshape); so does the input gradient, ∂y reshaped to the
 * input's shape (layers never write into the gradient they receive). No parameters.
 */
public final class Flatten implements Layer {
    private final String name;

    public Flatten(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        long size = 1;
        for (int d : inputShape) size *= d;
        if (size > Integer.MAX_VALUE) throw new ShapeException(name, "sample size", "<= 2^31-1", String.valueOf(size));
        return new int[] {(int) size};
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx) {
        if (input.rank() < 2) throw new ShapeException(name, "input shape", "[T, N, ...]", input.shapeString());
        Tensor y = input.reshape(input.dim(0), input.dim(1), input.sizeFrom(2));
        if (!ctx.keepForBackward()) return Pass.inferenceOnly(name, y);
        int[] inputShape = input.shape();
        return Pass.of(name, y, (gradOutput, needInputGrad) -> {
            if (!needInputGrad) return null;
            return gradOutput.reshape(inputShape);
        });
    }
}
