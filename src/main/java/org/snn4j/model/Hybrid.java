package org.snn4j.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;
import org.snn4j.Snn4jException;

/**
 * Hybrid ANN/SNN networks (Panda et al. 2020; our reading, shared/papers.md §2.4): top-level {@code spike}
 * entries marked {@code "ann": true} become the spec's ANN activation ({@link ModelSpec#annActivation()})
 * in the SNN as well, and run on one step {@code [1, N, ...]}. Where spike trains meet an ANN layer,
 * time collapses, as the spec's top-level {@code "hybrid": {"boundary": ..., "leak": α}} says:
 * <ul>
 *   <li>{@code rate} (default): right after the last spiking layer, its spike rate
 *       (1/T)·Σ_t s[t] (times the spike amplitude); the ANN layer's synapses then multiply rates (MACs);</li>
 *   <li>{@code membrane}: the ANN layer's synapses take the spikes step by step (ACs) into a membrane
 *       U[t] = α·(U[t−1] + X[t]), and its activation reads the accumulated membrane U[T]/T (α = 1: the
 *       same value as {@code rate}, at event-driven cost).</li>
 * </ul>
 * Where an ANN activation feeds a spiking layer, the ANN's one-step output is held as an input current
 * for T steps (as a direct input is). Both collapses are {@link org.snn4j.neuron.IntegratingReadout}s
 * named {@code <layer>.rate} or {@code <layer>.membrane}; the ANN twin ({@link ModelBuilder.Mode#ANN}) has
 * no boundary.
 *
 * @param boundary what an ANN layer receives from spiking layers
 * @param leak     α of the {@code membrane} boundary, in (0, 1] (1 for {@code rate})
 */
public record Hybrid(Boundary boundary, double leak) {
    /** What crosses a spikes-to-ANN boundary. */
    public enum Boundary {
        RATE, MEMBRANE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws Snn4jException listing the valid names */
        public static Boundary byLabel(String label) {
            for (Boundary b : values()) if (b.label().equals(label)) return b;
            throw new Snn4jException("unknown hybrid boundary '" + label + "' (valid: rate, membrane)");
        }
    }

    public Hybrid {
        java.util.Objects.requireNonNull(boundary, "boundary");
        if (!(leak > 0 && leak <= 1)) throw new Snn4jException("hybrid boundary leak must be in (0, 1], was " + leak);
        if (boundary == Boundary.RATE && leak != 1) throw new Snn4jException("the rate boundary has no leak (only membrane has)");
    }

    /** Spike rates cross the boundary. */
    public static Hybrid rate() {
        return new Hybrid(Boundary.RATE, 1);
    }

    /** Reads and validates the spec's {@code hybrid} object (rate when absent). */
    static Hybrid of(ModelSpec spec) {
        JsonObject json = spec.json();
        if (!json.has("hybrid")) return rate();
        JsonFields f = new JsonFields(json, spec.name()).child("hybrid");
        f.onlyFields(java.util.Set.of("boundary", "leak"));
        try {
            return new Hybrid(Boundary.byLabel(f.string("boundary", "rate")), f.number("leak", 1));
        } catch (SpecException e) {
            throw e;
        } catch (Snn4jException e) {
            throw new SpecException(f.where() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code spec} with its first {@code spiking} top-level spike entries spiking and the later ones ANN
     * ({@code "ann": true}), and this boundary. Spiking positions inside residual blocks must all come before
     * the first ANN one.
     *
     * @throws SpecException when {@code spiking} exceeds the top-level spike entries, or an ANN position
     *                       would precede a residual block
     */
    public ModelSpec firstSpiking(ModelSpec spec, int spiking) {
        JsonObject json = spec.json();
        JsonArray layers = json.getAsJsonArray("layers");
        int seen = 0;
        for (JsonElement e : layers) {
            JsonObject o = e.getAsJsonObject();
            String type = o.get("type").getAsString();
            if (type.equals("spike")) {
                o.remove("ann");
                if (++seen > spiking) o.addProperty("ann", true);
            } else if ((type.equals("residual") || type.equals("backres")) && seen > spiking) {
                throw new SpecException(spec.name() + ": a " + type + " block follows ANN layers; hybrids here are spiking up to "
                        + "some layer and ANN after it, with blocks in the spiking part");
            }
        }
        if (spiking < 0 || spiking > seen) {
            throw new SpecException(spec.name() + ": cannot keep " + spiking + " spiking layers, the model has " + seen
                    + " top-level spike entries (0.." + seen + ")");
        }
        JsonObject h = new JsonObject();
        h.addProperty("boundary", boundary.label());
        if (boundary == Boundary.MEMBRANE) h.addProperty("leak", leak);
        json.add("hybrid", h);
        return ModelSpec.of(json, spec.name());
    }
}
