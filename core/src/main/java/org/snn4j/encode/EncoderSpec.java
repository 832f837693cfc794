package org.snn4j.encode;

import java.util.Locale;
import org.snn4j.Snn4jException;

/**
 * Which encoder turns a run's images into input sequences, and its gain; saved with a model so that
 * it is evaluated with the input it was trained on.
 *
 * @param kind DIRECT, BERNOULLI or FRAMES
 * @param gain the Bernoulli gain c &gt; 0 (spike probability c·|x|); kept, but not used, by DIRECT
 */
public record EncoderSpec(Kind kind, double gain) {
    /** The encoders. */
    public enum Kind {
        /** {@link DirectEncoder}: the image as a constant current at every step. */
        DIRECT,
        /** {@link BernoulliEncoder}: rate coding, one Bernoulli draw per pixel and step. */
        BERNOULLI,
        /** {@link FramesEncoder}: samples that hold their T frames (event data), unfolded into T steps. */
        FRAMES;

        /** The CLI name: {@code direct}, {@code bernoulli} or {@code frames}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param label {@code direct}, {@code bernoulli} (alias {@code rate}) or {@code frames}; case-insensitive
         * @throws Snn4jException for an unknown name, listing the valid ones
         */
        public static Kind byLabel(String label) {
            String key = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
            return switch (key) {
                case "direct" -> DIRECT;
                case "bernoulli", "rate" -> BERNOULLI;
                case "frames" -> FRAMES;
                default -> throw new Snn4jException("unknown encoder '" + label + "'; expected one of: " + Encoders.NAMES);
            };
        }
    }

    /** @throws Snn4jException when the gain is not &gt; 0 */
    public EncoderSpec {
        java.util.Objects.requireNonNull(kind, "kind");
        if (!(gain > 0)) throw new Snn4jException("encoder gain must be > 0, was " + gain);
    }

    /** Direct input (gain 1). */
    public static EncoderSpec direct() {
        return new EncoderSpec(Kind.DIRECT, 1.0);
    }

    /** Bernoulli rate coding with gain {@code gain}. */
    public static EncoderSpec bernoulli(double gain) {
        return new EncoderSpec(Kind.BERNOULLI, gain);
    }

    /** The encoder named {@code label} ({@link Kind#byLabel}) with gain {@code gain}. */
    public static EncoderSpec parse(String label, double gain) {
        return new EncoderSpec(Kind.byLabel(label), gain);
    }

    /**
     * @return a new encoder of this kind
     * @throws Snn4jException for a Bernoulli gain that is infinite
     */
    public Encoder create() {
        return switch (kind) {
            case DIRECT -> new DirectEncoder();
            case BERNOULLI -> new BernoulliEncoder(gain);
            case FRAMES -> new FramesEncoder();
        };
    }
}
