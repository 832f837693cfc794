package org.snn4j.model;

import com.google.gson.JsonObject;
import java.util.Locale;
import org.snn4j.Snn4jException;
import org.snn4j.nn.Clip;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Qcfs;
import org.snn4j.nn.ReLU;

/**
 * Which activation the spiking positions of a spec (its {@code spike} entries and residual blocks'
 * output neurons) become in the ANN twin: the spec's top-level {@code ann_activation}, e.g.
 * {@code {"type": "qcfs", "levels": 8, "bound": 8.0}}; absent means ReLU. Ignored in SNN mode.
 *
 * @param kind   ReLU, clip (min(max(z, 0), λ)) or QCFS (see {@link Qcfs})
 * @param levels L, QCFS quantization levels (≥ 1; 0 for the others, which have none)
 * @param bound  initial upper bound λ of clip and QCFS (finite, &gt; 0; 0 for ReLU)
 * @param trainable λ is trained (default) or held at {@code bound} (spec field {@code "trainable": false};
 *                  how the QCFS pilot of papers.md §6.3 fine-tunes with λ fixed at calibrated percentiles)
 */
public record AnnActivation(Kind kind, int levels, double bound, boolean trainable) {
    /** The activation types, with their spec and command-line names. */
    public enum Kind {
        RELU, CLIP, QCFS;

        /** The name in specs and on the command line: {@code relu}, {@code clip}, {@code qcfs}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The kind named {@code label}.
         *
         * @throws Snn4jException listing the valid names
         */
        public static Kind byLabel(String label) {
            for (Kind k : values()) {
                if (k.label().equals(label)) return k;
            }
            throw new Snn4jException("unknown ANN activation '" + label + "' (valid: relu, clip, qcfs)");
        }
    }

    /** QCFS levels when not given (the default of the authors' ANN_SNN_QCFS code). */
    public static final int DEFAULT_LEVELS = 8;
    /** Initial bound λ when not given (the authors' initial value). */
    public static final double DEFAULT_BOUND = 8.0;

    /** An activation whose bound (if any) is trained. */
    public AnnActivation(Kind kind, int levels, double bound) {
        this(kind, levels, bound, true);
    }

    public AnnActivation {
        java.util.Objects.requireNonNull(kind, "kind");
        if (kind == Kind.RELU && !trainable) throw new Snn4jException("relu has no bound to hold fixed");
        if (kind == Kind.QCFS ? levels < 1 : levels != 0) {
            throw new Snn4jException(kind == Kind.QCFS ? "QCFS levels must be >= 1, was " + levels : kind.label() + " has no levels");
        }
        if (kind == Kind.RELU ? bound != 0 : !(bound > 0 && Double.isFinite(bound))) {
            throw new Snn4jException(kind == Kind.RELU ? "relu has no bound" : kind.label() + " bound must be finite and > 0, was " + bound);
        }
    }

    /** Plain ReLU (what a spec without {@code ann_activation} means). */
    public static AnnActivation relu() {
        return new AnnActivation(Kind.RELU, 0, 0);
    }

    /** Clip with initial bound λ. */
    public static AnnActivation clip(double bound) {
        return new AnnActivation(Kind.CLIP, 0, bound);
    }

    /** QCFS with L levels and initial bound λ. */
    public static AnnActivation qcfs(int levels, double bound) {
        return new AnnActivation(Kind.QCFS, levels, bound);
    }

    /** The same activation with its bound held fixed during training. */
    public AnnActivation withFixedBound() {
        return new AnnActivation(kind, levels, bound, false);
    }

    /** Whether the activation has a trainable bound ({@code <layer>.bound}) that a converter can use as λ_l. */
    public boolean bounded() {
        return kind != Kind.RELU;
    }

    /** The layer that stands for the spiking position {@code name} in the ANN twin. */
    public Layer layer(String name) {
        return switch (kind) {
            case RELU -> new ReLU(name);
            case CLIP -> new Clip(name, (float) bound, trainable);
            case QCFS -> new Qcfs(name, levels, (float) bound, trainable);
        };
    }

    /** The spec field's value: only the fields the kind has (as the spec writer writes it). */
    public JsonObject toJson() {
        return SpecWriter.annActivation(this);
    }

    /** A short description, e.g. {@code qcfs (L=8, λ₀=8.0)}. */
    @Override
    public String toString() {
        return switch (kind) {
            case RELU -> "relu";
            case CLIP -> "clip (λ₀=" + bound + ")" + (trainable ? "" : ", λ fixed");
            case QCFS -> "qcfs (L=" + levels + ", λ₀=" + bound + ")" + (trainable ? "" : ", λ fixed");
        };
    }
}
