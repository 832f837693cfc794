package org.snn4j.neuron;

import org.snn4j.kernels.NeuronSpec;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Tensor;

/**
 * How one pass of a {@link NeuronLayer} drives its neurons: the spec the kernels run, the current they
 * integrate and the spike amplitude. A plain layer's is the same for every neuron; a converted layer's may
 * give each channel its own threshold scale and bias current ({@link ChannelCalibration}).
 */
sealed interface Drive {
    /** The neuron dynamics of this pass. */
    NeuronSpec spec();

    /** The current the neurons integrate: {@code input} itself, or a normalized copy from {@code ctx}. */
    Tensor current(Tensor input, ForwardContext ctx);

    /** {@code out = amplitude·x + shift} (per channel for calibrated layers): spikes to their amplitude, or a gradient back. */
    void scale(float[] x, float shift, float[] out);

    /** Whether {@link #scale} with no shift leaves values as they are. */
    boolean isUnitScale();

    /** A gradient with respect to {@link #current} turned into one with respect to the input, in place. */
    void unnormalizeGradient(float[] g);

    /** Every neuron alike: the input is the current, spikes have one amplitude. */
    record Uniform(NeuronSpec spec, float amplitude) implements Drive {
        @Override
        public Tensor current(Tensor input, ForwardContext ctx) {
            return input;
        }

        @Override
        public void scale(float[] x, float shift, float[] out) {
            if (amplitude == 1f && shift == 0f && x == out) return;
            for (int i = 0; i < x.length; i++) out[i] = amplitude * x[i] + shift;
        }

        @Override
        public boolean isUnitScale() {
            return amplitude == 1f;
        }

        @Override
        public void unnormalizeGradient(float[] g) {}
    }

    /**
     * Channel c integrates (x + b_c)/s_c with the layer's θ and emits spikes of amplitude a·s_c (IF and LIF
     * membranes are linear between spikes, so this is channel c firing at θ·s_c); {@code inner}: elements of
     * one channel of one sample.
     */
    record PerChannel(NeuronSpec spec, float amplitude, ChannelCalibration channels, int inner) implements Drive {
        @Override
        public Tensor current(Tensor input, ForwardContext ctx) {
            Tensor normalized = ctx.empty(input.shape());
            channels.normalizeCurrent(input.data(), normalized.data(), inner);
            return normalized;
        }

        @Override
        public void scale(float[] x, float shift, float[] out) {
            channels.scale(x, amplitude, shift, out, inner);
        }

        @Override
        public boolean isUnitScale() {
            return false;
        }

        @Override
        public void unnormalizeGradient(float[] g) {
            channels.unnormalizeGradient(g, inner);
        }
    }
}
