package org.snn4j.stdp;

import java.util.Arrays;

/**
 * Diehl &amp; Cook's excitatory neurons: leaky, conductance-based, with an {@link AdaptiveThreshold} and a
 * refractory period. Per step of dt (explicit Euler for the membrane; the conductances decay exactly or, as
 * Brian steps them, by Euler):
 * <pre>
 *   v  ← v + dt/τ_e · ((v_rest − v) + g_e·(E_exc − v) + g_i·(E_inh − v))     (not while refractory)
 *   v  ← min(E_exc, max(E_inh, v))
 *   g_e ← g_e·exp(−dt/τ_ge),  g_i ← g_i·exp(−dt/τ_gi)      (Euler: g ← g·(1 − dt/τ))
 *   spike when v &gt; v_thresh + θ, not refractory and not locked out: v ← v_reset, refractory for t_ref,
 *   locked out for t_lock, θ ← θ + θ₊
 * </pre>
 * with v_rest = v_reset = −65 mV, v_thresh = −52 mV, E_exc = 0 mV, E_inh = −100 mV, τ_e = 100 ms, τ_ge = 1 ms,
 * τ_gi = 2 ms, t_ref = 5 ms. θ starts at 0 and by default decays towards −20 mV (the reference code's θ starts at
 * 20 mV, decays towards 0 and is compared with v_thresh − 20 mV: the same threshold, shifted). Input
 * spikes add their weights to g_e, inhibition to g_i, between steps. The clamp keeps v where the exact
 * solution stays (between the reversal potentials): explicit Euler is unstable once dt/τ_e·(1 + g_e + g_i)
 * &gt; 2, which inhibition reaches when some 24 neurons fire in one step (g_i = 17 each), and without the clamp
 * v then oscillates with a growing amplitude and the whole layer fires at its refractory limit. Brian, the
 * reference code's simulator, steps these non-linear equations by Euler also for the conductances
 * (g ← g·(1 − dt/τ): an input spike integrates to w·1 ms instead of w·1.27 ms at dt = 0.5 ms with the
 * exact decay). The lock-out t_lock is the Brian 2 ports' {@code timer}: it grows at 0.1 ms per ms and must
 * exceed t_ref = 5 ms before the neuron can fire, so after a spike the neuron may integrate again after 5 ms
 * but fire only after 50 ms (in the authors' Brian 1 script, without units, the same timer passes 5 ms
 * within a step: no lock-out beyond t_ref). A lock-out at or below t_ref changes nothing.
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
    private final int[] lockout;
    private final int lockoutSteps;

    /** Exact conductance decay, no lock-out beyond the refractory period. */
    ExcitatoryLayer(int neurons, double dtMs, AdaptiveThreshold theta) {
        this(neurons, dtMs, theta, 0, false);
    }

    /**
     * @param lockoutMs         t_lock: after a spike a neuron cannot fire again for this long (in whole steps; at or
     *                          below t_ref no effect)
     * @param eulerConductances decay the conductances by Euler, {@code g·(1 − dt/τ)}, as Brian does; else exactly
     */
    ExcitatoryLayer(int neurons, double dtMs, AdaptiveThreshold theta, double lockoutMs, boolean eulerConductances) {
        if (!(lockoutMs >= 0)) throw new IllegalArgumentException("lockout must be >= 0 ms, was " + lockoutMs);
        if (eulerConductances && !(dtMs < TAU_GE_MS)) {
            throw new IllegalArgumentException("Euler conductances need dt < tau_ge = " + TAU_GE_MS + " ms, dt was " + dtMs);
        }
        this.v = new float[neurons];
        this.ge = new float[neurons];
        this.gi = new float[neurons];
        this.refractory = new int[neurons];
        this.lockout = new int[neurons];
        this.theta = theta;
        this.dtOverTau = (float) (dtMs / TAU_E_MS);
        this.geDecay = (float) (eulerConductances ? 1 - dtMs / TAU_GE_MS : Math.exp(-dtMs / TAU_GE_MS));
        this.giDecay = (float) (eulerConductances ? 1 - dtMs / TAU_GI_MS : Math.exp(-dtMs / TAU_GI_MS));
        this.refractorySteps = (int) Math.round(REFRACTORY_MS / dtMs);
        this.lockoutSteps = (int) Math.round(lockoutMs / dtMs);
        Arrays.fill(v, V_REST);
    }

    /** One step of every neuron; the indices of those that fired go to {@code spikes}, their number is returned. */
    int step(int[] spikes) {
        int count = 0;
        for (int j = 0; j < v.length; j++) {
            float vj = v[j];
            boolean locked = lockout[j] > 0;
            if (locked) lockout[j]--;
            if (refractory[j] > 0) {
                refractory[j]--;
            } else {
                vj += dtOverTau * ((V_REST - vj) + ge[j] * (E_EXC - vj) + gi[j] * (E_INH - vj));
                vj = Math.max(E_INH, Math.min(E_EXC, vj)); // where the exact solution stays; Euler overshoots at large g
                if (vj > V_THRESH + theta.get(j) && !locked) {
                    vj = V_RESET;
                    refractory[j] = refractorySteps;
                    lockout[j] = lockoutSteps;
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

    /** Neuron j's membrane potential, in mV. */
    float potential(int j) {
        return v[j];
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
