package org.snn4j.neuron;

import org.snn4j.Snn4jException;

/**
 * Per-channel settings of a converted spiking layer: the neurons of channel c fire at θ·s_c, emit spikes
 * of amplitude a·s_c, and receive a constant extra current b_c every step (θ and a from the layer's
 * {@link NeuronConfig}). Channels are the input's dimension 2 ({@code [T, N, C, ...]}; the features of
 * {@code [T, N, F]}).
 *
 * <p>The layer runs this exactly by integrating (x + b_c)/s_c with threshold θ and multiplying the spikes
 * by s_c: IF and LIF membranes are linear between spikes, so dividing every current by s_c divides the
 * membrane, the threshold test, the reset and V[0] (0 or θ/2) alike.
 *
 */
public final class ChannelCalibration {
    private final float[] scale;
    private final float[] bias;

    /**
     * @param scale s_c &gt; 0, finite
     * @param bias  b_c, finite
     */
    public ChannelCalibration(float[] scale, float[] bias) {
        if (scale.length != bias.length || scale.length == 0) {
            throw new Snn4jException("channel calibration needs one scale and one bias per channel, had "
                    + scale.length + " scales and " + bias.length + " biases");
        }
        for (int c = 0; c < scale.length; c++) {
            if (!(scale[c] > 0) || !Float.isFinite(scale[c])) {
                throw new Snn4jException("channel " + c + ": threshold scale must be finite and > 0, was " + scale[c]);
            }
            if (!Float.isFinite(bias[c])) throw new Snn4jException("channel " + c + ": bias current must be finite, was " + bias[c]);
        }
        this.scale = scale.clone();
        this.bias = bias.clone();
    }

    /** Scale 1 and bias 0 on {@code channels} channels: the layer as configured. */
    public static ChannelCalibration identity(int channels) {
        float[] ones = new float[channels];
        java.util.Arrays.fill(ones, 1f);
        return new ChannelCalibration(ones, new float[channels]);
    }

    /** The same scales with {@code bias} as the bias currents. */
    public ChannelCalibration withBias(float[] bias) {
        return new ChannelCalibration(scale, bias);
    }

    /** s_c by channel (a copy). */
    public float[] scale() {
        return scale.clone();
    }

    /** b_c by channel (a copy). */
    public float[] bias() {
        return bias.clone();
    }

    public int channels() {
        return scale.length;
    }

    /**
     * {@code out[i] = (x[i] + b_c)/s_c} for the element i of channel c; {@code x} holds whole samples of
     * {@code channels() · inner} elements.
     */
    public void normalizeCurrent(float[] x, float[] out, int inner) {
        forEachChannel(x.length, inner, (from, to, c) -> {
            float b = bias[c], inv = 1f / scale[c];
            for (int i = from; i < to; i++) out[i] = (x[i] + b) * inv;
        });
    }

    /** {@code out[i] = a·s_c·x[i] + shift}: spikes to amplitude a·s_c, or a gradient back through that scaling. */
    public void scale(float[] x, float a, float shift, float[] out, int inner) {
        forEachChannel(x.length, inner, (from, to, c) -> {
            float k = a * scale[c];
            for (int i = from; i < to; i++) out[i] = k * x[i] + shift;
        });
    }

    /** {@code g[i] /= s_c}: a gradient with respect to the normalized current, as one with respect to x. */
    public void unnormalizeGradient(float[] g, int inner) {
        forEachChannel(g.length, inner, (from, to, c) -> {
            float inv = 1f / scale[c];
            for (int i = from; i < to; i++) g[i] *= inv;
        });
    }

    private interface ChannelRange {
        void apply(int from, int to, int channel);
    }

    private void forEachChannel(int length, int inner, ChannelRange range) {
        int block = channels() * inner;
        if (inner < 1 || length % block != 0) {
            throw new IllegalArgumentException(length + " values are not whole samples of " + channels() + " channels × " + inner);
        }
        for (int base = 0; base < length; base += block) {
            for (int c = 0; c < channels(); c++) range.apply(base + c * inner, base + (c + 1) * inner, c);
        }
    }
}
