package org.snn4j.nn;

/**
 * Clipped ReLU with a trainable per-layer upper bound λ: {@code a = min(max(z, 0), λ)}.
 * Gradients: for 0 &lt; z &lt; λ, ∂a/∂z = 1 and ∂a/∂λ = 0; for z ≥ λ, ∂a/∂z = 0 and ∂a/∂λ = 1; for
 * z ≤ 0 both are 0. Converted with θ_l = λ_l, an IF neuron's rate code covers exactly [0, λ_l], so
 * nothing the ANN computes is clipped by the conversion (the {@code TCL} module of the QCFS authors'
 * older code is this activation).
 * See {@link BoundedActivation} for shapes and the parameter.
 */
public final class Clip extends BoundedActivation {
    /** @param initialBound λ before training, finite and &gt; 0 */
    public Clip(String name, float initialBound) {
        this(name, initialBound, true);
    }

    /** @param trainable λ trained, or held fixed (see {@link BoundedActivation}) */
    public Clip(String name, float initialBound, boolean trainable) {
        super(name, initialBound, trainable);
    }

    @Override
    float value(float z, float lambda) {
        return z <= 0 ? 0f : z >= lambda ? lambda : z;
    }

    @Override
    float inputGradient(float z, float lambda) {
        return z > 0 && z < lambda ? 1f : 0f;
    }

    @Override
    float boundGradient(float z, float lambda) {
        return z >= lambda ? 1f : 0f;
    }

    @Override
    public String toString() {
        return "Clip(" + name() + ", λ=" + boundValue() + ")";
    }
}
