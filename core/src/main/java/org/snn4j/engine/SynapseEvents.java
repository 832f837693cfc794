package org.snn4j.engine;

import org.snn4j.kernels.EventKernels;
import org.snn4j.nn.Conv2d;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Linear;
import org.snn4j.tensor.Tensor;

/**
 * What the {@link Executor} asks of a weighted layer's input before it chooses a kernel, and the event kernel it
 * runs: whether the input may drive the layer by events, its density as the choices read it, and the layer's
 * forward by events.
 */
final class SynapseEvents {
    /** Images (rows) per batch whose non-zero inputs are counted for the density. */
    private static final int DENSITY_SAMPLES = 32;

    private SynapseEvents() {}

    /** Whether {@code input} may drive a weighted layer by events: a spiking layer ran before it, or it has more than one step. */
    static boolean fedBySpikes(Tensor input, boolean afterSpikingLayer) {
        return input.dim(0) > 1 || afterSpikingLayer;
    }

    /** Fraction of non-zero values of {@code input} ({@code [T, N, ...]}), sampled over {@value #DENSITY_SAMPLES} of its rows. */
    static double density(Tensor input) {
        return EventKernels.density(input.data(), input.dim(0) * input.dim(1), input.sizeFrom(2), DENSITY_SAMPLES);
    }

    /** Runs the event kernel of {@code layer} (a convolution or a linear layer) into {@code output}; returns its synaptic operations. */
    static long forward(Layer layer, Tensor input, Tensor output, float[] weight) {
        if (layer instanceof Conv2d c) {
            return EventKernels.convForward(c.geometry(input), input.data(), weight, c.hasBias() ? c.bias().value().data() : null,
                    output.data());
        }
        Linear f = (Linear) layer;
        return EventKernels.linearForward(input.dim(0) * input.dim(1), f.inFeatures(), f.outFeatures(), input.data(), weight,
                f.bias() == null ? null : f.bias().value().data(), output.data());
    }
}
