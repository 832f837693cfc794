package org.snn4j.nn;

import org.snn4j.Snn4jException;

/**
 * The quantization-clip-floor-shift activation of Bu et al. (ICLR 2022), the ANN an IF network with
 * θ = λ and V[0] = θ/2 reproduces: with L quantization levels and a trainable per-layer bound λ,
 * <pre>
 *   a = λ · clip(floor(z·L/λ + 1/2) / L, 0, 1)
 * </pre>
 * For a constant input current z held for T = L steps, such an IF neuron (subtract reset, spike if
 * V ≥ θ, amplitude θ) fires clip(floor(zL/λ + 1/2), 0, L) times: its mean output is exactly a.
 *
 * <p>Backward treats the floor as the identity (straight-through), with the clip acting on u = z/λ as
 * in the authors' ANN_SNN_QCFS code (clamp before quantizing: the same forward values). With
 * q = clip(floor(uL + 1/2)/L, 0, 1):
 * <pre>
 *   0 &lt; u &lt; 1:  ∂a/∂z = 1,  ∂a/∂λ = q − u
 *   u ≥ 1:      ∂a/∂z = 0,  ∂a/∂λ = 1
 *   u ≤ 0:      ∂a/∂z = 0,  ∂a/∂λ = 0
 * </pre>
 * (The authors' older SNN_conversion_QCFS code clamps after quantizing, so its clip gates on the
 * quantized value instead and also passes gradient for u in [−1/(2L), 0] and [1, 1 + 1/(2L)).)
 * See {@link BoundedActivation} for shapes and the parameter.
 */
public final class Qcfs extends BoundedActivation {
    private final int levels;

    /**
     * @param levels       L ≥ 1, quantization levels (the number of time steps the SNN matches exactly)
     * @param initialBound λ before training, finite and &gt; 0 (the authors use 8)
     */
    public Qcfs(String name, int levels, float initialBound) {
        this(name, levels, initialBound, true);
    }

    /** @param trainable λ trained, or held fixed (see {@link BoundedActivation}) */
    public Qcfs(String name, int levels, float initialBound, boolean trainable) {
        super(name, initialBound, trainable);
        if (levels < 1) throw new Snn4jException(name + ": quantization levels must be >= 1, was " + levels);
        this.levels = levels;
    }

    /** L, the number of quantization levels. */
    public int levels() {
        return levels;
    }

    /** k = floor(zL/λ + 1/2), the quantization step of z for 0 &lt; z &lt; λ (then 0 ≤ k ≤ L). */
    private double step(float z, float lambda) {
        return Math.floor((double) z * levels / lambda + 0.5);
    }

    @Override
    float value(float z, float lambda) {
        if (z <= 0) return 0f;
        if (z >= lambda) return lambda;
        return (float) ((double) lambda * step(z, lambda) / levels);
    }

    @Override
    float inputGradient(float z, float lambda) {
        return z > 0 && z < lambda ? 1f : 0f;
    }

    @Override
    float boundGradient(float z, float lambda) {
        if (z <= 0) return 0f;
        if (z >= lambda) return 1f;
        return (float) (step(z, lambda) / levels - (double) z / lambda);
    }

    @Override
    public String toString() {
        return "Qcfs(" + name() + ", L=" + levels + ", λ=" + boundValue() + ")";
    }
}
