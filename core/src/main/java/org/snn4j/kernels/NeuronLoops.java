package org.snn4j.kernels;

import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleUnaryOperator;

/**
 * Fused loops over time for spiking neurons: one forward pass over T per neuron, one reverse pass for
 * backpropagation through time, vectorised across neurons and split over threads by neuron columns.
 *
 * <p>Layout: every array is time-major {@code [T, M]} (index {@code t·M + j}), with M = N · neurons per
 * sample, exactly as layers pass {@code [T, N, ...]} sequences.
 *
 * <p>Model, per neuron j, for t = 1..T with input current X[t] (the symbols of {@link NeuronSpec}):
 * <pre>
 *   charge  H[t] = α·V[t−1] + X[t]               V[0] = v0 ∈ {0, θ/2}
 *   fire    S[t] = Θ(H[t] − θ)                   strict H &gt; θ, or non-strict H ≥ θ
 *   reset   V[t] = H[t] − θ·S[t]                 subtract (soft)
 *      or   V[t] = H[t]·(1 − S[t])               to zero (hard)
 * </pre>
 * This is Lee et al.'s integrate → fire → reset → leak order (their leak after reset is our α on V[t−1]
 * at the next charge) and DIET-SNN's.
 *
 * <p>Surrogate: with the normalised argument x = (H − θ)/θ the loops use ∂S/∂H = g'(x)/θ
 * ({@code gradSpikeToH}), so a surrogate's width scales with the threshold. Reverse time (BPTT):
 * <pre>
 *   ∂L/∂H[t] = ∂L/∂S[t]·∂S/∂H[t] + ∂L/∂V[t]·∂V[t]/∂H[t]      ∂L/∂V[t] = α·∂L/∂H[t+1] (0 at t = T)
 *   ∂L/∂X[t] = ∂L/∂H[t]
 *   ∂V/∂H ({@code gradVToH}) = 1 − θ·∂S/∂H (soft), 1 (soft, detached),
 *                              (1 − S) − H·∂S/∂H (hard), (1 − S) (hard, detached)
 * </pre>
 * Parameter gradients (DIET-SNN's trainable α and θ), with ∂S/∂θ = −∂S/∂H · H/θ at fixed H:
 * <pre>
 *   ∂L/∂α = Σ_t ∂L/∂H[t]·V[t−1]
 *   ∂L/∂θ = Σ_t ( ∂L/∂S[t]·∂S/∂θ + ∂L/∂V[t]·∂V[t]/∂θ ) + [v0 = θ/2] · ½·α·∂L/∂H[1]
 *   ∂V/∂θ = −S − θ·∂S/∂θ (soft), −S (soft, detached), −H·∂S/∂θ (hard), 0 (hard, detached)
 * </pre>
 * Lee et al.'s derivative ({@link SurrogateKind#LEE}) replaces all of this by their code's rule:
 * ∂L/∂H[t] = ∂L/∂S[t]·NG/θ·S[t] + (1 − S[t])·∂L/∂H[t+1] with the per-neuron factor
 * NG = 1[LF &gt; 1e-3] + ln(α)·LF/Total, LF = Σ_t α^{T−t}·S[t], Total = Σ_t S[t] (0 replaced by 1);
 * it has no parameter gradients.
 *
 * <p>This facade checks its arguments; the kernels ({@link PanamaNeuronLoops}, or its twin
 * {@link ScalarNeuronLoops} when {@link KernelProvider} chose the scalar kernels) trust them. No
 * allocation per time step; the reverse pass allocates one T × lanes scratch per thread chunk.
 */
public final class NeuronLoops {
    /** Neurons per unit of work handed to threads (a multiple of every lane count). */
    static final int BLOCK = 64;
    /** The loops, as {@link KernelProvider} chose them. */
    private static final NeuronKernel KERNEL = KernelProvider.get().neurons();

    private NeuronLoops() {}

    /** Whether the vector kernel is in use (false: the scalar twin). */
    public static boolean vectorized() {
        return !KernelProvider.get().isScalar();
    }

    /**
     * Charge, fire and reset over all T steps for M neurons. Saves nothing: the reverse pass recomputes
     * H from the same input (one cheap forward sweep per neuron block, kept in L1), which moves less
     * memory than writing and re-reading a {@code [T, M]} array of H.
     *
     * @param input  X, {@code [T, M]}; read
     * @param spikes S as 0/1, {@code [T, M]}; written
     * @return the number of spikes emitted
     */
    public static long chargeFireResetForward(NeuronSpec spec, float[] input, float[] spikes, int steps, int neurons) {
        checkForward(spec, input, spikes, steps, neurons);
        return forward(KERNEL, spec, input, spikes, steps, neurons, defaultGrain(steps));
    }

