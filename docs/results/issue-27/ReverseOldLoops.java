// A copy of main's PanamaNeuronLoops (bac03db) as OldPanamaNeuronLoops, for the A/B and bit-for-bit checks of ReverseNeuronBench and ReverseSame (no longer a NeuronKernel: its reverse
// has since taken the input's base and stride; the scalar tail is called with base 0 and stride m, what main did).
package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused neuron loops vectorised across neurons: a vector body over blocks of
 * {@code SPECIES.length()} adjacent neurons, each walking all T steps with its membrane in a register,
 * then a scalar tail through {@link ScalarNeuronLoops} (the twin, same float operations in the same
 * order). The reverse pass first re-runs the block's forward into a T × lanes scratch (L1-resident)
 * to get H, then walks it backwards. Loaded only after {@link KernelProvider} has checked that the
 * Vector API is readable.
 */
final class OldPanamaNeuronLoops {
    static final OldPanamaNeuronLoops INSTANCE = new OldPanamaNeuronLoops();
    private static final VectorSpecies<Float> SPECIES = VectorConstants.FLOATS;

    private OldPanamaNeuronLoops() {}

    /** Lanes per vector (neurons per block). */
    static int lanes() {
        return SPECIES.length();
    }

    public long forward(NeuronSpec spec, float[] input, float[] spikes, int steps, int m, int from, int to,
                        boolean held, float[] membrane) {
        int lanes = SPECIES.length();
        int bound = from + SPECIES.loopBound(to - from);
        boolean strict = spec.strictFire(), subtract = spec.subtractReset();
        FloatVector alpha = FloatVector.broadcast(SPECIES, spec.leak());
        FloatVector theta = FloatVector.broadcast(SPECIES, spec.threshold());
        FloatVector zero = FloatVector.zero(SPECIES), one = FloatVector.broadcast(SPECIES, 1f);
        // the starting potentials: one vector of the initial one, or the caller's (a load, not a branch on vectors)
        float[] start = membrane != null ? membrane : initial(spec.initialMembrane());
        long count = 0;
        for (int j = from; j < bound; j += lanes) {
            FloatVector v = FloatVector.fromArray(SPECIES, start, membrane != null ? j : 0);
            FloatVector x = held ? FloatVector.fromArray(SPECIES, input, j) : zero;
            for (int t = 0, i = j; t < steps; t++, i += m) {
                FloatVector h = v.mul(alpha).add(held ? x : FloatVector.fromArray(SPECIES, input, i));   // charge
                VectorMask<Float> fired = strict                                              // fire
                        ? h.compare(VectorOperators.GT, theta) : h.compare(VectorOperators.GE, theta);
                count += fired.trueCount();
                zero.blend(one, fired).intoArray(spikes, i);
                v = subtract ? h.sub(theta, fired) : h.blend(zero, fired);                    // reset
            }
            if (membrane != null) v.intoArray(membrane, j);
        }
        // scalar tail (skipped when empty: the call also made profilers charge the vector loop to the twin)
        return bound == to ? count
                : count + ScalarNeuronLoops.INSTANCE.forward(spec, input, spikes, steps, m, bound, to, held, membrane);
    }

    /** One vector's worth of {@code v0}. */
    private static float[] initial(float v0) {
        float[] v = new float[SPECIES.length()];
        java.util.Arrays.fill(v, v0);
        return v;
    }

