package org.snn4j.neuron;

import org.snn4j.kernels.SurrogateKind;
import org.snn4j.kernels.SurrogateSpec;

/**
 * Lee et al.'s (2020) leak-aware approximate derivative, exactly as their code computes it: a
 * straight-through estimator only at the neuron's spike times, scaled by a per-neuron factor and 1/θ,
 * with a reset-gated, leak-free temporal path:
 * <pre>
 *   ∂L/∂H[t] = ∂L/∂S[t]·NG/θ·S[t] + (1 − S[t])·∂L/∂H[t+1]
 *   NG = 1[LF &gt; 1e-3] + ln(α)·LF/Total,  LF = Σ_t α^{T−t}·S[t],  Total = Σ_t S[t] (0 replaced by 1)
 * </pre>
 * NG = 1 + ε with ε = −(1/(γ·τ_m))·Σ_k e^{−(T−t_k)/τ_m} in the paper's notation; silent neurons get
 * NG = 0. It is not the gradient of any forward function (no primitive) and gives no gradient for a
 * trainable leak or threshold.
 *
 * @param leakFactor   true: NG as above; false: NG ≡ 1 (ablation, and the pooling neurons)
 * @param perThreshold true: the 1/θ factor; false: none, as the authors' code treats its spiking pooling
 *                     neurons (only with {@code leakFactor} false: {@code lee-pool})
 */
public record LeeDerivative(boolean leakFactor, boolean perThreshold) implements Surrogate {
    public LeeDerivative {
        if (leakFactor && !perThreshold) throw new IllegalArgumentException("the leak-aware factor comes with 1/θ");
    }

    public LeeDerivative() {
        this(true, true);
    }

    /** With or without the leak-aware factor, with 1/θ. */
    public LeeDerivative(boolean leakFactor) {
        this(leakFactor, true);
    }

    /** The pooling neurons' derivative of the authors' code: straight-through at spikes, no NG, no 1/θ. */
    public static LeeDerivative pooling() {
        return new LeeDerivative(false, false);
    }

    @Override
    public String name() {
        return leakFactor ? "lee" : perThreshold ? "lee-no-leak-factor" : "lee-pool";
    }

    @Override
    public SurrogateSpec spec() {
        SurrogateKind kind = leakFactor ? SurrogateKind.LEE : perThreshold ? SurrogateKind.LEE_NO_LEAK_FACTOR : SurrogateKind.LEE_POOL;
        return new SurrogateSpec(kind, 0f, 0f);
    }

    @Override
    public boolean hasPrimitive() {
        return false;
    }

    @Override
    public double primitive(double x) {
        throw new UnsupportedOperationException("Lee's derivative has no primitive");
    }

    @Override
    public double derivative(double x) {
        throw new UnsupportedOperationException("Lee's derivative depends on the spike train; use factor");
    }

    /**
     * NG for one neuron's spike train (in double; the kernels compute the same in float).
     *
     * @param spikes S[1..T] as 0/1; read
     * @param leak   α &gt; 0
     */
    public double factor(float[] spikes, double leak) {
        if (!leakFactor) return 1;
        double total = 0, filtered = 0;
        for (float s : spikes) {
            total += s;
            filtered = filtered * leak + s;
        }
        return (filtered > 1e-3 ? 1 : 0) + Math.log(leak) * filtered / (total == 0 ? 1 : total);
    }
}