    /**
     * {@link #chargeFireResetForward} for a current held for all T steps, X[t] = input for every t (direct
     * input computed once): reads the M inputs once instead of a T-fold copy.
     *
     * @param input  X, {@code [M]}; read
     * @param spikes S as 0/1, {@code [T, M]}; written
     * @return the number of spikes emitted
     */
    public static long chargeFireResetForwardHeld(NeuronSpec spec, float[] input, float[] spikes, int steps,
                                                  int neurons) {
        checkSpec(spec);
        checkSize("input", input, 1, neurons);
        checkSize("spikes", spikes, steps, neurons);
        if (spikes == input) throw new IllegalArgumentException("input and spikes must be distinct arrays");
        return forward(KERNEL, spec, input, spikes, steps, neurons, defaultGrain(steps), true, null);
    }

    /**
     * {@link #chargeFireResetForward} (or, {@code held}, {@link #chargeFireResetForwardHeld}) continuing from
     * the potentials in {@code membrane} instead of the initial one, and leaving there the potentials after
     * the last step: a sequence run in consecutive chunks of steps, with {@code membrane} filled with
     * {@link NeuronSpec#initialMembrane} before the first, gives the spikes of one run over all its steps.
     *
     * @param input    X, {@code [T, M]}, or {@code [M]} when held; read
     * @param spikes   S as 0/1, {@code [T, M]}; written
     * @param membrane V, {@code [M]}; read, then overwritten
     */
    public static long chargeFireResetContinue(NeuronSpec spec, float[] input, float[] spikes, int steps, int neurons,
                                               boolean held, float[] membrane) {
        checkSpec(spec);
        checkSize("input", input, held ? 1 : steps, neurons);
        checkSize("spikes", spikes, steps, neurons);
        checkSize("membrane", membrane, 1, neurons);
        if (spikes == input || spikes == membrane || input == membrane) {
            throw new IllegalArgumentException("input, spikes and membrane must be distinct arrays");
        }
        return forward(KERNEL, spec, input, spikes, steps, neurons, defaultGrain(steps), held, membrane);
    }

    /**
     * Reverse-time pass through the fused forward (formulas in the class comment).
     *
     * @param input      X given to {@link #chargeFireResetForward} with the same spec, {@code [T, M]}; read
     * @param gradSpikes ∂L/∂S, {@code [T, M]}; read
     * @param gradInput  ∂L/∂X, {@code [T, M]}; written (overwritten), or null when not needed
     * @param paramGrads null, or {∂L/∂α, ∂L/∂θ} summed over all neurons; accumulated into
     *                   (not for Lee's derivative)
     */
    public static void bpttReverse(NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput,
                                   int steps, int neurons, double[] paramGrads) {
        checkReverse(spec, input, gradSpikes, gradInput, steps, neurons, paramGrads);
        reverse(KERNEL, spec, input, gradSpikes, gradInput, steps, neurons, paramGrads, defaultGrain(steps));
        assert gradInput == null || allFinite(gradInput) : "non-finite ∂L/∂X";
        assert paramGrads == null || (Double.isFinite(paramGrads[0]) && Double.isFinite(paramGrads[1]))
                : "non-finite ∂L/∂α or ∂L/∂θ";
    }

    /**
     * {@link #bpttReverse} for a held current ({@link #chargeFireResetForwardHeld}): the gradient of the
     * one-step input is Σ_t ∂L/∂X[t], summed in registers (from t = T down to 1) instead of writing a
     * {@code [T, M]} gradient and summing it afterwards.
     *
     * @param input      X, {@code [M]}; read
     * @param gradSpikes ∂L/∂S, {@code [T, M]}; read
     * @param gradInput  Σ_t ∂L/∂X[t], {@code [M]}; written (overwritten), or null when not needed
     * @param paramGrads as in {@link #bpttReverse}
     */
    public static void bpttReverseHeld(NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput,
                                       int steps, int neurons, double[] paramGrads) {
        checkSpec(spec);
        checkSize("input", input, 1, neurons);
        checkSize("gradSpikes", gradSpikes, steps, neurons);
        if (gradInput != null) checkSize("gradInput", gradInput, 1, neurons);
        checkReverseCommon(spec, input, gradSpikes, gradInput, paramGrads);
        reverse(KERNEL, spec, input, gradSpikes, gradInput, steps, neurons, paramGrads, defaultGrain(steps), true);
        assert gradInput == null || allFinite(gradInput) : "non-finite ∂L/∂X";
    }

