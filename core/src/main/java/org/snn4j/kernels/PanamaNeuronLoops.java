package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused neuron loops vectorised across neurons: a vector body over blocks of
 * {@code SPECIES.length()} adjacent neurons, each walking all T steps with its membrane in a register,
 * two blocks side by side, then a scalar tail through {@link ScalarNeuronLoops} (the twin, same float
 * operations in the same order). The reverse pass re-runs the forward of a pair of blocks into a
 * T × 2 × lanes scratch (L1-resident) to get H while it walks the previous pair backwards. Loaded only after
 * {@link KernelProvider} has checked that the Vector API is readable.
 */
final class PanamaNeuronLoops implements NeuronKernel {
    static final PanamaNeuronLoops INSTANCE = new PanamaNeuronLoops();
    private static final VectorSpecies<Float> SPECIES = VectorConstants.FLOATS;

    private PanamaNeuronLoops() {}

    /** Lanes per vector (neurons per block). */
    static int lanes() {
        return SPECIES.length();
    }

    @Override
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
        // two blocks side by side, a and b (b = a again for an odd last block: written twice, counted once), so that
        // the core overlaps their chains of dependent operations over the steps
        for (int ja = from; ja < bound; ja += 2 * lanes) {
            int jb = Math.min(ja + lanes, bound - lanes);
            boolean pair = jb != ja;
            FloatVector va = FloatVector.fromArray(SPECIES, start, membrane != null ? ja : 0);
            FloatVector vb = FloatVector.fromArray(SPECIES, start, membrane != null ? jb : 0);
            for (int t = 0, i = 0, k = 0; t < steps; t++, i += held ? 0 : m, k += m) {
                FloatVector ha = va.mul(alpha).add(FloatVector.fromArray(SPECIES, input, ja + i));   // charge
                FloatVector hb = vb.mul(alpha).add(FloatVector.fromArray(SPECIES, input, jb + i));
                VectorMask<Float> fa = strict                                                     // fire
                        ? ha.compare(VectorOperators.GT, theta) : ha.compare(VectorOperators.GE, theta);
                VectorMask<Float> fb = strict ? hb.compare(VectorOperators.GT, theta) : hb.compare(VectorOperators.GE, theta);
                count += fa.trueCount() + (pair ? fb.trueCount() : 0);
                zero.blend(one, fa).intoArray(spikes, ja + k);
                zero.blend(one, fb).intoArray(spikes, jb + k);
                va = subtract ? ha.sub(theta, fa) : ha.blend(zero, fa);                           // reset
                vb = subtract ? hb.sub(theta, fb) : hb.blend(zero, fb);
            }
            if (membrane != null) {
                va.intoArray(membrane, ja);
                vb.intoArray(membrane, jb);
            }
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

    @Override
    public void reverse(NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput, int steps, int m,
                        int from, int to, double[] paramGrads, boolean held, int base, int stride) {
        if (spec.surrogate().kind().isLee()) {
            leeReverse(spec, input, gradSpikes, gradInput, steps, m, from, to, held, base, stride);
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
        // H (and the STDB derivative) of two pairs of blocks, [2, T, 2, lanes], L1-resident: pair k's at (k mod 2)·2·T·lanes
        float[] chargeH = new float[4 * steps * lanes];
        float[] stdb = kind == SurrogateKind.STDB ? new float[4 * steps * lanes] : null;
        double sumLeak = 0, sumTheta = 0;
        // Two blocks side by side, a and b (b = a again for an odd last block: its values written twice, its sums
        // dropped), and software-pipelined: while pair k is walked back in time, pair k + 1's H is recomputed, step
        // for step. Each block's walk over time is a chain of dependent operations; four of them at once let the core
        // overlap what one at a time left it waiting for (W1's tiles, T = 8, Zen 5, thread CPU: 1.2x held, 1.2-1.25x not).
        int pairs = ((bound - from) / lanes + 1) / 2;
        for (int k = -1; k < pairs; k++) {
            boolean recompute = k + 1 < pairs, walk = k >= 0;
            int na = from + 2 * (k + 1) * lanes, nb = Math.min(na + lanes, bound - lanes);
            int ja = from + 2 * k * lanes, jb = Math.min(ja + lanes, bound - lanes);
            boolean pair = jb != ja;
            int next = ((k + 1) & 1) * 2 * steps * lanes, own = (k & 1) * 2 * steps * lanes;
            FloatVector va = v0, vb = v0, da = FloatVector.broadcast(SPECIES, p1 * stdbDecay), db = da;
            FloatVector nextA = zero, nextB = zero, leakA = zero, leakB = zero, thetaA = zero, thetaB = zero;
            FloatVector sumA = zero, sumB = zero;
            for (int step = 0; step < steps; step++) {
                if (recompute) {
                    // recompute H (and the STDB derivative) of pair k + 1 at t = step
                    int x = base + (held ? 0 : step * stride), at = next + 2 * step * lanes;
                    FloatVector ha = va.mul(alpha).add(FloatVector.fromArray(SPECIES, input, na + x));
                    FloatVector hb = vb.mul(alpha).add(FloatVector.fromArray(SPECIES, input, nb + x));
                    VectorMask<Float> fa = strict ? ha.compare(VectorOperators.GT, theta) : ha.compare(VectorOperators.GE, theta);
                    VectorMask<Float> fb = strict ? hb.compare(VectorOperators.GT, theta) : hb.compare(VectorOperators.GE, theta);
                    ha.intoArray(chargeH, at);
                    hb.intoArray(chargeH, at + lanes);
                    va = subtract ? ha.sub(theta, fa) : ha.blend(zero, fa);
                    vb = subtract ? hb.sub(theta, fb) : hb.blend(zero, fb);
                    if (stdb != null) {
                        da.intoArray(stdb, at);
                        db.intoArray(stdb, at + lanes);
                        da = da.blend(p1v, fa).mul(stdbDecay);
                        db = db.blend(p1v, fb).mul(stdbDecay);
                    }
                }
                if (!walk) continue;
                // pair k at t = T − 1 − step
                int t = steps - 1 - step, i = t * m, at = own + 2 * t * lanes;
                FloatVector ha = FloatVector.fromArray(SPECIES, chargeH, at);
                FloatVector hb = FloatVector.fromArray(SPECIES, chargeH, at + lanes);
                VectorMask<Float> fa = strict ? ha.compare(VectorOperators.GT, theta) : ha.compare(VectorOperators.GE, theta);
                VectorMask<Float> fb = strict ? hb.compare(VectorOperators.GT, theta) : hb.compare(VectorOperators.GE, theta);
                FloatVector xa = unitTheta ? ha.sub(theta) : ha.sub(theta).mul(invTheta);
                FloatVector xb = unitTheta ? hb.sub(theta) : hb.sub(theta).mul(invTheta);
                FloatVector derivA, derivB;
                switch (kind) {
                    case RECTANGULAR -> {
                        derivA = zero.blend(height, xa.abs().compare(VectorOperators.LT, halfWidth));
                        derivB = zero.blend(height, xb.abs().compare(VectorOperators.LT, halfWidth));
                    }
                    case TRIANGLE -> {
                        // max(1 − |x|, 0) as a blend: the same bits (1 − |x| is never −0; NaN stays NaN), where
                        // the Vector API's max, which orders −0 below +0 and propagates NaN, is a sequence of
                        // instructions on x86: the reverse loop runs 1.1× faster (W1's layers, Zen 4)
                        FloatVector tentA = one.sub(xa.abs()), tentB = one.sub(xb.abs());
                        derivA = tentA.blend(zero, tentA.compare(VectorOperators.LT, zero)).mul(p1v);
                        derivB = tentB.blend(zero, tentB.compare(VectorOperators.LT, zero)).mul(p1v);
                    }
                    case FAST_SIGMOID -> {
                        FloatVector qa = one.add(xa.abs().mul(p1v)), qb = one.add(xb.abs().mul(p1v));
                        derivA = halfSlope.div(qa.mul(qa));
                        derivB = halfSlope.div(qb.mul(qb));
                    }
                    case ARCTAN -> {
                        FloatVector ua = xa.mul(atanScale), ub = xb.mul(atanScale);
                        derivA = halfSlope.div(one.add(ua.mul(ua)));
                        derivB = halfSlope.div(one.add(ub.mul(ub)));
                    }
                    case STDB -> {
                        derivA = FloatVector.fromArray(SPECIES, stdb, at);
                        derivB = FloatVector.fromArray(SPECIES, stdb, at + lanes);
                    }
                    default -> throw new AssertionError(kind);
                }
                FloatVector toHA = unitTheta ? derivA : derivA.mul(invTheta);   // ∂S/∂H
                FloatVector toHB = unitTheta ? derivB : derivB.mul(invTheta);
                FloatVector sa = zero.blend(one, fa), sb = zero.blend(one, fb);
                FloatVector gradVA = nextA.mul(alpha), gradVB = nextB.mul(alpha);
                FloatVector vToHA = subtract   // ∂V/∂H
                        ? (detach ? one : one.sub(unitTheta ? toHA : theta.mul(toHA)))
                        : (detach ? one.sub(sa) : one.sub(sa).sub(ha.mul(toHA)));
                FloatVector vToHB = subtract
                        ? (detach ? one : one.sub(unitTheta ? toHB : theta.mul(toHB)))
                        : (detach ? one.sub(sb) : one.sub(sb).sub(hb.mul(toHB)));
                FloatVector outA = FloatVector.fromArray(SPECIES, gradSpikes, ja + i);
                FloatVector outB = FloatVector.fromArray(SPECIES, gradSpikes, jb + i);
                FloatVector gradA = outA.mul(toHA).add(gradVA.mul(vToHA));
                FloatVector gradB = outB.mul(toHB).add(gradVB.mul(vToHB));
                if (held) {
                    sumA = sumA.add(gradA);
                    sumB = sumB.add(gradB);
                } else if (gradInput != null) {
                    gradA.intoArray(gradInput, base + ja + t * stride);
                    gradB.intoArray(gradInput, base + jb + t * stride);
                }
                if (params) {
                    FloatVector prevA = v0, prevB = v0;   // V[t−1]
                    if (t > 0) {
                        FloatVector pa = FloatVector.fromArray(SPECIES, chargeH, at - 2 * lanes);
                        FloatVector pb = FloatVector.fromArray(SPECIES, chargeH, at - lanes);
                        VectorMask<Float> firedA = strict ? pa.compare(VectorOperators.GT, theta) : pa.compare(VectorOperators.GE, theta);
                        VectorMask<Float> firedB = strict ? pb.compare(VectorOperators.GT, theta) : pb.compare(VectorOperators.GE, theta);
                        prevA = subtract ? pa.sub(theta, firedA) : pa.blend(zero, firedA);
                        prevB = subtract ? pb.sub(theta, firedB) : pb.blend(zero, firedB);
                    }
                    leakA = leakA.add(gradA.mul(prevA));
                    leakB = leakB.add(gradB.mul(prevB));
                    FloatVector toThetaA = toHA.neg().mul(ha).mul(invTheta), toThetaB = toHB.neg().mul(hb).mul(invTheta);  // ∂S/∂θ
                    FloatVector vToThetaA = subtract   // ∂V/∂θ
                            ? (detach ? sa.neg() : sa.neg().sub(theta.mul(toThetaA)))
                            : (detach ? zero : ha.neg().mul(toThetaA));
                    FloatVector vToThetaB = subtract
                            ? (detach ? sb.neg() : sb.neg().sub(theta.mul(toThetaB)))
                            : (detach ? zero : hb.neg().mul(toThetaB));
                    thetaA = thetaA.add(outA.mul(toThetaA).add(gradVA.mul(vToThetaA)));
                    thetaB = thetaB.add(outB.mul(toThetaB).add(gradVB.mul(vToThetaB)));
                }
                nextA = gradA;
                nextB = gradB;
            }
            if (!walk) continue;
            if (held && gradInput != null) {
                sumA.intoArray(gradInput, base + ja);
                sumB.intoArray(gradInput, base + jb);
            }
            if (params) {
                if (half) {
                    thetaA = thetaA.add(halfAlpha.mul(nextA));
                    thetaB = thetaB.add(halfAlpha.mul(nextB));
                }
                sumLeak += leakA.reduceLanes(VectorOperators.ADD);
                sumTheta += thetaA.reduceLanes(VectorOperators.ADD);
                if (pair) {
                    sumLeak += leakB.reduceLanes(VectorOperators.ADD);
                    sumTheta += thetaB.reduceLanes(VectorOperators.ADD);
                }
            }
        }
        if (params) {
            paramGrads[0] += sumLeak;
            paramGrads[1] += sumTheta;
        }
        // scalar tail (skipped when empty: the call also made profilers charge the vector loop to the twin)
        if (bound < to) {
            ScalarNeuronLoops.INSTANCE.reverse(spec, input, gradSpikes, gradInput, steps, m, bound, to, paramGrads, held, base,
                    stride);
        }
    }

    private static void leeReverse(NeuronSpec spec, float[] input, float[] gradSpikes, float[] gradInput,
                                   int steps, int m, int from, int to, boolean held, int base, int stride) {
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
            FloatVector x0 = held ? FloatVector.fromArray(SPECIES, input, base + j) : zero;
            for (int t = 0, i = base + j; t < steps; t++, i += stride) {
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
                    gradH.intoArray(gradInput, base + j + t * stride);
                }
                gradHNext = gradH;
            }
            if (held && gradInput != null) gradSum.intoArray(gradInput, base + j);
        }
        // scalar tail
        if (bound < to) ScalarNeuronLoops.leeReverse(spec, input, gradSpikes, gradInput, steps, m, bound, to, held, base, stride);
    }
}
