package org.snn4j.train;

import java.util.Locale;
import java.util.Map;
import org.snn4j.Snn4jException;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.nn.SpikeListener;
import org.snn4j.nn.SpikeLoss;

/**
 * The spike-count term of Allred et al. (2020), L = L_task + λ(e)·S, with S the mean spikes per hidden
 * neuron per time step over all spiking layers (shared/papers.md §4.3 [INF]). Its gradient, λ/(B·T·N_h)
 * at every spike output, is carried back through the surrogate like the task's.
 *
 * <p>Normalisation ({@link Normalisation}): {@code neurons} (the default) divides the weighted spike count by
 * all hidden neuron-steps, S = Σ_l w_l·spikes_l / (B·T·N_h), so every spike weighs alike and a layer weighs by
 * its size; {@code layers} averages the layers' own rates, S = (1/L)·Σ_l w_l·spikes_l / (B·T·N_l) over the
 * L spiking layers of the pass, so a deep layer of few neurons weighs as much as a wide shallow one (its
 * gradient at a spike, λ·w_l/(L·B·T·N_l), is larger). Both give the same S when every layer fires at the same rate.
 *
 * <p>Schedules of λ over epochs e = 0..E−1 ({@link Schedule}): {@code constant} λ_max; {@code linear}
 * λ_max·e/(E−1); {@code anneal} λ_max·(1 − r^e)/(1 − r^(E−1)) with r = 0.5 (fast rise, saturating);
 * {@code step} 0 for the first half of the epochs, λ_max after. (With one epoch every schedule gives λ_max.)
 *
 * @param max          λ_max ≥ 0 (0: no penalty)
 * @param schedule     how λ rises over the epochs
 * @param layerWeights w_l ≥ 0 of the spiking layers named (the others weigh 1)
 * @param normalisation what the weighted spike counts are divided by
 */
public record SpikePenalty(double max, Schedule schedule, Map<String, Double> layerWeights, Normalisation normalisation) {
    /** The annealing schedule's ratio r. */
    static final double ANNEAL_RATIO = 0.5;

    /** How λ goes from 0 to λ_max over the epochs (see {@link SpikePenalty}). */
    public enum Schedule {
        CONSTANT, LINEAR, ANNEAL, STEP;

        /** The schedule called {@code name} (case-insensitive). */
        public static Schedule parse(String name) {
            for (Schedule s : values()) if (s.label().equalsIgnoreCase(name)) return s;
            throw new Snn4jException("unknown spike penalty schedule '" + name.toLowerCase(Locale.ROOT)
                    + "' (valid: constant, linear, anneal, step)");
        }

        /** The name {@link #parse} takes. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the weighted spike counts are divided by (see {@link SpikePenalty}). */
    public enum Normalisation {
        /** All hidden neuron-steps: S = Σ_l w_l·spikes_l / (B·T·N_h). */
        NEURONS,
        /** Each layer's own neuron-steps, averaged over the layers: S = (1/L)·Σ_l w_l·spikes_l / (B·T·N_l). */
        LAYERS;

        /** The normalisation called {@code name} (case-insensitive). */
        public static Normalisation parse(String name) {
            for (Normalisation n : values()) if (n.label().equalsIgnoreCase(name)) return n;
            throw new Snn4jException("unknown spike penalty normalisation '" + name.toLowerCase(Locale.ROOT) + "' (valid: neurons, layers)");
        }

        /** The name {@link #parse} takes. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A penalty that weighs every spiking layer 1, over all hidden neuron-steps. */
    public SpikePenalty(double max, Schedule schedule) {
        this(max, schedule, Map.of());
    }

    /** A penalty over all hidden neuron-steps ({@link Normalisation#NEURONS}). */
    public SpikePenalty(double max, Schedule schedule, Map<String, Double> layerWeights) {
        this(max, schedule, layerWeights, Normalisation.NEURONS);
    }

    public SpikePenalty {
        java.util.Objects.requireNonNull(schedule, "schedule");
        java.util.Objects.requireNonNull(normalisation, "normalisation");
        layerWeights = Map.copyOf(layerWeights);
        layerWeights.forEach((layer, w) -> {
            if (!(w >= 0) || !Double.isFinite(w)) throw new Snn4jException("spike penalty weight of " + layer + " must be finite and >= 0, was " + w);
        });
        if (!(max >= 0) || !Double.isFinite(max)) throw new Snn4jException("spike penalty max must be finite and >= 0, was " + max);
    }

