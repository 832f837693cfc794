package org.snn4j.nn;

import java.util.List;
import java.util.Objects;
import org.snn4j.Snn4jException;
import org.snn4j.tensor.Tensor;

/**
 * An element-wise ANN activation with a trainable upper bound λ, one scalar per layer (parameter
 * {@code <name>.bound}, shape [1]): the ANN side of a conversion whose thresholds come from training
 * rather than from measured percentiles ({@link Clip}, {@link Qcfs}). Shapes: input and output
 * {@code [T, N, ...]}; no state between calls. The output is shown to
 * the pass's {@link ActivationObserver}s ({@link RunListeners#observeActivation}), as a {@link ReLU}'s is.
 *
 * <p>Backward adds Σ_i ∂L/∂a_i · ∂a_i/∂λ into the bound's gradient (summed in double) and returns
 * ∂L/∂z_i = ∂L/∂a_i · ∂a_i/∂z_i, both with the λ of the forward call. The bound is weight-decayed, as
 * in the QCFS authors' training (their optimizer decays every parameter, λ included). A bound that
 * training has driven to zero or below, or to a non-finite value, stops the forward pass with a message
 * naming the layer.
 */
public abstract sealed class BoundedActivation implements Layer permits Clip, Qcfs {
    private final String name;
    private final Parameter bound;
    private final boolean trainable;

    /**
     * @param initialBound λ before training, finite and &gt; 0
     * @param trainable    λ is a parameter (trained, weight-decayed); otherwise a buffer, saved with the
     *                     model but held fixed (QCFS fine-tuning with λ kept at calibrated percentiles)
     * @throws Snn4jException naming the layer when {@code initialBound} is not finite and &gt; 0
     */
    protected BoundedActivation(String name, float initialBound, boolean trainable) {
        this.name = Objects.requireNonNull(name);
        checkBound(name, initialBound);
        this.bound = new Parameter(name + ".bound", Tensor.full(initialBound, 1), true);
        this.trainable = trainable;
    }

    @Override
    public final String name() {
        return name;
    }

    /** The upper bound λ ({@code <name>.bound}, shape [1]): a parameter, or a buffer when held fixed. */
    public final Parameter bound() {
        return bound;
    }

    /** The current value of λ. */
    public final float boundValue() {
        return bound.value().data()[0];
    }

    @Override
    public final int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public final List<Parameter> parameters() {
        return trainable ? List.of(bound) : List.of();
    }

    @Override
    public final List<Parameter> buffers() {
        return trainable ? List.of() : List.of(bound);
    }

    /** Whether λ is trained (a parameter) or held fixed (a buffer). */
    public final boolean trainable() {
        return trainable;
    }

    /** a(z; λ). */
    abstract float value(float z, float lambda);

    /** ∂a/∂z at z (the gradient this activation back-propagates, which may be a straight-through one). */
    abstract float inputGradient(float z, float lambda);

    /** ∂a/∂λ at z. */
    abstract float boundGradient(float z, float lambda);

    @Override
    public final Pass forward(Tensor input, ForwardContext ctx) {
        if (input.rank() < 2) throw new ShapeException(name, "input shape", "[T, N, ...]", input.shapeString());
        float lambda = boundValue();
        checkBound(name, lambda);
        Tensor y = ctx.zeros(input.shape());
        float[] x = input.data(), yd = y.data();
        for (int i = 0; i < x.length; i++) yd[i] = value(x[i], lambda);
        ctx.listeners().observeActivation(name, input, y);
        if (!ctx.keepForBackward()) return Pass.inferenceOnly(name, y);
        return Pass.of(name, y, (gradOutput, needInputGrad) -> {
            float[] dy = gradOutput.data();
            Tensor dx = needInputGrad ? ctx.zeros(input.shape()) : null;
            float[] dxd = dx == null ? null : dx.data();
            double dLambda = 0;
            for (int i = 0; i < dy.length; i++) {
                float z = x[i];
                if (dxd != null) dxd[i] = dy[i] * inputGradient(z, lambda);
                if (trainable) dLambda += (double) dy[i] * boundGradient(z, lambda);
            }
            if (trainable) bound.grad().data()[0] += (float) dLambda;
            return dx;
        });
    }

    private static void checkBound(String name, float lambda) {
        if (!(lambda > 0) || !Float.isFinite(lambda)) {
            throw new Snn4jException(name + ": bound must be finite and > 0, was " + lambda);
        }
    }
}
