package org.snn4j.optim;

import java.util.Locale;
import org.snn4j.Snn4jException;

/**
 * Learning-rate schedules from CLI strings. Grammar (case-insensitive):
 * <pre>
 *   constant
 *   cosine[:MIN_LR]                        cosine annealing over all epochs to MIN_LR (default 0)
 *   multistep:E1,E2,...[:GAMMA]            ×GAMMA (default 0.1) at each 0-based epoch Ei
 *   warmup:EPOCHS:SCHEDULE                 linear warm-up over EPOCHS (may be fractional) into SCHEDULE
 * </pre>
 * Examples: {@code multistep:70,100,125:0.2} (Lee et al.), {@code warmup:2:cosine}.
 */
public final class Schedules {
    /** The accepted forms, for messages and help text. */
    public static final String FORMS = "constant, cosine[:MIN_LR], multistep:E1,E2,...[:GAMMA], warmup:EPOCHS:SCHEDULE";

    private Schedules() {}

    /**
     * @param spec   the schedule string
     * @param baseLr the base learning rate (finite, &gt; 0)
     * @param epochs the run length in epochs (≥ 1)
     * @throws Snn4jException naming the spec and the problem when it does not parse or its numbers are out of range
     */
    public static LearningRateSchedule parse(String spec, double baseLr, int epochs) {
        if (!(baseLr > 0) || Double.isInfinite(baseLr)) throw new Snn4jException("learning rate must be finite and > 0, was " + baseLr);
        if (epochs < 1) throw new Snn4jException("epochs must be ≥ 1, was " + epochs);
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        return parse(s, s, baseLr, epochs);
    }

    private static LearningRateSchedule parse(String whole, String s, double baseLr, int epochs) {
        String[] parts = s.split(":", -1);
        String kind = parts[0];
        switch (kind) {
            case "constant" -> {
                arity(whole, parts, 1, 1);
                return new ConstantSchedule(baseLr);
            }
            case "cosine" -> {
                arity(whole, parts, 1, 2);
                double min = parts.length == 2 ? number(whole, "minimum learning rate", parts[1]) : 0;
                if (!(min >= 0 && min <= baseLr)) {
                    throw error(whole, "minimum learning rate must be in [0, " + baseLr + "], was " + parts[1]);
                }
                return new CosineSchedule(baseLr, min, epochs);
            }
            case "multistep" -> {
                arity(whole, parts, 2, 3);
                String[] items = parts[1].split(",", -1);
                int[] milestones = new int[items.length];
                for (int i = 0; i < items.length; i++) {
                    try {
                        milestones[i] = Integer.parseInt(items[i].trim());
                    } catch (NumberFormatException e) {
                        throw error(whole, "milestone '" + items[i] + "' is not a whole number of epochs");
                    }
                    if (milestones[i] < 1 || (i > 0 && milestones[i] <= milestones[i - 1])) {
                        throw error(whole, "milestones must be strictly increasing epochs ≥ 1");
                    }
                }
                double gamma = parts.length == 3 ? number(whole, "gamma", parts[2]) : 0.1;
                if (!(gamma > 0)) throw error(whole, "gamma must be > 0, was " + parts[2]);
                return new MultiStepSchedule(baseLr, milestones, gamma);
            }
            case "warmup" -> {
                if (parts.length < 3) throw error(whole, "expected warmup:EPOCHS:SCHEDULE");
                double warm = number(whole, "warm-up epochs", parts[1]);
                if (!(warm > 0)) throw error(whole, "warm-up epochs must be > 0, was " + parts[1]);
                String rest = s.substring(kind.length() + parts[1].length() + 2);
                if (rest.startsWith("warmup")) throw error(whole, "warm-up cannot be nested");
                return new WarmupSchedule(parse(whole, rest, baseLr, epochs), warm);
            }
            default -> throw error(whole, "unknown kind '" + kind + "'");
        }
    }

    private static void arity(String whole, String[] parts, int min, int max) {
        if (parts.length < min || parts.length > max) {
            throw error(whole, "'" + parts[0] + "' takes " + (min == max ? (min - 1) + "" : (min - 1) + " to " + (max - 1))
                    + " ':'-separated argument" + (max - 1 == 1 ? "" : "s") + ", got " + (parts.length - 1));
        }
    }

    private static double number(String whole, String what, String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(whole, what + " '" + text + "' is not a finite number");
    }

    private static Snn4jException error(String whole, String problem) {
        return new Snn4jException("learning-rate schedule '" + whole + "': " + problem + "; expected one of: " + FORMS);
    }
}
