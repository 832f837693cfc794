package org.snn4j.nn;

import org.snn4j.tensor.Tensor;

/**
 * Inverted dropout with one mask held over all time steps (Lee et al. 2020): for each sample n and
 * each element j of its sample shape, {@code mask[n, j] = 1/(1 − p)} with probability 1 − p, else 0,
 * drawn once per forward call from {@link ForwardContext#rng()}, and {@code y[t, n, j] = mask[n, j]·x[t, n, j]}
 * for every t. Re-drawing per step would average the effect out over the T steps.
 *
 * <p>Shapes: input and output {@code [T, N, ...]}. Backward: {@code ∂x = mask·∂y}. In evaluation mode
 * (or with p = 0) the layer is the identity and returns its input tensor itself. No parameters.
 */
public final class Dropout implements Layer {
    private final String name;
    private final double p;

    /** @param p drop probability in [0, 1) */
    public Dropout(String name, double p) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException(name + ": drop probability must be in [0, 1), was " + p);
        this.name = name;
        this.p = p;
    }

    @Override
    public String name() {
        return name;
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx) {
        if (input.rank() < 2) throw new ShapeException(name, "input shape", "[T, N, ...]", input.shapeString());
        if (!ctx.training() || p == 0) return identity(input, ctx);
        int steps = input.dim(0), sampleSize = input.sizeFrom(1);
        float[] mask = new float[sampleSize];
        float keep = (float) (1 / (1 - p));
        for (int j = 0; j < sampleSize; j++) mask[j] = ctx.rng().nextFloat() < p ? 0f : keep;
        Tensor y = ctx.zeros(input.shape());
        multiplyEachStep(input.data(), mask, y.data(), steps);
        if (!ctx.keepForBackward()) return Pass.inferenceOnly(name, y);
        return Pass.of(name, y, (gradOutput, needInputGrad) -> {
            if (!needInputGrad) return null;
            Tensor dx = ctx.zeros(y.shape());
            multiplyEachStep(gradOutput.data(), mask, dx.data(), steps);
            return dx;
        });
    }

    /** {@code out[t·S + j] = in[t·S + j]·mask[j]} for every step t, S = mask length (N·sample size). */
    private static void multiplyEachStep(float[] in, float[] mask, float[] out, int steps) {
        int s = mask.length;
        for (int t = 0; t < steps; t++) {
            int base = t * s;
            for (int j = 0; j < s; j++) out[base + j] = in[base + j] * mask[j];
        }
    }

    private Pass identity(Tensor input, ForwardContext ctx) {
        if (!ctx.keepForBackward()) return Pass.inferenceOnly(name, input);
        return Pass.of(name, input, (gradOutput, needInputGrad) -> needInputGrad ? gradOutput.copy() : null);
    }
}
