package org.snn4j.interop;

/**
 * The one place where snn4j's discrete neurons meet NIR's continuous ones. NIR writes a LIF neuron
 * as τ·dv/dt = (v_leak − v) + R·I; one forward-Euler step of length dt gives
 * <pre>
 *   v[t] = (1 − dt/τ)·v[t−1] + (dt/τ)·R·I[t]   (v_leak = 0)
 * </pre>
 * so snn4j's H[t] = α·V[t−1] + X[t] is τ = dt/(1 − α) and R = τ/dt (input scale R·dt/τ = 1), with
 * snnTorch's dt = 1e-4 (its {@code export_to_nir} writes exactly these for {@code Leaky(beta)};
 * SpikingJelly's LIF with time constant τ_SJ is α = 1 − 1/τ_SJ at dt = 1). IF and the integrator I
 * have no τ: one step adds R·I, so R = 1. The readout U[t] = α·(U[t−1] + X[t]) is an LI node with
 * input scale α (R = α·τ/dt), or the integrator I when α = 1.
 */
final class NirTime {
    /** snnTorch's step length, used for τ when nothing else is known. */
    static final double DEFAULT_DT = 1e-4;

    private NirTime() {}

    /** τ = dt/(1 − α) for 0 &lt; α &lt; 1. */
    static double tau(double alpha, double dt) {
        return dt / (1 - alpha);
    }

    /** α = 1 − dt/τ. */
    static double alpha(double tau, double dt) {
        return 1 - dt / tau;
    }

    /** The factor one Euler step puts on the input current: R·dt/τ. */
    static double inputScale(double r, double tau, double dt) {
        return r * dt / tau;
    }
}
