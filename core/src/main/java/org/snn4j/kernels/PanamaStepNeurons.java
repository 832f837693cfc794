package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The stepped neurons vectorised across neurons: a vector body over {@code SPECIES.length()} adjacent
 * neurons, then a scalar tail through {@link ScalarStepNeurons} (the twin, same float operations in the same
 * order). Loaded only after {@link KernelProvider} has checked that the Vector API is readable.
 */
final class PanamaStepNeurons implements StepNeuronKernel {
    static final PanamaStepNeurons INSTANCE = new PanamaStepNeurons();
    private static final VectorSpecies<Float> SPECIES = VectorConstants.FLOATS;

    private PanamaStepNeurons() {}

    @Override
    public long forward(StepNeuronSpec spec, float[] current, float[] spikes, int offset, float[] v, float[] syn,
                        float[] adapt, float[] savedH, float[] savedTheta, int from, int to) {
        int lanes = SPECIES.length();
        int bound = from + SPECIES.loopBound(to - from);
        boolean strict = spec.strictFire(), subtract = spec.subtractReset();
        FloatVector alpha = FloatVector.broadcast(SPECIES, spec.leak());
        FloatVector beta = FloatVector.broadcast(SPECIES, spec.synapticDecay());
        FloatVector rho = FloatVector.broadcast(SPECIES, spec.adaptationDecay());
        FloatVector jump = FloatVector.broadcast(SPECIES, spec.adaptationJump());
        FloatVector theta = FloatVector.broadcast(SPECIES, spec.threshold());
        FloatVector zero = FloatVector.zero(SPECIES), one = FloatVector.broadcast(SPECIES, 1f);
        long count = 0;
        for (int j = from; j < bound; j += lanes) {
            int i = offset + j;
            FloatVector a = FloatVector.fromArray(SPECIES, adapt, j);
            FloatVector in = beta.mul(FloatVector.fromArray(SPECIES, syn, j)).add(FloatVector.fromArray(SPECIES, current, i));
            FloatVector h = alpha.mul(FloatVector.fromArray(SPECIES, v, j)).add(in);
            FloatVector th = theta.add(jump.mul(a));
            VectorMask<Float> fired = strict ? h.compare(VectorOperators.GT, th) : h.compare(VectorOperators.GE, th);
            count += fired.trueCount();
            FloatVector s = zero.blend(one, fired);
            s.intoArray(spikes, i);
            in.intoArray(syn, j);
            (subtract ? h.sub(th, fired) : h.blend(zero, fired)).intoArray(v, j);
            rho.mul(a).add(s).intoArray(adapt, j);
            if (savedH != null) {
                h.intoArray(savedH, i);
                th.intoArray(savedTheta, i);
            }
        }
        return bound == to ? count
                : count + ScalarStepNeurons.INSTANCE.forward(spec, current, spikes, offset, v, syn, adapt, savedH, savedTheta,
                        bound, to);
    }

    @Override
    public void reverse(StepNeuronSpec spec, float[] savedH, float[] savedTheta, float[] gradSpikes, float[] gradCurrent,
                        int offset, float[] gradV, float[] gradSyn, float[] gradAdapt, int from, int to) {
        int lanes = SPECIES.length();
        int bound = from + SPECIES.loopBound(to - from);
        boolean strict = spec.strictFire(), subtract = spec.subtractReset(), detach = spec.detachReset();
        SurrogateSpec sur = spec.surrogate();
        SurrogateKind kind = sur.kind();
        float p1 = sur.p1(), thetaS = spec.threshold();
        FloatVector alpha = FloatVector.broadcast(SPECIES, spec.leak());
        FloatVector beta = FloatVector.broadcast(SPECIES, spec.synapticDecay());
        FloatVector rho = FloatVector.broadcast(SPECIES, spec.adaptationDecay());
        FloatVector jump = FloatVector.broadcast(SPECIES, spec.adaptationJump());
        FloatVector invTheta = FloatVector.broadcast(SPECIES, 1f / thetaS);
        FloatVector zero = FloatVector.zero(SPECIES), one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector p1v = FloatVector.broadcast(SPECIES, p1);
        FloatVector halfWidth = FloatVector.broadcast(SPECIES, 0.5f * p1);
        FloatVector height = FloatVector.broadcast(SPECIES, 1f / p1);
        FloatVector halfSlope = FloatVector.broadcast(SPECIES, 0.5f * p1);
        FloatVector atanScale = FloatVector.broadcast(SPECIES, (float) (Math.PI / 2) * p1);
        for (int j = from; j < bound; j += lanes) {
            int i = offset + j;
            FloatVector h = FloatVector.fromArray(SPECIES, savedH, i);
            FloatVector th = FloatVector.fromArray(SPECIES, savedTheta, i);
            VectorMask<Float> fired = strict ? h.compare(VectorOperators.GT, th) : h.compare(VectorOperators.GE, th);
            FloatVector x = h.sub(th).mul(invTheta);
            FloatVector derivative = switch (kind) {
                case RECTANGULAR -> zero.blend(height, x.abs().compare(VectorOperators.LT, halfWidth));
                case TRIANGLE -> p1v.mul(one.sub(x.abs()).max(zero));
                case FAST_SIGMOID -> {
                    FloatVector q = one.add(p1v.mul(x.abs()));
                    yield halfSlope.div(q.mul(q));
                }
                case ARCTAN -> {
                    FloatVector u = atanScale.mul(x);
                    yield halfSlope.div(one.add(u.mul(u)));
                }
                default -> throw new AssertionError(kind);
            };
            FloatVector gradSpikeToH = derivative.mul(invTheta);
            FloatVector sReset = zero.blend(one, fired);
            FloatVector gv = FloatVector.fromArray(SPECIES, gradV, j);
            FloatVector gradS = FloatVector.fromArray(SPECIES, gradSpikes, i).add(FloatVector.fromArray(SPECIES, gradAdapt, j));
            if (!detach) gradS = gradS.add(gv.mul(subtract ? th.neg() : h.neg()));
            FloatVector gradH = gradS.mul(gradSpikeToH).add(gv.mul(subtract ? one : one.sub(sReset)));
            FloatVector gradTheta = gradS.neg().mul(gradSpikeToH).add(subtract ? gv.neg().mul(sReset) : zero);
            FloatVector gradIn = gradH.add(FloatVector.fromArray(SPECIES, gradSyn, j));
            gradIn.intoArray(gradCurrent, i);
            alpha.mul(gradH).intoArray(gradV, j);
            beta.mul(gradIn).intoArray(gradSyn, j);
            rho.mul(FloatVector.fromArray(SPECIES, gradAdapt, j)).add(jump.mul(gradTheta)).intoArray(gradAdapt, j);
        }
        if (bound < to) {
            ScalarStepNeurons.INSTANCE.reverse(spec, savedH, savedTheta, gradSpikes, gradCurrent, offset, gradV, gradSyn,
                    gradAdapt, bound, to);
        }
    }
}