    public void reverse(NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput, int steps, int m,
                        int from, int to, double[] paramGrads, boolean held) {
        if (spec.surrogate().kind().isLee()) {
            leeReverse(spec, input, gradSpikes, gradInput, steps, m, from, to, held);
            return;
        }
        int lanes = SPECIES.length();
        int bound = from + SPECIES.loopBound(to - from);
        boolean strict = spec.strictFire(), subtract = spec.subtractReset(), detach = spec.detachReset();
        boolean params = paramGrads != null, half = spec.halfThresholdStart();
        SurrogateSpec sur = spec.surrogate();
        SurrogateKind kind = sur.kind();
        float p1 = sur.p1(), thetaS = spec.threshold(), invThetaS = 1f / thetaS;
        // θ = 1 (the default): the products with 1/θ and θ below are exact, skipped
        boolean unitTheta = thetaS == 1f;
        FloatVector alpha = FloatVector.broadcast(SPECIES, spec.leak());
        FloatVector theta = FloatVector.broadcast(SPECIES, thetaS);
        FloatVector invTheta = FloatVector.broadcast(SPECIES, invThetaS);
        FloatVector v0 = FloatVector.broadcast(SPECIES, spec.initialMembrane());
        FloatVector zero = FloatVector.zero(SPECIES), one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector p1v = FloatVector.broadcast(SPECIES, p1);
        FloatVector halfWidth = FloatVector.broadcast(SPECIES, 0.5f * p1);
        FloatVector height = FloatVector.broadcast(SPECIES, 1f / p1);
        FloatVector halfSlope = FloatVector.broadcast(SPECIES, 0.5f * p1);
        FloatVector atanScale = FloatVector.broadcast(SPECIES, (float) (Math.PI / 2) * p1);
        FloatVector halfAlpha = FloatVector.broadcast(SPECIES, 0.5f * spec.leak());
        float stdbDecay = (float) Math.exp(-sur.p2());
        float[] chargeH = new float[steps * lanes];
        float[] stdb = kind == SurrogateKind.STDB ? new float[steps * lanes] : null;
        double sumLeak = 0, sumTheta = 0;
        for (int j = from; j < bound; j += lanes) {
            // recompute H (and the STDB derivative) into an L1-resident scratch
            FloatVector v = v0, d = FloatVector.broadcast(SPECIES, p1 * stdbDecay);
            FloatVector x0 = held ? FloatVector.fromArray(SPECIES, input, j) : zero;
            for (int t = 0, i = j; t < steps; t++, i += m) {
                FloatVector h = v.mul(alpha).add(held ? x0 : FloatVector.fromArray(SPECIES, input, i));
                VectorMask<Float> fired = strict
                        ? h.compare(VectorOperators.GT, theta) : h.compare(VectorOperators.GE, theta);
                h.intoArray(chargeH, t * lanes);
                v = subtract ? h.sub(theta, fired) : h.blend(zero, fired);
                if (stdb != null) {
                    d.intoArray(stdb, t * lanes);
                    d = d.blend(p1v, fired).mul(stdbDecay);
                }
            }
            FloatVector gradHNext = zero, gradLeak = zero, gradTheta = zero, gradSum = zero;
            for (int t = steps - 1, i = j + t * m; t >= 0; t--, i -= m) {
                FloatVector h = FloatVector.fromArray(SPECIES, chargeH, t * lanes);
                VectorMask<Float> fired = strict
                        ? h.compare(VectorOperators.GT, theta) : h.compare(VectorOperators.GE, theta);
                FloatVector x = unitTheta ? h.sub(theta) : h.sub(theta).mul(invTheta);
                FloatVector derivative = switch (kind) {
                    case RECTANGULAR -> zero.blend(height, x.abs().compare(VectorOperators.LT, halfWidth));
                    case TRIANGLE -> {
                        // max(1 − |x|, 0) as a blend: the same bits (1 − |x| is never −0; NaN stays NaN), where
                        // the Vector API's max, which orders −0 below +0 and propagates NaN, is a sequence of
                        // instructions on x86: the reverse loop runs 1.1× faster (W1's layers, Zen 4)
                        FloatVector tent = one.sub(x.abs());
                        yield tent.blend(zero, tent.compare(VectorOperators.LT, zero)).mul(p1v);
                    }
                    case FAST_SIGMOID -> {
                        FloatVector q = one.add(x.abs().mul(p1v));
                        yield halfSlope.div(q.mul(q));
                    }
                    case ARCTAN -> {
                        FloatVector u = x.mul(atanScale);
                        yield halfSlope.div(one.add(u.mul(u)));
                    }
                    case STDB -> FloatVector.fromArray(SPECIES, stdb, t * lanes);
                    default -> throw new AssertionError(kind);
                };
                FloatVector gradSpikeToH = unitTheta ? derivative : derivative.mul(invTheta);
                FloatVector s = zero.blend(one, fired);
                FloatVector gradV = gradHNext.mul(alpha);
                FloatVector gradVToH = subtract
                        ? (detach ? one : one.sub(unitTheta ? gradSpikeToH : theta.mul(gradSpikeToH)))
                        : (detach ? one.sub(s) : one.sub(s).sub(h.mul(gradSpikeToH)));
                FloatVector gradOut = FloatVector.fromArray(SPECIES, gradSpikes, i);
                FloatVector gradH = gradOut.mul(gradSpikeToH).add(gradV.mul(gradVToH));
                if (held) {
                    gradSum = gradSum.add(gradH);
                } else if (gradInput != null) {
                    gradH.intoArray(gradInput, i);
                }
                if (params) {
                    FloatVector vPrev = v0;
                    if (t > 0) {
                        FloatVector hp = FloatVector.fromArray(SPECIES, chargeH, (t - 1) * lanes);
                        VectorMask<Float> firedPrev = strict
                                ? hp.compare(VectorOperators.GT, theta) : hp.compare(VectorOperators.GE, theta);
                        vPrev = subtract ? hp.sub(theta, firedPrev) : hp.blend(zero, firedPrev);
                    }
                    gradLeak = gradLeak.add(gradH.mul(vPrev));
                    FloatVector gradSpikeToTheta = gradSpikeToH.neg().mul(h).mul(invTheta);
                    FloatVector gradVToTheta = subtract
                            ? (detach ? s.neg() : s.neg().sub(theta.mul(gradSpikeToTheta)))
                            : (detach ? zero : h.neg().mul(gradSpikeToTheta));
                    gradTheta = gradTheta.add(gradOut.mul(gradSpikeToTheta).add(gradV.mul(gradVToTheta)));
                }
                gradHNext = gradH;
            }
            if (held && gradInput != null) gradSum.intoArray(gradInput, j);
            if (params) {
                if (half) gradTheta = gradTheta.add(halfAlpha.mul(gradHNext));
                sumLeak += gradLeak.reduceLanes(VectorOperators.ADD);
                sumTheta += gradTheta.reduceLanes(VectorOperators.ADD);
            }
        }
        if (params) {
            paramGrads[0] += sumLeak;
            paramGrads[1] += sumTheta;
        }
        // scalar tail (skipped when empty: the call also made profilers charge the vector loop to the twin)
        if (bound < to) {
            ScalarNeuronLoops.INSTANCE.reverse(spec, input, gradSpikes, gradInput, steps, m, bound, to, paramGrads, held, 0, m);
        }
    }

