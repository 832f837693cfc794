package org.snn4j.kernels;

import java.util.function.DoubleUnaryOperator;

/**
 * The scalar twin of {@link PanamaNeuronLoops}: one neuron at a time, the same time loops and the same
 * float operations in the same order, so spikes agree exactly and gradients to rounding. It is also the
 * specification: read this class to know what the vector loops compute. Trusts its arguments.
 *
 * <p>It alone implements the "smooth" mode used by gradient tests: a step function (a surrogate's
 * primitive) replaces Heaviside in the emitted spike and, unless the reset is detached, in the reset.
 */
final class ScalarNeuronLoops implements NeuronKernel {
    static final ScalarNeuronLoops INSTANCE = new ScalarNeuronLoops();

    private ScalarNeuronLoops() {}

    @Override
    public long forward(NeuronSpec spec, float[] input, float[] spikes, int steps, int m, int from, int to,
                        boolean held, float[] membrane) {
        return forward(spec, null, input, spikes, steps, m, from, to, held, membrane);
    }

    @Override
    public void reverse(NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput, int steps, int m,
                        int from, int to, double[] paramGrads, boolean held, int base, int stride) {
        reverse(spec, null, input, gradSpikes, gradInput, steps, m, from, to, paramGrads, held, base, stride);
    }

    /**
     * Forward; {@code step == null} is Heaviside, otherwise the smooth mode described above; {@code held}
     * and {@code membrane} as in {@link NeuronKernel#forward}.
     */
    static long forward(NeuronSpec spec, DoubleUnaryOperator step, float[] input, float[] spikes, int steps, int m,
                        int from, int to, boolean held, float[] membrane) {
        float alpha = spec.leak(), theta = spec.threshold(), invTheta = 1f / theta, v0 = spec.initialMembrane();
        boolean strict = spec.strictFire(), subtract = spec.subtractReset(), detach = spec.detachReset();
        long count = 0;
        for (int j = from; j < to; j++) {
            float v = membrane != null ? membrane[j] : v0;
            for (int t = 0, i = j; t < steps; t++, i += m) {
                float h = alpha * v + input[held ? j : i];           // charge
                boolean fired = strict ? h > theta : h >= theta;     // fire
                if (fired) count++;
                if (step == null) {
                    spikes[i] = fired ? 1f : 0f;
                    v = fired ? (subtract ? h - theta : 0f) : h;     // reset
                } else {
                    float s = (float) step.applyAsDouble((h - theta) * invTheta);
                    spikes[i] = s;
                    float sReset = detach ? (fired ? 1f : 0f) : s;
                    v = subtract ? h - theta * sReset : h * (1f - sReset);
                }
            }
            if (membrane != null) membrane[j] = v;
        }
        return count;
    }