    /**
     * {@link #bpttReverse} (or, {@code held}, {@link #bpttReverseHeld}) of a tile of neurons read and written in place:
     * X and ∂L/∂X are columns [base, base + M) of {@code [T, stride]} arrays ({@code [stride]} when held), ∂L/∂S is
     * the tile's own {@code [T, M]}. A layer that runs its backward tile by tile (the fused spiking + pooling pass)
     * reads its input current and writes its input gradient where they are, instead of copying them into the
     * tile's arrays and back. No parameter gradients.
     */
    public static void bpttReverseTile(NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput, int base,
                                       int stride, int steps, int neurons, boolean held) {
        checkSpec(spec);
        checkSize("gradSpikes", gradSpikes, steps, neurons);
        checkSize("input", input, held ? 1 : steps, stride);
        checkSize("gradInput", gradInput, held ? 1 : steps, stride);
        if (base < 0 || neurons > stride - base) {
            throw new IllegalArgumentException("columns [" + base + ", " + base + " + " + neurons + ") outside a stride of " + stride);
        }
        checkReverseCommon(spec, input, gradSpikes, gradInput, null);
        reverse(KERNEL, spec, input, gradSpikes, gradInput, steps, neurons, null, defaultGrain(steps), held, base, stride);
    }

    private static boolean allFinite(float[] a) {
        for (float v : a) {
            if (!Float.isFinite(v)) return false;
        }
        return true;
    }

    /**
     * Gradient-test hook: the forward with {@code step} (a surrogate's primitive g(x), x = (H − θ)/θ) in
     * place of Heaviside: the emitted "spike" is g(x); the reset uses g(x) too, or the true 0/1 spike
     * when the reset is detached (its gradient is then zero, as detaching demands). Single-threaded,
     * scalar. Finite differences of this forward equal {@link #bpttReverseSmooth}.
     *
     * @return the number of true (Heaviside) spikes
     */
    public static long chargeFireResetForwardSmooth(NeuronSpec spec, DoubleUnaryOperator step, float[] input,
                                                    float[] spikes, int steps, int neurons) {
        checkForward(spec, input, spikes, steps, neurons);
        checkSmooth(spec, step);
        return ScalarNeuronLoops.forward(spec, step, input, spikes, steps, neurons, 0, neurons, false, null);
    }

    /** Gradient-test hook: the reverse pass matching {@link #chargeFireResetForwardSmooth}. */
    public static void bpttReverseSmooth(NeuronSpec spec, DoubleUnaryOperator step, float[] input,
                                         float[] gradSpikes, float[] gradInput, int steps, int neurons,
                                         double[] paramGrads) {
        checkReverse(spec, input, gradSpikes, gradInput, steps, neurons, paramGrads);
        checkSmooth(spec, step);
        ScalarNeuronLoops.reverse(spec, step, input, gradSpikes, gradInput, steps, neurons, 0, neurons, paramGrads,
                false, 0, neurons);
    }

    static int defaultGrain(int steps) {
        return Math.max(BLOCK, (1 << 15) / Math.max(1, steps));   // ≥ 32k time-neuron updates per thread
    }

    static long forward(NeuronKernel kernel, NeuronSpec spec, float[] input, float[] spikes, int steps, int neurons,
                        int grain) {
        return forward(kernel, spec, input, spikes, steps, neurons, grain, false, null);
    }

    /** {@code held} and {@code membrane} as in {@link NeuronKernel#forward}. */
    static long forward(NeuronKernel kernel, NeuronSpec spec, float[] input, float[] spikes, int steps, int neurons,
                        int grain, boolean held, float[] membrane) {
        if (steps == 0 || neurons == 0) return 0;
        int blocks = (neurons + BLOCK - 1) / BLOCK;
        LongAdder count = new LongAdder();
        Parallel.forRange(blocks, Math.max(1, grain / BLOCK), (b0, b1) -> count.add(kernel.forward(
                spec, input, spikes, steps, neurons, b0 * BLOCK, Math.min(neurons, b1 * BLOCK), held, membrane)));
        return count.sum();
    }

    static void reverse(NeuronKernel kernel, NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput,
                        int steps, int neurons, double[] paramGrads, int grain) {
        reverse(kernel, spec, input, gradSpikes, gradInput, steps, neurons, paramGrads, grain, false);
    }