    private static void leeReverse(NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput,
                                   int steps, int m, int from, int to, boolean held) {
        int lanes = SPECIES.length();
        int bound = from + SPECIES.loopBound(to - from);
        boolean strict = spec.strictFire(), subtract = spec.subtractReset();
        boolean leakFactor = spec.surrogate().kind() == SurrogateKind.LEE;
        FloatVector alpha = FloatVector.broadcast(SPECIES, spec.leak());
        FloatVector theta = FloatVector.broadcast(SPECIES, spec.threshold());
        FloatVector invTheta = FloatVector.broadcast(SPECIES, spec.surrogate().kind() == SurrogateKind.LEE_POOL ? 1f : 1f / spec.threshold());
        FloatVector lnAlpha = FloatVector.broadcast(SPECIES, (float) Math.log(spec.leak()));
        FloatVector v0 = FloatVector.broadcast(SPECIES, spec.initialMembrane());
        FloatVector zero = FloatVector.zero(SPECIES), one = FloatVector.broadcast(SPECIES, 1f);
        float[] chargeH = new float[steps * lanes];
        for (int j = from; j < bound; j += lanes) {
            FloatVector total = zero, filtered = zero, v = v0;
            FloatVector x0 = held ? FloatVector.fromArray(SPECIES, input, j) : zero;
            for (int t = 0, i = j; t < steps; t++, i += m) {
                FloatVector h = v.mul(alpha).add(held ? x0 : FloatVector.fromArray(SPECIES, input, i));
                VectorMask<Float> fired = strict
                        ? h.compare(VectorOperators.GT, theta) : h.compare(VectorOperators.GE, theta);
                h.intoArray(chargeH, t * lanes);
                v = subtract ? h.sub(theta, fired) : h.blend(zero, fired);
                FloatVector s = zero.blend(one, fired);
                total = total.add(s);
                filtered = filtered.mul(alpha).add(s);
            }
            FloatVector factor = one;
            if (leakFactor) {
                FloatVector alive = zero.blend(one, filtered.compare(VectorOperators.GT, 1e-3f));
                FloatVector count = total.blend(one, total.compare(VectorOperators.EQ, 0f));
                factor = alive.add(filtered.mul(lnAlpha).div(count));
            }
            FloatVector scale = factor.mul(invTheta);
            FloatVector gradHNext = zero, gradSum = zero;
            for (int t = steps - 1, i = j + t * m; t >= 0; t--, i -= m) {
                FloatVector h = FloatVector.fromArray(SPECIES, chargeH, t * lanes);
                VectorMask<Float> fired = strict
                        ? h.compare(VectorOperators.GT, theta) : h.compare(VectorOperators.GE, theta);
                FloatVector gradH = gradHNext.blend(FloatVector.fromArray(SPECIES, gradSpikes, i).mul(scale), fired);
                if (held) {
                    gradSum = gradSum.add(gradH);
                } else if (gradInput != null) {
                    gradH.intoArray(gradInput, i);
                }
                gradHNext = gradH;
            }
            if (held && gradInput != null) gradSum.intoArray(gradInput, j);
        }
        // scalar tail
        if (bound < to) ScalarNeuronLoops.leeReverse(spec, input, gradSpikes, gradInput, steps, m, bound, to, held, 0, m);
    }
}
