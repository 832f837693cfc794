package org.snn4j.optim;

import java.util.List;
import java.util.Locale;
import org.snn4j.Snn4jException;
import org.snn4j.nn.Parameter;

/** Optimizers by their CLI names. */
public final class Optimizers {
    /** The names {@link #create} accepts. */
    public static final String NAMES = "sgd, adam, adamw";

    private Optimizers() {}

    /**
     * @param name        {@code sgd} ({@link Sgd}, no Nesterov), {@code adam} or {@code adamw} (β1 = 0.9,
     *                    β2 = 0.999, ε = 1e-8); case-insensitive
     * @param parameters  the parameters to update
     * @param weightDecay wd ≥ 0 (L2 for sgd and adam, decoupled for adamw)
     * @param momentum    μ for sgd; ignored by adam and adamw, whose β1 = 0.9 plays that role
     * @throws Snn4jException for an unknown name (listing the valid ones) or bad hyperparameters
     */
    public static Optimizer create(String name, List<Parameter> parameters, double weightDecay, double momentum) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "sgd" -> new Sgd(parameters, momentum, false, weightDecay);
            case "adam" -> new Adam(parameters, weightDecay);
            case "adamw" -> new AdamW(parameters, weightDecay);
            default -> throw new Snn4jException("unknown optimizer '" + name + "'; expected one of: " + NAMES);
        };
    }
}
