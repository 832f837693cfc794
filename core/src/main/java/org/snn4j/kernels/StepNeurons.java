package org.snn4j.kernels;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleUnaryOperator;

/**
 * Neurons advanced one time step at a time, for layers whose input at step t depends on their own spikes
 * at t−1 (recurrent layers) and for neurons with more state than a membrane. Per neuron j, step t, with
 * input current C[t] and the symbols of {@link StepNeuronSpec}:
 * <pre>
 *   synapse  I[t] = β·I[t−1] + C[t]                  (β = 0: I[t] = C[t])
 *   charge   H[t] = α·V[t−1] + I[t]
 *   fire     Θ[t] = θ + b·A[t−1];   S[t] = Θ(H[t] − Θ[t])   strict H &gt; Θ, or non-strict H ≥ Θ
 *   reset    V[t] = H[t] − Θ[t]·S[t]  (subtract)   or   H[t]·(1 − S[t])  (to zero)
 *   adapt    A[t] = ρ·A[t−1] + S[t]
 * </pre>
 * with V, I, A starting from the caller's state (zeros for a fresh sequence). With β = b = 0 this is the
 * fused loops' LIF ({@link NeuronLoops}, V[0] = 0) step by step. The surrogate reads x = (H − Θ)/θ, normalised
 * by the resting threshold, so ∂S/∂H = g'(x)/θ and the threshold's own path is ∂S/∂Θ = −∂S/∂H. Reverse
 * (BPTT), with the carried ∂L/∂V[t], ∂L/∂I[t] (from step t+1) and ∂L/∂A[t]:
 * <pre>
 *   ∂L/∂S  = ∂L/∂S[t] + ∂L/∂A[t] − ∂L/∂V[t]·(Θ (subtract) or H (zero))    (the last term not when detached)
 *   ∂L/∂H  = ∂L/∂S·∂S/∂H + ∂L/∂V[t]·(1 (subtract) or 1 − S (zero))
 *   ∂L/∂Θ  = −∂L/∂S·∂S/∂H − ∂L/∂V[t]·S (subtract; 0 for zero)
 *   ∂L/∂C[t] = ∂L/∂I[t] = ∂L/∂H + β·∂L/∂I[t+1]
 *   carried to t−1: ∂L/∂V = α·∂L/∂H,  ∂L/∂I = ∂L/∂I[t],  ∂L/∂A = ρ·∂L/∂A[t] + b·∂L/∂Θ
 * </pre>
 * The forward saves H[t] and Θ[t] for the reverse (a recurrent layer cannot recompute them without its
 * recurrent currents). This facade checks its arguments; the kernels ({@link PanamaStepNeurons}, or
 * {@link ScalarStepNeurons} when {@link KernelProvider} chose the scalar kernels) trust them.
 */
public final class StepNeurons {
    private static final StepNeuronKernel KERNEL = KernelProvider.get().steps();
    /** Neurons per unit of work handed to threads: a step is short, so only large layers split. */
    private static final int GRAIN = 1 << 14;

    private StepNeurons() {}

    /**
     * The per-neuron state V, I, A (or, in the reverse, the carried gradients ∂L/∂V, ∂L/∂I, ∂L/∂A), {@code [M]} each.
     *
     * @param v     membranes
     * @param syn   synaptic currents
     * @param adapt adaptation traces
     */
    public record State(float[] v, float[] syn, float[] adapt) {
        public State {
            if (v.length != syn.length || v.length != adapt.length) throw new IllegalArgumentException("state arrays differ in length");
        }

        /** The state of {@code m} neurons at rest (all zero). */
        public static State zeros(int m) {
            return new State(new float[m], new float[m], new float[m]);
        }

        /** The number of neurons. */
        public int neurons() {
            return v.length;
        }
    }

