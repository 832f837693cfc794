package org.snn4j.kernels;

import java.util.function.DoubleUnaryOperator;

/**
 * The scalar twin of {@link PanamaStepNeurons}: one neuron at a time, the same float operations in the same
 * order, so spikes agree exactly and gradients to rounding. It is also the specification of the stepped
 * neurons (equations in {@link StepNeurons}). Trusts its arguments.
 *
 * <p>It alone implements the "smooth" mode used by gradient tests: a step function (a surrogate's primitive)
 * replaces Heaviside in the emitted spike, in the adaptation and, unless the reset is detached, in the reset.
 */
final class ScalarStepNeurons implements StepNeuronKernel {
    static final ScalarStepNeurons INSTANCE = new ScalarStepNeurons();

    private ScalarStepNeurons() {}

    @Override
    public long forward(StepNeuronSpec spec, float[] current, float[] spikes, int offset, float[] v, float[] syn,
                        float[] adapt, float[] savedH, float[] savedTheta, int from, int to) {
        return forward(spec, null, current, spikes, offset, v, syn, adapt, savedH, savedTheta, from, to);
    }

    @Override
    public void reverse(StepNeuronSpec spec, float[] savedH, float[] savedTheta, float[] gradSpikes, float[] gradCurrent,
                        int offset, float[] gradV, float[] gradSyn, float[] gradAdapt, int from, int to) {
        reverse(spec, null, savedH, savedTheta, gradSpikes, gradCurrent, offset, gradV, gradSyn, gradAdapt, from, to);
    }

    /** Forward; {@code step == null} is Heaviside, otherwise the smooth mode described above. */
    static long forward(StepNeuronSpec spec, DoubleUnaryOperator step, float[] current, float[] spikes, int offset,
                        float[] v, float[] syn, float[] adapt, float[] savedH, float[] savedTheta, int from, int to) {
        float alpha = spec.leak(), beta = spec.synapticDecay(), rho = spec.adaptationDecay(), jump = spec.adaptationJump();
        float theta = spec.threshold(), invTheta = 1f / theta;
        boolean strict = spec.strictFire(), subtract = spec.subtractReset(), detach = spec.detachReset();
        long count = 0;
        for (int j = from, i = offset + from; j < to; j++, i++) {
            float in = beta * syn[j] + current[i];                   // synaptic current
            float h = alpha * v[j] + in;                              // charge
            float th = theta + jump * adapt[j];                       // adapted threshold
            boolean fired = strict ? h > th : h >= th;                // fire
            if (fired) count++;
            float s;
            if (step == null) {
                s = fired ? 1f : 0f;
                v[j] = fired ? (subtract ? h - th : 0f) : h;           // reset
            } else {
                s = (float) step.applyAsDouble((h - th) * invTheta);
                float sReset = detach ? (fired ? 1f : 0f) : s;
                v[j] = subtract ? h - th * sReset : h * (1f - sReset);
            }
            spikes[i] = s;
            syn[j] = in;
            adapt[j] = rho * adapt[j] + s;                            // adapt
            if (savedH != null) {
                savedH[i] = h;
                savedTheta[i] = th;
            }
        }
        return count;
    }

    /** Reverse; {@code step} as in {@link #forward(StepNeuronSpec, DoubleUnaryOperator, float[], float[], int, float[], float[], float[], float[], float[], int, int)}. */
    static void reverse(StepNeuronSpec spec, DoubleUnaryOperator step, float[] savedH, float[] savedTheta, float[] gradSpikes,
                        float[] gradCurrent, int offset, float[] gradV, float[] gradSyn, float[] gradAdapt, int from, int to) {
        float alpha = spec.leak(), beta = spec.synapticDecay(), rho = spec.adaptationDecay(), jump = spec.adaptationJump();
        float theta = spec.threshold(), invTheta = 1f / theta;
        boolean strict = spec.strictFire(), subtract = spec.subtractReset(), detach = spec.detachReset();
        SurrogateSpec sur = spec.surrogate();
        for (int j = from, i = offset + from; j < to; j++, i++) {
            float h = savedH[i], th = savedTheta[i];
            boolean fired = strict ? h > th : h >= th;
            float x = (h - th) * invTheta;
            float gradSpikeToH = derivative(sur, x) * invTheta;       // ∂S/∂H = −∂S/∂Θ
            float sReset = (step == null || detach) ? (fired ? 1f : 0f) : (float) step.applyAsDouble(x);
            float gv = gradV[j];
            float gradS = gradSpikes[i] + gradAdapt[j];
            if (!detach) gradS += gv * (subtract ? -th : -h);
            float gradH = gradS * gradSpikeToH + gv * (subtract ? 1f : 1f - sReset);
            float gradTheta = -gradS * gradSpikeToH + (subtract ? -gv * sReset : 0f);
            float gradIn = gradH + gradSyn[j];
            gradCurrent[i] = gradIn;
            gradV[j] = alpha * gradH;
            gradSyn[j] = beta * gradIn;
            gradAdapt[j] = rho * gradAdapt[j] + jump * gradTheta;
        }
    }

    /** g'(x) of a surrogate with a formula in x (all but STDB and Lee's), for both scalar neuron kernels. */
    static float derivative(SurrogateSpec sur, float x) {
        float p1 = sur.p1();
        return switch (sur.kind()) {
            case RECTANGULAR -> Math.abs(x) < 0.5f * p1 ? 1f / p1 : 0f;
            case TRIANGLE -> p1 * Math.max(0f, 1f - Math.abs(x));
            case FAST_SIGMOID -> {
                float q = 1f + p1 * Math.abs(x);
                yield 0.5f * p1 / (q * q);
            }
            case ARCTAN -> {
                float u = (float) (Math.PI / 2) * p1 * x;
                yield 0.5f * p1 / (1f + u * u);
            }
            default -> throw new AssertionError(sur.kind());
        };
    }
}
