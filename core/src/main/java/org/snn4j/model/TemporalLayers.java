package org.snn4j.model;

import java.util.Locale;
import java.util.Map;
import org.snn4j.Snn4jException;
import org.snn4j.neuron.FireTest;
import org.snn4j.neuron.LeakyIntegrator;
import org.snn4j.neuron.Recurrence;
import org.snn4j.neuron.RecurrentNeuronLayer;
import org.snn4j.neuron.Reset;
import org.snn4j.neuron.StepNeuron;
import org.snn4j.neuron.Surrogates;
import org.snn4j.nn.TimeReduction;
import org.snn4j.tensor.Rng;

/**
 * Builds the spec's temporal entries ({@code recurrent}, {@code integrator}, {@code reduce}) with the defaults
 * {@link LayerSpec.Recurrent}, {@link LayerSpec.Integrator} and {@link LayerSpec.Reduce} name; a bad name or
 * value is a {@link SpecException} naming the entry.
 */
final class TemporalLayers {
    private TemporalLayers() {}

    static RecurrentNeuronLayer recurrent(LayerSpec.Recurrent r, String name, int features, Rng rng, String at) {
        try {
            StepNeuron.Kind kind = pick(at, "neuron", or(r.neuron(), "lif"), StepNeuron.Kind.values());
            Reset reset = pick(at, "reset", or(r.reset(), "subtract"), Reset.values());
            Recurrence recurrence = pick(at, "recurrence", or(r.recurrence(), "dense"), Recurrence.values());
            float leak = or(r.leak(), 0.95f), threshold = or(r.threshold(), 1f);
            float synaptic = kind == StepNeuron.Kind.CUBALIF ? or(r.synapticDecay(), 0.9f) : unset(at, "synaptic_decay", r.synapticDecay(), kind);
            float decay = kind == StepNeuron.Kind.ALIF ? or(r.adaptationDecay(), 0.98f) : unset(at, "adaptation_decay", r.adaptationDecay(), kind);
            float jump = kind == StepNeuron.Kind.ALIF ? or(r.adaptationJump(), 0.2f) : unset(at, "adaptation_jump", r.adaptationJump(), kind);
            StepNeuron neuron = new StepNeuron(kind, leak, synaptic, decay, jump, threshold, reset, FireTest.STRICT);
            double std = r.initStd() != null ? r.initStd() : 1 / Math.sqrt(features);
            return new RecurrentNeuronLayer(name, features, neuron, Surrogates.byName(or(r.surrogate(), "fast-sigmoid")), false,
                    recurrence, std, rng);
        } catch (SpecException e) {
            throw e;
        } catch (Snn4jException | IllegalArgumentException e) {
            throw new SpecException(at + ": " + e.getMessage(), e);
        }
    }

    static LeakyIntegrator integrator(LayerSpec.Integrator i, String name, String at) {
        try {
            return new LeakyIntegrator(name, or(i.leak(), 0.9f), or(i.scale(), 1f));
        } catch (IllegalArgumentException e) {
            throw new SpecException(at + ": " + e.getMessage(), e);
        }
    }

    static TimeReduction reduce(LayerSpec.Reduce r, String name, String at) {
        return new TimeReduction(name, pick(at, "mode", or(r.mode(), "mean"), TimeReduction.Mode.values()));
    }

    private static float unset(String at, String field, Float value, StepNeuron.Kind kind) {
        if (value != null) throw new SpecException(at + ": field '" + field + "' is not for neuron " + kind.label());
        return 0f;
    }

    /** The constant whose label (lower case, '_' as '-') is {@code name}. */
    private static <E extends Enum<E>> E pick(String at, String field, String name, E[] values) {
        Map<String, E> byLabel = new java.util.LinkedHashMap<>();
        for (E e : values) byLabel.put(e.name().toLowerCase(Locale.ROOT).replace('_', '-'), e);
        E e = byLabel.get(name.toLowerCase(Locale.ROOT));
        if (e == null) throw new SpecException(at + ": field '" + field + "' must be one of " + byLabel.keySet() + ", was '" + name + "'");
        return e;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
