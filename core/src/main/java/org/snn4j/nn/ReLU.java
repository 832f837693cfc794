package org.snn4j.nn;

import org.snn4j.tensor.Tensor;

/**
 * Rectified linear unit, element-wise: {@code y = max(0, x)}, {@code ∂x = ∂y·1[x > 0]}.
 * Shapes: input and output {@code [T, N, ...]}. No parameters (the ANN side of conversion, and a
 * stand-in "neuron" for tests of composites).
 */
public final class ReLU implements Layer {
    private final String name;

    public ReLU(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx) {
        if (input.rank() < 2) throw new ShapeException(name, "input shape", "[T, N, ...]", input.shapeString());
        Tensor y = ctx.zeros(input.shape());
        float[] x = input.data(), yd = y.data();
        for (int i = 0; i < x.length; i++) yd[i] = x[i] > 0 ? x[i] : 0f;
        ctx.listeners().observeActivation(name, input, y);
        if (!ctx.keepForBackward()) return Pass.inferenceOnly(name, y);
        return Pass.of(name, y, (gradOutput, needInputGrad) -> {
            if (!needInputGrad) return null;
            Tensor dx = ctx.zeros(y.shape());
            float[] dy = gradOutput.data(), dxd = dx.data();
            for (int i = 0; i < dy.length; i++) dxd[i] = x[i] > 0 ? dy[i] : 0f;
            return dx;
        });
    }
}