    /** {@code held}: input and gradInput are {@code [M]} (see {@link NeuronKernel#reverse}). */
    static void reverse(NeuronKernel kernel, NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput,
                        int steps, int neurons, double[] paramGrads, int grain, boolean held) {
        reverse(kernel, spec, input, gradSpikes, gradInput, steps, neurons, paramGrads, grain, held, 0, neurons);
    }

    /** Input and gradInput in place in larger arrays, {@code base} and {@code stride} as in {@link NeuronKernel#reverse}. */
    static void reverse(NeuronKernel kernel, NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput,
                        int steps, int neurons, double[] paramGrads, int grain, boolean held, int base, int stride) {
        if (neurons == 0 || (gradInput == null && paramGrads == null)) return;
        if (steps == 0) {
            if (held && gradInput != null) java.util.Arrays.fill(gradInput, base, base + neurons, 0f);   // an empty sum
            return;
        }
        int blocks = (neurons + BLOCK - 1) / BLOCK;
        // each chunk's parameter gradients, by its first block: added in that order, not as threads finish
        ConcurrentSkipListMap<Integer, double[]> partials = paramGrads == null ? null : new ConcurrentSkipListMap<>();
        Parallel.forRange(blocks, Math.max(1, grain / BLOCK), (b0, b1) -> {
            double[] partial = partials == null ? null : new double[2];
            kernel.reverse(spec, input, gradSpikes, gradInput, steps, neurons, b0 * BLOCK,
                    Math.min(neurons, b1 * BLOCK), partial, held, base, stride);
            if (partial != null) partials.put(b0, partial);
        });
        if (partials == null) return;
        for (double[] partial : partials.values()) {
            paramGrads[0] += partial[0];
            paramGrads[1] += partial[1];
        }
    }

    private static void checkSpec(NeuronSpec spec) {
        if (!(spec.threshold() > 0) || !Float.isFinite(spec.threshold())) {
            throw new IllegalArgumentException("threshold must be finite and > 0, was " + spec.threshold());
        }
        if (!Float.isFinite(spec.leak())) throw new IllegalArgumentException("leak must be finite, was " + spec.leak());
    }

    private static void checkSize(String name, float[] a, int steps, int neurons) {
        long need = (long) steps * neurons;
        if (steps < 0 || neurons < 0) throw new IllegalArgumentException("negative size " + steps + "x" + neurons);
        if (a.length != need) {
            throw new IllegalArgumentException(name + ": [T, M] = [" + steps + ", " + neurons + "] needs " + need
                    + " elements, array has " + a.length);
        }
    }

    private static void checkForward(NeuronSpec spec, float[] input, float[] spikes, int steps, int neurons) {
        checkSpec(spec);
        checkSize("input", input, steps, neurons);
        checkSize("spikes", spikes, steps, neurons);
        if (spikes == input) throw new IllegalArgumentException("input and spikes must be distinct arrays");
    }

    private static void checkReverse(NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput,
                                     int steps, int neurons, double[] paramGrads) {
        checkSpec(spec);
        checkSize("input", input, steps, neurons);
        checkSize("gradSpikes", gradSpikes, steps, neurons);
        if (gradInput != null) checkSize("gradInput", gradInput, steps, neurons);
        checkReverseCommon(spec, input, gradSpikes, gradInput, paramGrads);
    }

    private static void checkReverseCommon(NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput,
                                           double[] paramGrads) {
        if (gradInput == input || gradInput == gradSpikes || gradSpikes == input) {
            throw new IllegalArgumentException("input, gradSpikes and gradInput must be distinct arrays");
        }
        if (paramGrads != null && paramGrads.length != 2) {
            throw new IllegalArgumentException("paramGrads must hold 2 values, has " + paramGrads.length);
        }
        if (paramGrads != null && spec.surrogate().kind().isLee()) {
            throw new IllegalArgumentException("Lee's derivative has no leak or threshold gradient");
        }
        if (spec.surrogate().kind().isLee() && !(spec.leak() > 0)) {
            throw new IllegalArgumentException("Lee's derivative needs leak > 0 for ln(α), was " + spec.leak());
        }
    }

    private static void checkSmooth(NeuronSpec spec, DoubleUnaryOperator step) {
        if (step == null) throw new NullPointerException("step");
        SurrogateKind kind = spec.surrogate().kind();
        if (kind.isLee() || kind == SurrogateKind.STDB) {
            throw new IllegalArgumentException(kind + " has no primitive; no smooth forward");
        }
    }
}
