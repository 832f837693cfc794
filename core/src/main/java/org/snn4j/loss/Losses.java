package org.snn4j.loss;

import java.util.Locale;
import org.snn4j.Snn4jException;

/** Losses by their CLI names. */
public final class Losses {
    /** The names {@link #byName} accepts. */
    public static final String NAMES = "ce, sse, mse, stochmax[:SIGMA[:NOISE[:ANNEALING]]]";

    private Losses() {}

    /** As {@link #byName(String, double)} without label smoothing. */
    public static Loss byName(String name) {
        return byName(name, 0);
    }

    /**
     * @param name           {@code ce} (softmax cross-entropy, batch mean), {@code sse} (Lee et al.'s summed
     *                       squared error), {@code mse} (squared error, mean over N·K) or
     *                       {@code stochmax[:SIGMA[:NOISE[:ANNEALING]]]} ({@link StochasticSoftmax#parse}); case-insensitive
     * @param labelSmoothing ε for {@code ce}; must be 0 for the others
     * @throws Snn4jException for an unknown name (listing the valid ones) or smoothing on a squared error
     */
    public static Loss byName(String name, double labelSmoothing) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        Loss loss = switch (key) {
            case "ce" -> new SoftmaxCrossEntropy(labelSmoothing);
            case "sse" -> new SummedSquaredError(SummedSquaredError.Reduction.SUM);
            case "mse" -> new SummedSquaredError(SummedSquaredError.Reduction.MEAN);
            default -> key.startsWith("stochmax") ? StochasticSoftmax.parse(key) : unknown(name);
        };
        if (labelSmoothing != 0 && !key.equals("ce")) {
            throw new Snn4jException("loss '" + key + "' does not take label smoothing (only ce does), was " + labelSmoothing);
        }
        return loss;
    }

    private static Loss unknown(String name) {
        throw new Snn4jException("unknown loss '" + name + "'; expected one of: " + NAMES);
    }
}
