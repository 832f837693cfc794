package org.snn4j.model;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * {@code spec} with its first {@code spiking} top-level spike entries spiking and the later ones ANN
     * ({@code "ann": true}), and this boundary. Spiking positions inside residual blocks must all come before
     * the first ANN one.
     *
     * @throws SpecException when {@code spiking} exceeds the top-level spike entries, or an ANN position
     *                       would precede a residual block
     */
    public ModelSpec firstSpiking(ModelSpec spec, int spiking) {
        List<LayerSpec> layers = new ArrayList<>();
        int seen = 0;
        for (LayerSpec e : spec.layers()) {
            if (e instanceof LayerSpec.Spike s) {
                e = s.withAnn(++seen > spiking);
            } else if ((e instanceof LayerSpec.Residual || e instanceof LayerSpec.BackRes) && seen > spiking) {
                throw new SpecException(spec.name() + ": a " + e.type() + " block follows ANN layers; hybrids here are spiking up to "
                        + "some layer and ANN after it, with blocks in the spiking part");
            }
            layers.add(e);
        }
        if (spiking < 0 || spiking > seen) {
            throw new SpecException(spec.name() + ": cannot keep " + spiking + " spiking layers, the model has " + seen
                    + " top-level spike entries (0.." + seen + ")");
        }
        return spec.withLayers(layers).withHybrid(this);
    }
}
