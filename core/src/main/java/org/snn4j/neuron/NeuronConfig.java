package org.snn4j.neuron;

import java.util.Map;
import org.snn4j.Snn4jException;

/**
 * How a layer's neurons behave: model (charge equation), threshold θ (initial value for
 * {@link ParametricLIF}), reset, fire test and initial membrane. {@link #builder()} fills one from
 * strings, as the CLI does.
 *
 * @param model           IF, LIF or ParametricLIF
 * @param threshold       θ &gt; 0
 * @param reset           ZERO (hard) or SUBTRACT (soft)
 * @param fire            STRICT (H &gt; θ) or NON_STRICT (H ≥ θ)
 * @param initialMembrane ZERO or HALF_THRESHOLD
 * @param amplitude       value of an emitted spike (&gt; 0; 1 for training, θ_l for converted networks
 *                        whose layers carry ANN-scaled activations, as in the QCFS code)
 * @param signed          the neurons also emit negative spikes (see {@link SignedSpikes}): IF with reset by
 *                        subtraction only, inference only (converted networks)
 * @param burst           signed neurons may emit several spikes in one step (see {@link SignedSpikes})
 */
public record NeuronConfig(NeuronModel model, float threshold, Reset reset, FireTest fire,
                           InitialMembrane initialMembrane, float amplitude, boolean signed, boolean burst) {
    /** A configuration whose spikes have value 1. */
    public NeuronConfig(NeuronModel model, float threshold, Reset reset, FireTest fire, InitialMembrane initialMembrane) {
        this(model, threshold, reset, fire, initialMembrane, 1f);
    }

    /** A configuration of neurons that emit positive spikes only. */
    public NeuronConfig(NeuronModel model, float threshold, Reset reset, FireTest fire, InitialMembrane initialMembrane,
                        float amplitude) {
        this(model, threshold, reset, fire, initialMembrane, amplitude, false, false);
    }

    public NeuronConfig {
        if (model == null || reset == null || fire == null || initialMembrane == null) {
            throw new NullPointerException("model, reset, fire and initialMembrane are required");
        }
        if (!(threshold > 0) || !Float.isFinite(threshold)) {
            throw new Snn4jException("neuron threshold must be finite and > 0, was " + threshold);
        }
        if (!(amplitude > 0) || !Float.isFinite(amplitude)) {
            throw new Snn4jException("spike amplitude must be finite and > 0, was " + amplitude);
        }
        if (signed && (!(model instanceof IF) || reset != Reset.SUBTRACT)) {
            throw new Snn4jException("signed spikes need model if with reset subtract, was " + model.name() + " with reset "
                    + reset.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (burst && !signed) throw new Snn4jException("burst spikes need signed neurons");
    }

    /** IF, θ = 1, subtract reset, strict test, V[0] = 0. */
    public static NeuronConfig defaults() {
        return new NeuronConfig(new IF(), 1f, Reset.SUBTRACT, FireTest.STRICT, InitialMembrane.ZERO);
    }

    /** A builder starting from {@link #defaults()} and the triangle surrogate. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fills a neuron configuration, a surrogate and the detach flag from strings. Defaults: model
     * {@code if}, leak 0.99 for {@code lif} and 1.0 for {@code plif} unless set, θ = 1, reset
     * {@code subtract}, fire {@code strict}, initial {@code zero}, surrogate {@code triangle}, reset
     * not detached. Unknown names throw {@link Snn4jException} listing the valid ones.
     */
    public static final class Builder {
        private static final Map<String, String> MODELS = new java.util.LinkedHashMap<>();

        static {
            for (String m : new String[] {"if", "lif", "plif"}) MODELS.put(m, m);
        }

        private String model = "if";
        private Float leak;
        private float threshold = 1f;
        private float amplitude = 1f;
        private Reset reset = Reset.SUBTRACT;
        private FireTest fire = FireTest.STRICT;
        private InitialMembrane initial = InitialMembrane.ZERO;
        private Surrogate surrogate = new Triangle();
        private boolean detachReset;
        private boolean signed;
        private boolean burst;
        private ChannelCalibration channels;
        private boolean converted;

        private Builder() {}

        /** {@code if}, {@code lif} or {@code plif}. */
        public Builder model(String name) {
            this.model = Surrogates.pick("neuron model", name, MODELS);
            return this;
        }

        /** α for {@code lif}, the initial α for {@code plif}; ignored by {@code if}. */
        public Builder leak(float leak) {
            this.leak = leak;
            return this;
        }

        public Builder threshold(float threshold) {
            this.threshold = threshold;
            return this;
        }

        /** Value of an emitted spike (default 1). */
        public Builder amplitude(float amplitude) {
            this.amplitude = amplitude;
            return this;
        }

        /** {@code zero} or {@code subtract}. */
        public Builder reset(String name) {
            this.reset = Surrogates.pick("reset", name, orderedMap("zero", Reset.ZERO, "subtract", Reset.SUBTRACT));
            return this;
        }

        /** {@code strict} (H &gt; θ) or {@code non-strict} (H ≥ θ). */
        public Builder fire(String name) {
            this.fire = Surrogates.pick("fire test", name,
                    orderedMap("strict", FireTest.STRICT, "non-strict", FireTest.NON_STRICT));
            return this;
        }

        /** {@code zero} or {@code half-threshold}. */
        public Builder initialMembrane(String name) {
            this.initial = Surrogates.pick("initial membrane", name,
                    orderedMap("zero", InitialMembrane.ZERO, "half-threshold", InitialMembrane.HALF_THRESHOLD));
            return this;
        }

        /** A surrogate name from {@link Surrogates#names()}. */
        public Builder surrogate(String name) {
            this.surrogate = Surrogates.byName(name);
            return this;
        }

        public Builder surrogate(Surrogate surrogate) {
            this.surrogate = java.util.Objects.requireNonNull(surrogate);
            return this;
        }

        public Builder detachReset(boolean detach) {
            this.detachReset = detach;
            return this;
        }

        /** Whether the neurons also emit negative spikes (default: no; see {@link SignedSpikes}). */
        public Builder signed(boolean signed) {
            this.signed = signed;
            return this;
        }

        /** Whether signed neurons may emit several spikes in one step (default: no; see {@link SignedSpikes}). */
        public Builder burst(boolean burst) {
            this.burst = burst;
            return this;
        }

        /**
         * Whether {@link #layer} is a converted network's layer, whose threshold and bias currents conversion
         * may tune per pass (default: false; per-channel settings and signed spikes imply it).
         */
        public Builder converted(boolean converted) {
            this.converted = converted;
            return this;
        }

        /** Per-channel threshold scales and bias currents for {@link #layer} (default: none). */
        public Builder channels(ChannelCalibration channels) {
            this.channels = channels;
            return this;
        }

        /** The neuron configuration (surrogate and detach flag are kept for {@link #layer}). */
        public NeuronConfig build() {
            NeuronModel m;
            try {
                m = switch (model) {
                    case "lif" -> new LIF(leak == null ? 0.99f : leak);
                    case "plif" -> new ParametricLIF(leak == null ? 1f : leak);
                    default -> new IF();
                };
            } catch (IllegalArgumentException e) {
                throw new Snn4jException(e.getMessage());
            }
            return new NeuronConfig(m, threshold, reset, fire, initial, amplitude, signed, burst);
        }

        /** The surrogate set so far. */
        public Surrogate surrogate() {
            return surrogate;
        }

        /**
         * A neuron layer with this configuration, surrogate and detach flag: a {@link ConvertedNeuronLayer} when
         * it is {@link #converted} or has per-channel settings or signed spikes, else a plain one.
         */
        public NeuronLayer layer(String name) {
            NeuronConfig config = build();
            return converted || channels != null || config.signed()
                    ? new ConvertedNeuronLayer(name, config, surrogate, detachReset, channels)
                    : new NeuronLayer(name, config, surrogate, detachReset);
        }

        private static <T> Map<String, T> orderedMap(String k1, T v1, String k2, T v2) {
            Map<String, T> m = new java.util.LinkedHashMap<>();
            m.put(k1, v1);
            m.put(k2, v2);
            return m;
        }
    }
}
