package org.snn4j.optim;

/**
 * Cosine annealing over the whole run, per step (SGDR without restarts): with s the 0-based global step
 * and S = epochs · stepsPerEpoch, lr = min + (base − min) · (1 + cos(π·s/S)) / 2. Step 0 gets the base
 * rate; the last step gets just above min; steps past S stay at min.
 */
public final class CosineSchedule implements LearningRateSchedule {
    private final double base;
    private final double min;
    private final int epochs;

    /**
     * @param base   the initial learning rate, finite and ≥ 0
     * @param min    the final learning rate, in [0, base]
     * @param epochs the length of the run in epochs (≥ 1)
     */
    public CosineSchedule(double base, double min, int epochs) {
        ScheduleArgs.checkRate("base learning rate", base);
        ScheduleArgs.checkRate("minimum learning rate", min);
        if (min > base) throw new IllegalArgumentException("minimum learning rate " + min + " exceeds the base rate " + base);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be ≥ 1, was " + epochs);
        this.base = base;
        this.min = min;
        this.epochs = epochs;
    }

    @Override
    public double rate(int epoch, int step, int stepsPerEpoch) {
        ScheduleArgs.checkProgress(epoch, step, stepsPerEpoch);
        long s = ScheduleArgs.globalStep(epoch, step, stepsPerEpoch);
        long total = (long) epochs * stepsPerEpoch;
        if (s >= total) return min;
        return min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * s / total));
    }

    @Override
    public String toString() {
        return "cosine(" + base + " -> " + min + " over " + epochs + " epochs)";
    }
}