    /**
     * One step of M neurons: reads C[t] at {@code current[offset, offset + M)}, advances {@code state}, writes
     * S[t] (0/1) at {@code spikes[offset, offset + M)} and, when {@code savedH} is not null, H[t] and Θ[t] at the
     * same positions of {@code savedH} and {@code savedTheta}; returns the number of spikes.
     */
    public static long forward(StepNeuronSpec spec, float[] current, float[] spikes, int offset, State state, float[] savedH,
                               float[] savedTheta) {
        check(current, spikes, offset, state.neurons(), savedH, savedTheta);
        int m = state.neurons();
        if (m == 0) return 0;
        LongAdder count = new LongAdder();
        Parallel.forRange(m, GRAIN, (from, to) -> count.add(KERNEL.forward(spec, current, spikes, offset, state.v(),
                state.syn(), state.adapt(), savedH, savedTheta, from, to)));
        return count.sum();
    }

    /**
     * The reverse of one step (equations above): reads the saved H[t], Θ[t] and ∂L/∂S[t] at
     * {@code [offset, offset + M)}, writes ∂L/∂C[t] there in {@code gradCurrent} and turns the carried
     * gradients {@code carried} (zeros after the last step) into those of step t−1.
     */
    public static void reverse(StepNeuronSpec spec, float[] savedH, float[] savedTheta, float[] gradSpikes,
                               float[] gradCurrent, int offset, State carried) {
        int m = carried.neurons();
        check(gradSpikes, gradCurrent, offset, m, savedH, savedTheta);
        if (savedH == null) throw new NullPointerException("savedH");
        Parallel.forRange(m, GRAIN, (from, to) -> KERNEL.reverse(spec, savedH, savedTheta, gradSpikes, gradCurrent, offset,
                carried.v(), carried.syn(), carried.adapt(), from, to));
    }

    /**
     * Gradient-test hook: {@link #forward} with {@code step} (a surrogate's primitive g(x)) in place of
     * Heaviside in the emitted spike, the adaptation and (unless detached) the reset. Single-threaded, scalar.
     */
    public static long forwardSmooth(StepNeuronSpec spec, DoubleUnaryOperator step, float[] current, float[] spikes, int offset,
                                     State state, float[] savedH, float[] savedTheta) {
        check(current, spikes, offset, state.neurons(), savedH, savedTheta);
        return ScalarStepNeurons.forward(spec, java.util.Objects.requireNonNull(step), current, spikes, offset, state.v(),
                state.syn(), state.adapt(), savedH, savedTheta, 0, state.neurons());
    }

    /** Gradient-test hook: the reverse matching {@link #forwardSmooth}. */
    public static void reverseSmooth(StepNeuronSpec spec, DoubleUnaryOperator step, float[] savedH, float[] savedTheta,
                                     float[] gradSpikes, float[] gradCurrent, int offset, State carried) {
        check(gradSpikes, gradCurrent, offset, carried.neurons(), savedH, savedTheta);
        ScalarStepNeurons.reverse(spec, java.util.Objects.requireNonNull(step), savedH, savedTheta, gradSpikes, gradCurrent,
                offset, carried.v(), carried.syn(), carried.adapt(), 0, carried.neurons());
    }

    private static void check(float[] in, float[] out, int offset, int m, float[] savedH, float[] savedTheta) {
        if (in == out) throw new IllegalArgumentException("input and output must be distinct arrays");
        if (offset < 0 || (long) offset + m > in.length || (long) offset + m > out.length) {
            throw new IllegalArgumentException("step [" + offset + ", " + ((long) offset + m) + ") outside arrays of "
                    + in.length + " and " + out.length);
        }
        if ((savedH == null) != (savedTheta == null)) throw new IllegalArgumentException("savedH and savedTheta go together");
        if (savedH != null && ((long) offset + m > savedH.length || (long) offset + m > savedTheta.length)) {
            throw new IllegalArgumentException("saved H or Θ shorter than step end " + ((long) offset + m));
        }
    }
}
