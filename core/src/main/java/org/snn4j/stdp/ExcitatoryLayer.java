package org.snn4j.stdp;

import java.util.Arrays;

/**
 * Diehl &amp; Cook's excitatory neurons: leaky, conductance-based, with an {@link AdaptiveThreshold} and a
 * refractory period. Per step of dt, explicit Euler for all of them, as Brian (the reference code's simulator)
 * integrates these non-linear equations by default:
 * <pre>
 *   v  ← v + dt/τ_e · ((v_rest − v) + g_e·(E_exc − v) + g_i·(E_inh − v))     (not while refractory)
 *   g_e ← g_e·(1 − dt/τ_ge),  g_i ← g_i·(1 − dt/τ_gi)                        (at least 0)
 *   spike when v &gt; v_thresh + θ and not refractory: v ← v_reset, refractory for t_ref, θ ← θ + θ₊
 * </pre>
 * with v_rest = v_reset = −65 mV, v_thresh = −52 mV, E_exc = 0 mV, E_inh = −100 mV, τ_e = 100 ms, τ_ge = 1 ms,
 * τ_gi = 2 ms, t_ref = 5 ms. θ starts at 0 (the reference code's θ = 20 mV with its 20 mV offset). Input
 * spikes add their weights to g_e, inhibition to g_i, between steps. Euler rather than the exact decay
 * exp(−dt/τ) matters at dt = 0.5 ms and τ_ge = 1 ms: an input spike's conductance integrates to w·1 ms
 * (w·τ_ge) instead of w·1.27 ms.
 */
final class ExcitatoryLayer {
    static final float V_REST = -65f;
    static final float V_RESET = -65f;
    static final float V_THRESH = -52f;
    static final float E_EXC = 0f;
    static final float E_INH = -100f;
    static final double TAU_E_MS = 100;
    static final double TAU_GE_MS = 1;
    static final double TAU_GI_MS = 2;
    static final double REFRACTORY_MS = 5;

    private final float[] v;
    private final float[] ge;
    private final float[] gi;
    private final int[] refractory;
    private final AdaptiveThreshold theta;
    private final float dtOverTau;
    private final float geDecay;
    private final float giDecay;
    private final int refractorySteps;

    ExcitatoryLayer(int neurons, double dtMs, AdaptiveThreshold theta) {
        this.v = new float[neurons];
        this.ge = new float[neurons];
        this.gi = new float[neurons];
        this.refractory = new int[neurons];
        this.theta = theta;
        this.dtOverTau = (float) (dtMs / TAU_E_MS);
        this.geDecay = eulerDecay(dtMs, TAU_GE_MS);
        this.giDecay = eulerDecay(dtMs, TAU_GI_MS);
        this.refractorySteps = (int) Math.round(REFRACTORY_MS / dtMs);
        Arrays.fill(v, V_REST);
    }

    /** The factor of one Euler step of {@code dx/dt = −x/τ}, at least 0. */
    static float eulerDecay(double dtMs, double tauMs) {
        return (float) Math.max(0, 1 - dtMs / tauMs);
    }

    /** One step of every neuron; the indices of those that fired go to {@code spikes}, their number is returned. */
    int step(int[] spikes) {
        int count = 0;
        for (int j = 0; j < v.length; j++) {
            float vj = v[j];
            if (refractory[j] > 0) {
                refractory[j]--;
            } else {
                vj += dtOverTau * ((V_REST - vj) + ge[j] * (E_EXC - vj) + gi[j] * (E_INH - vj));
                if (vj > V_THRESH + theta.get(j)) {
                    vj = V_RESET;
                    refractory[j] = refractorySteps;
                    spikes[count++] = j;
                }
            }
            v[j] = vj;
            ge[j] *= geDecay;
            gi[j] *= giDecay;
        }
        theta.spiked(spikes, count);
        return count;
    }

    /** The excitatory conductances, which input spikes add to. */
    float[] excitation() {
        return ge;
    }

    /** The inhibitory conductances, which {@link LateralInhibition} adds to. */
    float[] inhibition() {
        return gi;
    }

    int size() {
        return v.length;
    }
}
