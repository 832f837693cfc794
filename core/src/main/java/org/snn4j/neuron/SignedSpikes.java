package org.snn4j.neuron;

import java.util.concurrent.atomic.LongAdder;
import org.snn4j.kernels.NeuronSpec;
import org.snn4j.kernels.Parallel;

/**
 * Integrate-and-fire neurons with signed spikes, for converted networks: a neuron that has fired and
 * then sees its membrane fall below zero takes a spike back. Per neuron, with N[0] = 0 the net count of
 * spikes emitted so far and V[0] from the spec, t = 1..T:
 * <pre>
 *   H[t] = V[t−1] + X[t]
 *   H[t] ≥ θ (non-strict; &gt; θ strict):  S[t] = +1, V[t] = H[t] − θ, N[t] = N[t−1] + 1
 *   H[t] &lt; 0 and N[t−1] &gt; 0:          S[t] = −1, V[t] = H[t] + θ, N[t] = N[t−1] − 1
 *   otherwise:                          S[t] = 0,  V[t] = H[t]
 * </pre>
 * Always V[t] = V[0] + Σ_{τ≤t} X[τ] − θ·N[t]. An unsigned IF neuron cannot take back a spike that early
 * input caused when later input is negative, so with uneven input it fires more than its mean input
 * calls for (TTRBR's deviation error, QCFS's unevenness error), and in a deep network each layer passes
 * its surplus on. The negative spike restores 0 ≤ V &lt; θ whenever N &gt; 0, so when no step's input
 * exceeds θ in magnitude (one spike per step suffices) the net count after T steps is exactly
 * max(0, floor((V[0] + Σ_t X[t])/θ)): the count a constant input of the same total gives, which for
 * V[0] = θ/2, θ = λ and T = L is the QCFS activation of the mean input (papers.md §5.6), whatever the
 * input's order in time. (The neuron of Wang et al. 2022, "Signed neuron with memory", and Hu et al.'s
 * Fast-SNN; the zero threshold for the negative spike follows from the invariant above, our derivation.)
 *
 * <p>With bursts (Li and Zeng 2022's burst spikes, here signed) one step may carry several spikes, S[t]
 * an integer: k = floor(H/θ) spikes up (k with H &gt; kθ under the strict test), but never more than
 * T − N[t−1], or k = min(N[t−1], ceil(−H/θ)) spikes back. Then after every step
 * N[t] = clip(floor((V[0] + Σ_{τ≤t} X[τ])/θ), 0, T) exactly, however large or uneven the input: the
 * neuron is a quantizer of its accumulated input, and with V[0] = θ/2, θ = λ, T = L its output is the
 * QCFS activation of its mean input.
 *
 * <p>There is no gradient: these neurons are for inference of converted networks ({@link NeuronLayer}
 * refuses a pass that keeps state for backward). Scalar loops over blocks of neurons, the blocks on the
 * worker threads (the vectorized neuron kernels have no signed variant).
 */
public final class SignedSpikes {
    /** Neurons per block of work; a block runs all steps before the next. */
    private static final int BLOCK = 1024;

    private SignedSpikes() {}

    /**
     * Runs {@code m} neurons over {@code steps} steps: {@code input} is {@code [steps, m]}, or {@code [m]}
     * held for every step when {@code held}; writes the signed number of spikes of each step (+1, −1 or
     * 0; any integer with {@code burst}) into {@code spikes} ({@code [steps, m]}) and returns the number
     * of spikes of either sign. The spec's leak must be 1 (IF) and its reset by subtraction.
     *
     * @throws IllegalArgumentException when the spec is not IF with reset by subtraction
     */
    public static long forward(NeuronSpec spec, float[] input, float[] spikes, int steps, int m, boolean held, boolean burst) {
        return run(spec, input, spikes, steps, m, held, burst, steps, null, null);
    }

    /**
     * {@link #forward} continuing from the potentials in {@code membrane} and the net counts in {@code net}
     * (each {@code [m]}) instead of V[0] and 0, and leaving there those after the last step, with the burst
     * cap T the {@code horizon} (the steps of the whole sequence the chunks belong to): a sequence run in
     * consecutive chunks, the arrays filled with V[0] and 0 before the first, gives the spikes of one run
     * over all its steps.
     *
     * @throws IllegalArgumentException when the spec is not IF with reset by subtraction, or an array is short
     */
    public static long forwardContinue(NeuronSpec spec, float[] input, float[] spikes, int steps, int m, boolean held,
                                       boolean burst, int horizon, float[] membrane, float[] net) {
        if (membrane.length < m || net.length < m) throw new IllegalArgumentException("membrane and net counts need " + m + " neurons");
        return run(spec, input, spikes, steps, m, held, burst, horizon, membrane, net);
    }

    private static long run(NeuronSpec spec, float[] input, float[] spikes, int steps, int m, boolean held, boolean burst,
                            int horizon, float[] membrane, float[] net) {
        if (spec.leak() != 1f || !spec.subtractReset()) {
            throw new IllegalArgumentException("signed spikes need IF neurons with reset by subtraction");
        }
        if (steps == 0 || m == 0) return 0;
        LongAdder count = new LongAdder();
        Parallel.forRange((m + BLOCK - 1) / BLOCK, Math.max(1, (1 << 15) / (steps * BLOCK)), (b0, b1) -> count.add(
                run(spec, input, spikes, steps, m, held, burst, horizon, membrane, net, b0 * BLOCK, Math.min(m, b1 * BLOCK))));
        return count.sum();
    }

    /** Neurons {@code [from, to)}: step by step over the block, so every step reads and writes contiguous rows. */
    private static long run(NeuronSpec spec, float[] input, float[] spikes, int steps, int m, boolean held, boolean burst,
                            int horizon, float[] membrane, float[] net, int from, int to) {
        float theta = spec.threshold();
        boolean strict = spec.strictFire();
        int n = to - from;
        float[] v = new float[n];
        int[] count = new int[n];
        java.util.Arrays.fill(v, spec.initialMembrane());
        if (membrane != null) {
            System.arraycopy(membrane, from, v, 0, n);
            for (int j = 0; j < n; j++) count[j] = (int) net[from + j];
        }
        long emitted = 0;
        for (int t = 0; t < steps; t++) {
            int row = t * m;
            for (int j = 0; j < n; j++) {
                int i = row + from + j;
                float h = v[j] + input[held ? from + j : i];
                int k = 0;
                if (strict ? h > theta : h >= theta) {
                    k = burst ? Math.min(upCount(h, theta, strict), horizon - count[j]) : 1;
                } else if (h < 0f && count[j] > 0) {
                    k = burst ? -Math.min(count[j], (int) Math.min(Math.ceil(-(double) h / theta), Integer.MAX_VALUE)) : -1;
                }
                spikes[i] = k;
                v[j] = k == 0 ? h : h - k * theta;
                count[j] += k;
                emitted += Math.abs(k);
            }
        }
        if (membrane != null) {
            System.arraycopy(v, 0, membrane, from, n);
            for (int j = 0; j < n; j++) net[from + j] = count[j];
        }
        return emitted;
    }

    /** The largest k ≥ 1 with H ≥ kθ (non-strict) or H &gt; kθ (strict), given that k = 1 passes. */
    private static int upCount(float h, float theta, boolean strict) {
        double q = Math.min(Math.floor((double) h / theta), Integer.MAX_VALUE);
        int k = (int) Math.max(1, q);
        if (strict && k > 1 && h <= k * theta) k--;
        return k;
    }
}
