package org.snn4j.neuron;

import org.snn4j.kernels.NeuronLoops;
import org.snn4j.kernels.NeuronSpec;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Tensor;

/**
 * The smooth test twin of a spiking layer: the same layer (same settings, same parameter objects, the same
 * per-pass drive, per-channel settings included) with the surrogate's primitive in place of Heaviside
 * ({@link NeuronLoops#chargeFireResetForwardSmooth}), so finite differences of its forward match its
 * backward. It has no held kernel: a held input is integrated as the repeated sequence.
 */
final class SmoothNeuronLayer extends NeuronLayer {
    private final NeuronLayer of;

    private SmoothNeuronLayer(NeuronLayer of) {
        super(of);
        this.of = of;
    }

    /** The smooth twin of {@code layer}, whose surrogate must have a primitive. */
    static SmoothNeuronLayer of(NeuronLayer layer) {
        if (!layer.surrogate().hasPrimitive()) throw new IllegalStateException(layer.surrogate().name() + " has no primitive");
        return new SmoothNeuronLayer(layer);
    }

    @Override
    Drive drive(Tensor input, int steps, ForwardContext ctx) {
        return of.drive(input, steps, ctx);
    }

    @Override
    boolean hasHeldKernel() {
        return false;
    }

    @Override
    long fireForward(NeuronSpec spec, float[] current, float[] spikes, int steps, int neurons, boolean held) {
        return NeuronLoops.chargeFireResetForwardSmooth(spec, surrogate()::primitive, current, spikes, steps, neurons);
    }

    @Override
    void reverse(NeuronSpec spec, float[] current, float[] gradSpikes, float[] gradInput, int steps, int neurons, boolean held,
                 double[] paramGrads) {
        NeuronLoops.bpttReverseSmooth(spec, surrogate()::primitive, current, gradSpikes, gradInput, steps, neurons, paramGrads);
    }

    @Override
    public boolean firesPlainly(ForwardContext ctx) {
        return false;
    }
}
