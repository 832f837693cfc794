package org.snn4j.kernels;

/**
 * One time step of the stepped neurons over a column range [from, to) of M neurons, implemented by
 * {@link PanamaStepNeurons} (vector) and {@link ScalarStepNeurons} (its twin). Arrays of one step are read
 * and written at {@code offset + j} (the step's row of a time-major {@code [T, M]} array); the state arrays
 * are {@code [M]}. Trusts its arguments; {@link StepNeurons} checks them and splits the columns over threads.
 */
interface StepNeuronKernel {
    /**
     * Charge, fire, reset and adapt: reads C[t] at {@code current[offset + j]}, updates V, I, A in place,
     * writes S[t] into {@code spikes[offset + j]} and, when {@code savedH} is not null, H[t] and Θ[t] into
     * {@code savedH[offset + j]} and {@code savedTheta[offset + j]}; returns the number of spikes.
     */
    long forward(StepNeuronSpec spec, float[] current, float[] spikes, int offset, float[] v, float[] syn, float[] adapt,
                 float[] savedH, float[] savedTheta, int from, int to);

    /**
     * The reverse of one step from its saved H[t] and Θ[t] and ∂L/∂S[t] (all at {@code offset + j}): writes
     * ∂L/∂C[t] into {@code gradCurrent[offset + j]} and turns the carried gradients ∂L/∂V[t], ∂L/∂I[t] (the part
     * from step t+1) and ∂L/∂A[t] into those of step t−1, in place.
     */
    void reverse(StepNeuronSpec spec, float[] savedH, float[] savedTheta, float[] gradSpikes, float[] gradCurrent, int offset,
                 float[] gradV, float[] gradSyn, float[] gradAdapt, int from, int to);
}
