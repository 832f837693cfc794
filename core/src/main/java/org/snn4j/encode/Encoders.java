package org.snn4j.encode;

import java.util.Locale;
import org.snn4j.Snn4jException;

/** Encoders by their CLI names. */
public final class Encoders {
    /** The names {@link #byName} accepts. */
    public static final String NAMES = "direct, bernoulli (alias rate), frames (event data)";

    private Encoders() {}

    /**
     * @param name {@code direct}, {@code bernoulli} / {@code rate} or {@code frames}; case-insensitive
     * @param gain the Bernoulli gain c (p = c·|x|); ignored by {@code direct}
     * @throws Snn4jException for an unknown name (listing the valid ones) or a bad gain
     */
    public static Encoder byName(String name, double gain) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "direct" -> new DirectEncoder();
            case "bernoulli", "rate" -> new BernoulliEncoder(gain);
            case "frames" -> new FramesEncoder();
            default -> throw new Snn4jException("unknown encoder '" + name + "'; expected one of: " + NAMES);
        };
    }
}
