package org.snn4j.neuron;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.snn4j.Snn4jException;

/** Surrogates by CLI name, with their default parameters. */
public final class Surrogates {
    private static final Map<String, Supplier<Surrogate>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("lee", LeeDerivative::new);
        BY_NAME.put("lee-no-leak-factor", () -> new LeeDerivative(false));
        BY_NAME.put("rectangular", Rectangular::new);
        BY_NAME.put("triangle", Triangle::new);
        BY_NAME.put("fast-sigmoid", FastSigmoid::new);
        BY_NAME.put("arctan", ArcTan::new);
        BY_NAME.put("stdb", Stdb::new);
        BY_NAME.put("lee-pool", LeeDerivative::pooling);
    }

    private Surrogates() {}

    /**
     * The surrogate called {@code name} (case-insensitive) with default parameters.
     *
     * @throws Snn4jException for an unknown name, listing the valid ones
     */
    public static Surrogate byName(String name) {
        return pick("surrogate", name, BY_NAME).get();
    }

    /** The valid names, in a stable order. */
    public static java.util.Set<String> names() {
        return BY_NAME.keySet();
    }

    static <T> T pick(String what, String name, Map<String, T> choices) {
        T found = name == null ? null : choices.get(name.trim().toLowerCase(java.util.Locale.ROOT));
        if (found == null) {
            throw new Snn4jException("unknown " + what + " '" + name + "'; valid: " + String.join(", ", choices.keySet()));
        }
        return found;
    }

    static void requirePositive(String what, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, was " + value);
        }
    }
}
