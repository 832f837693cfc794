package org.snn4j.optim;

import java.util.Objects;

/**
 * Linear warm-up in front of any schedule, per step: with s the 0-based global step and
 * W = round(warmupEpochs · stepsPerEpoch) (at least 1), lr = inner(s) · (s + 1)/W for s &lt; W, then
 * inner(s). The inner schedule keeps its own clock (a cosine still ends at the run's last step).
 */
public final class WarmupSchedule implements LearningRateSchedule {
    private final LearningRateSchedule inner;
    private final double warmupEpochs;

    /**
     * @param inner        the schedule to ramp into
     * @param warmupEpochs the warm-up length in epochs, finite and &gt; 0 (fractions allowed)
     */
    public WarmupSchedule(LearningRateSchedule inner, double warmupEpochs) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (!(warmupEpochs > 0) || Double.isInfinite(warmupEpochs)) {
            throw new IllegalArgumentException("warm-up epochs must be finite and > 0, was " + warmupEpochs);
        }
        this.warmupEpochs = warmupEpochs;
    }

    @Override
    public double rate(int epoch, int step, int stepsPerEpoch) {
        double lr = inner.rate(epoch, step, stepsPerEpoch);
        long s = ScheduleArgs.globalStep(epoch, step, stepsPerEpoch);
        long warm = Math.max(1, Math.round(warmupEpochs * stepsPerEpoch));
        return s < warm ? lr * (s + 1) / warm : lr;
    }

    @Override
    public String toString() {
        return "warmup(" + warmupEpochs + " epochs, " + inner + ")";
    }
}
