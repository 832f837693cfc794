package org.snn4j.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Neuron fields of a spec: the model-level {@code neuron} object, a {@code spike} entry's overrides, a
 * residual block's {@code neuron} and a {@code neuron_by_layer} entry. Every field is optional (null:
 * not set here); a spiking layer takes each field from the most specific level that sets it
 * ({@code neuron_by_layer} over the entry over the model level, see {@link #overriddenBy}) and the
 * builder's default when none does (lif, leak of the model, threshold 1, amplitude 1, reset subtract,
 * test strict, initial zero, surrogate triangle, no detached reset, unsigned, no bursts, no per-channel
 * settings). The numbers are the network's single-precision values.
 *
 * @param model        {@code if}, {@code lif} or {@code plif} (spec field {@code model})
 * @param leak         α in [0, 1]
 * @param threshold    θ
 * @param amplitude    the value a spike carries
 * @param reset        {@code subtract} or {@code zero}
 * @param test         firing test, {@code strict} or {@code non-strict} (spec field {@code test})
 * @param initial      initial membrane, {@code zero} or {@code half-threshold}
 * @param surrogate    surrogate gradient name
 * @param detachReset  spec field {@code detach_reset}
 * @param signed       negative spikes take back earlier ones
 * @param burst        several spikes per step (with {@code signed})
 * @param channelScale per-channel threshold scale (spec field {@code channel_scale})
 * @param channelBias  per-channel bias current (spec field {@code channel_bias})
 */
public record NeuronSettings(String model, Float leak, Float threshold, Float amplitude, String reset, String test, String initial,
                             String surrogate, Boolean detachReset, Boolean signed, Boolean burst, List<Float> channelScale,
                             List<Float> channelBias) {
    /** No field set. */
    public static final NeuronSettings NONE = new NeuronSettings(null, null, null, null, null, null, null, null, null, null, null,
            null, null);

    public NeuronSettings {
        channelScale = channelScale == null ? null : List.copyOf(channelScale);
        channelBias = channelBias == null ? null : List.copyOf(channelBias);
    }

    /** Whether no field is set. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** These settings with every field that {@code o} sets taken from {@code o}. */
    public NeuronSettings overriddenBy(NeuronSettings o) {
        return new NeuronSettings(or(o.model, model), or(o.leak, leak), or(o.threshold, threshold), or(o.amplitude, amplitude),
                or(o.reset, reset), or(o.test, test), or(o.initial, initial), or(o.surrogate, surrogate),
                or(o.detachReset, detachReset), or(o.signed, signed), or(o.burst, burst), or(o.channelScale, channelScale),
                or(o.channelBias, channelBias));
    }

    private static <T> T or(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    public NeuronSettings withModel(String model) {
        return overriddenBy(new NeuronSettings(model, null, null, null, null, null, null, null, null, null, null, null, null));
    }

    public NeuronSettings withLeak(float leak) {
        return overriddenBy(new NeuronSettings(null, leak, null, null, null, null, null, null, null, null, null, null, null));
    }

    public NeuronSettings withThreshold(float threshold) {
        return overriddenBy(new NeuronSettings(null, null, threshold, null, null, null, null, null, null, null, null, null, null));
    }

    public NeuronSettings withAmplitude(float amplitude) {
        return overriddenBy(new NeuronSettings(null, null, null, amplitude, null, null, null, null, null, null, null, null, null));
    }

    public NeuronSettings withReset(String reset) {
        return overriddenBy(new NeuronSettings(null, null, null, null, reset, null, null, null, null, null, null, null, null));
    }

    public NeuronSettings withTest(String test) {
        return overriddenBy(new NeuronSettings(null, null, null, null, null, test, null, null, null, null, null, null, null));
    }

    public NeuronSettings withInitial(String initial) {
        return overriddenBy(new NeuronSettings(null, null, null, null, null, null, initial, null, null, null, null, null, null));
    }

    public NeuronSettings withSurrogate(String surrogate) {
        return overriddenBy(new NeuronSettings(null, null, null, null, null, null, null, surrogate, null, null, null, null, null));
    }

    public NeuronSettings withDetachReset(boolean detach) {
        return overriddenBy(new NeuronSettings(null, null, null, null, null, null, null, null, detach, null, null, null, null));
    }

    public NeuronSettings withSigned(boolean signed) {
        return overriddenBy(new NeuronSettings(null, null, null, null, null, null, null, null, null, signed, null, null, null));
    }

    public NeuronSettings withBurst(boolean burst) {
        return overriddenBy(new NeuronSettings(null, null, null, null, null, null, null, null, null, null, burst, null, null));
    }

    /** With per-channel threshold scales and bias currents (one value per channel each). */
    public NeuronSettings withChannels(float[] scale, float[] bias) {
        return overriddenBy(new NeuronSettings(null, null, null, null, null, null, null, null, null, null, null, floats(scale),
                floats(bias)));
    }

    /** {@code values} as a list; null stays null. */
    static List<Float> floats(float[] values) {
        if (values == null) return null;
        List<Float> l = new ArrayList<>(values.length);
        for (float v : values) l.add(v);
        return l;
    }

    /** {@code values} as an array; null stays null. */
    static float[] floats(List<Float> values) {
        if (values == null) return null;
        float[] a = new float[values.size()];
        for (int i = 0; i < a.length; i++) a[i] = values.get(i);
        return a;
    }
}
