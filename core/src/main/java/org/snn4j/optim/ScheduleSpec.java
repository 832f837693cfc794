package org.snn4j.optim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.snn4j.Snn4jException;

/**
 * A learning-rate schedule before a run's base rate and length are known: checked once when made,
 * turned into the run's {@link LearningRateSchedule} by {@link #create}. Its text follows the grammar
 * of {@link Schedules} ({@code cosine}, {@code multistep:70,100,125:0.2}, {@code warmup:2:cosine}, …).
 *
 * @param text the schedule in the grammar of {@link Schedules}, stored trimmed and in lower case
 */
public record ScheduleSpec(String text) {
    /** @throws Snn4jException naming the text and the problem when it does not parse */
    public ScheduleSpec {
        text = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Schedules.parse(text, Double.MAX_VALUE, 1);  // the grammar, and every range that holds for any rate and length
    }

    /** The schedule {@code text} (e.g. the value of {@code --schedule}). */
    public static ScheduleSpec parse(String text) {
        return new ScheduleSpec(text);
    }

    /** The base rate throughout. */
    public static ScheduleSpec constant() {
        return new ScheduleSpec("constant");
    }

    /** Cosine annealing over all epochs down to 0. */
    public static ScheduleSpec cosine() {
        return new ScheduleSpec("cosine");
    }

    /** Cosine annealing over all epochs down to {@code minLr} (at most the base rate). */
    public static ScheduleSpec cosine(double minLr) {
        return new ScheduleSpec("cosine:" + minLr);
    }

    /** The base rate multiplied by {@code gamma} at each of the 0-based, strictly increasing epochs {@code milestones}. */
    public static ScheduleSpec multiStep(double gamma, int... milestones) {
        return new ScheduleSpec("multistep:" + Arrays.stream(milestones).mapToObj(String::valueOf).collect(Collectors.joining(","))
                + ":" + gamma);
    }

    /** This schedule after a linear warm-up over {@code epochs} (may be fractional). */
    public ScheduleSpec afterWarmup(double epochs) {
        return new ScheduleSpec("warmup:" + epochs + ":" + text);
    }

    /**
     * @param baseLr the base learning rate (finite, &gt; 0)
     * @param epochs the run length in epochs (≥ 1)
     * @throws Snn4jException when a number of the schedule does not fit the rate (a cosine minimum above it)
     */
    public LearningRateSchedule create(double baseLr, int epochs) {
        return Schedules.parse(text, baseLr, epochs);
    }

    @Override
    public String toString() {
        return text;
    }
}