    /**
     * Reverse; {@code step} as in {@link #forward(NeuronSpec, DoubleUnaryOperator, float[], float[], int, int, int, int, boolean, float[])}.
     * Per neuron, a forward sweep first recomputes H[1..T] (the same float operations as the forward)
     * into a T-long scratch, then the reverse sweep runs over it.
     */
    static void reverse(NeuronSpec spec, DoubleUnaryOperator step, float[] input, float[] gradSpikes,
                        float[] gradInput, int steps, int m, int from, int to, double[] paramGrads, boolean held,
                        int base, int stride) {
        if (spec.surrogate().kind().isLee()) {
            leeReverse(spec, input, gradSpikes, gradInput, steps, m, from, to, held, base, stride);
            return;
        }
        float alpha = spec.leak(), theta = spec.threshold(), invTheta = 1f / theta, v0 = spec.initialMembrane();
        boolean strict = spec.strictFire(), subtract = spec.subtractReset(), detach = spec.detachReset();
        SurrogateSpec sur = spec.surrogate();
        SurrogateKind kind = sur.kind();
        float p1 = sur.p1();
        float stdbDecay = (float) Math.exp(-sur.p2());
        float[] chargeH = new float[steps];
        float[] stdb = kind == SurrogateKind.STDB ? new float[steps] : null;
        double sumLeak = 0, sumTheta = 0;
        for (int j = from; j < to; j++) {
            // recompute H; for STDB also α_s·exp(−β_s·Δt), Δt = steps since the previous spike (from step 0)
            float v = v0, d = p1 * stdbDecay;
            for (int t = 0, i = j; t < steps; t++, i += m) {
                float h = alpha * v + input[base + (held ? j : j + t * stride)];
                boolean fired = strict ? h > theta : h >= theta;
                chargeH[t] = h;
                if (step == null) {
                    v = fired ? (subtract ? h - theta : 0f) : h;
                } else {
                    float sReset = detach ? (fired ? 1f : 0f) : (float) step.applyAsDouble((h - theta) * invTheta);
                    v = subtract ? h - theta * sReset : h * (1f - sReset);
                }
                if (stdb != null) {
                    stdb[t] = d;
                    d = (fired ? p1 : d) * stdbDecay;
                }
            }
            float gradHNext = 0f, gradLeak = 0f, gradTheta = 0f, gradSum = 0f;
            for (int t = steps - 1, i = j + t * m; t >= 0; t--, i -= m) {
                float h = chargeH[t];
                boolean fired = strict ? h > theta : h >= theta;
                float x = (h - theta) * invTheta;
                float derivative = kind == SurrogateKind.STDB ? stdb[t] : ScalarStepNeurons.derivative(sur, x);
                float gradSpikeToH = derivative * invTheta;
                float s = (step == null || detach) ? (fired ? 1f : 0f) : (float) step.applyAsDouble(x);
                float gradV = alpha * gradHNext;                      // ∂L/∂V[t] = α·∂L/∂H[t+1]
                float gradVToH = subtract
                        ? (detach ? 1f : 1f - theta * gradSpikeToH)
                        : (detach ? 1f - s : (1f - s) - h * gradSpikeToH);
                float gradOut = gradSpikes[i];
                float gradH = gradOut * gradSpikeToH + gradV * gradVToH;
                if (held) {
                    gradSum += gradH;
                } else if (gradInput != null) {
                    gradInput[base + j + t * stride] = gradH;
                }
                if (paramGrads != null) {
                    float vPrev = v0;
                    if (t > 0) {
                        float hp = chargeH[t - 1];
                        boolean firedPrev = strict ? hp > theta : hp >= theta;
                        float sp = (step == null || detach) ? (firedPrev ? 1f : 0f)
                                : (float) step.applyAsDouble((hp - theta) * invTheta);
                        vPrev = subtract ? hp - theta * sp : hp * (1f - sp);
                    }
                    gradLeak += gradH * vPrev;
                    float gradSpikeToTheta = -gradSpikeToH * h * invTheta;   // ∂S/∂θ at fixed H
                    float gradVToTheta = subtract
                            ? (detach ? -s : -s - theta * gradSpikeToTheta)
                            : (detach ? 0f : -h * gradSpikeToTheta);
                    gradTheta += gradOut * gradSpikeToTheta + gradV * gradVToTheta;
                }
                gradHNext = gradH;
            }
            if (held && gradInput != null) gradInput[base + j] = gradSum;
            if (paramGrads != null) {
                if (spec.halfThresholdStart()) gradTheta += 0.5f * alpha * gradHNext;   // V[0] = θ/2
                sumLeak += gradLeak;
                sumTheta += gradTheta;
            }
        }
        if (paramGrads != null) {
            paramGrads[0] += sumLeak;
            paramGrads[1] += sumTheta;
        }
    }

    /**
     * Lee et al.'s derivative: ∂L/∂H[t] = ∂L/∂S[t]·NG/θ·S[t] + (1 − S[t])·∂L/∂H[t+1], with
     * NG = 1[LF &gt; 1e-3] + ln(α)·LF/Total (or NG ≡ 1), LF = Σ_t α^{T−t}·S[t], Total = Σ_t S[t] (0 → 1);
     * for {@link SurrogateKind#LEE_POOL} NG ≡ 1 and no 1/θ.
     */
    static void leeReverse(NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput, int steps, int m,
                           int from, int to, boolean held, int base, int stride) {
        float alpha = spec.leak(), theta = spec.threshold(), v0 = spec.initialMembrane();
        float invTheta = spec.surrogate().kind() == SurrogateKind.LEE_POOL ? 1f : 1f / theta;
        float lnAlpha = (float) Math.log(alpha);
        boolean strict = spec.strictFire(), subtract = spec.subtractReset();
        boolean leakFactor = spec.surrogate().kind() == SurrogateKind.LEE;
        float[] chargeH = new float[steps];
        for (int j = from; j < to; j++) {
            float total = 0f, filtered = 0f, v = v0;
            for (int t = 0, i = j; t < steps; t++, i += m) {
                float h = alpha * v + input[base + (held ? j : j + t * stride)];
                boolean fired = strict ? h > theta : h >= theta;
                chargeH[t] = h;
                v = fired ? (subtract ? h - theta : 0f) : h;
                float s = fired ? 1f : 0f;
                total += s;
                filtered = filtered * alpha + s;                      // LF by Horner: Σ α^{T−t} S[t]
            }
            float factor = leakFactor
                    ? (filtered > 1e-3f ? 1f : 0f) + lnAlpha * filtered / (total == 0f ? 1f : total)
                    : 1f;
            float scale = factor * invTheta;
            float gradHNext = 0f, gradSum = 0f;
            for (int t = steps - 1, i = j + t * m; t >= 0; t--, i -= m) {
                float h = chargeH[t];
                boolean fired = strict ? h > theta : h >= theta;
                float gradH = fired ? gradSpikes[i] * scale : gradHNext;
                if (held) {
                    gradSum += gradH;
                } else if (gradInput != null) {
                    gradInput[base + j + t * stride] = gradH;
                }
                gradHNext = gradH;
            }
            if (held && gradInput != null) gradInput[base + j] = gradSum;
        }
    }
}