    /**
     * The record's fields, the normalisation only when it is not the default, so that the settings of
     * checkpoints written before it existed ({@link RunSettings}) still match and resume.
     */
    @Override
    public String toString() {
        return "SpikePenalty[max=" + max + ", schedule=" + schedule + ", layerWeights=" + layerWeights
                + (normalisation == Normalisation.NEURONS ? "" : ", normalisation=" + normalisation.label()) + "]";
    }

    /** No penalty. */
    public static SpikePenalty none() {
        return new SpikePenalty(0, Schedule.CONSTANT);
    }

    /**
     * Parses {@code LAYER=W,LAYER=W} (empty: every layer weighs 1).
     *
     * @throws Snn4jException naming the malformed entry
     */
    public static Map<String, Double> parseWeights(String text) {
        Map<String, Double> weights = new java.util.LinkedHashMap<>();
        if (text == null || text.isBlank()) return weights;
        for (String entry : text.split(",")) {
            String[] kv = entry.split("=");
            try {
                if (kv.length != 2 || kv[0].isBlank()) throw new NumberFormatException();
                weights.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new Snn4jException("spike penalty weight '" + entry + "' is not LAYER=WEIGHT");
            }
        }
        return weights;
    }

    /** Refuses weights for layers that are not among {@code spikingLayers}. */
    public void requireLayers(java.util.Collection<String> spikingLayers) {
        for (String layer : layerWeights.keySet()) {
            if (!spikingLayers.contains(layer)) {
                throw new Snn4jException("spike penalty weight for '" + layer + "', which is not a spiking layer (spiking layers: "
                        + String.join(", ", spikingLayers) + ")");
            }
        }
    }

    /** λ for epoch {@code epoch} (0-based) of {@code epochs}. */
    public double weight(int epoch, int epochs) {
        if (max == 0 || epochs <= 1) return max;
        double last = epochs - 1;
        return switch (schedule) {
            case LINEAR -> max * epoch / last;
            case ANNEAL -> max * (1 - Math.pow(ANNEAL_RATIO, epoch)) / (1 - Math.pow(ANNEAL_RATIO, last));
            case STEP -> epoch >= epochs / 2 ? max : 0;
            case CONSTANT -> max;
        };
    }

    /**
     * The penalty term of one training pass at epoch {@code epoch} of {@code epochs}: attached to the pass's
     * context, it records the pass's spikes, gives each spiking layer's backward its gradient and the loss.
     */
    public Term forPass(int epoch, int epochs) {
        return new Term(weight(epoch, epochs), layerWeights, normalisation);
    }

    /** λ·S of one pass (see {@link SpikePenalty}), from the spikes its layers emitted. */
    public static final class Term implements SpikeListener, SpikeLoss {
        private final double lambda;
        private final Map<String, Double> layerWeights;
        private final Normalisation normalisation;
        private final SpikeRecords spikes = new SpikeRecords();

        private Term(double lambda, Map<String, Double> layerWeights, Normalisation normalisation) {
            this.lambda = lambda;
            this.layerWeights = layerWeights;
            this.normalisation = normalisation;
        }

        @Override
        public void spikes(String layer, long count, int neurons, int steps, int samples) {
            spikes.spikes(layer, count, neurons, steps, samples);
        }

        /**
         * ∂(λS)/∂s at every spike output of {@code layer}: λ·w_l/(B·T·N_h), or λ·w_l/(L·B·T·N_l) normalised by
         * layers; 0 without a penalty or before the layer has run.
         */
        @Override
        public float gradientAtSpike(String layer) {
            double d = denominator(layer);
            return lambda == 0 || d == 0 ? 0f : (float) (lambda * weight(layer) / d);
        }

        /** λ·S for the spikes recorded so far (0 without a penalty). */
        public double loss() {
            if (lambda == 0) return 0;
            double s = 0;
            for (SpikeRecords.SpikeRecord r : spikes.byLayer().values()) {
                double d = denominator(r.layer());
                if (d > 0) s += weight(r.layer()) * r.spikes() / d;
            }
            return lambda * s;
        }

        /** What a spike of {@code layer} is divided by in S: B·T·N_h, or L·B·T·N_l (0 when nothing is recorded). */
        private double denominator(String layer) {
            if (normalisation == Normalisation.NEURONS) return spikes.neuronSteps();
            SpikeRecords.SpikeRecord r = spikes.get(layer);
            return r == null ? 0 : (double) spikes.byLayer().size() * r.neuronSteps();
        }

        private double weight(String layer) {
            return layerWeights.getOrDefault(layer, 1.0);
        }
    }
}
