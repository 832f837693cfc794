package org.snn4j.optim;

import java.util.Arrays;

/**
 * Step decay at milestone epochs, as PyTorch's {@code MultiStepLR}: lr(e) = base · γ^k where k is the
 * number of milestones m with m ≤ e (e the 0-based epoch). Lee et al.'s VGG9/ResNet11 runs use
 * milestones 70, 100, 125 and γ = 0.2: epochs 0–69 train at the base rate, 70–99 at 0.2·base, and so on.
 */
public final class MultiStepSchedule implements LearningRateSchedule {
    private final double base;
    private final int[] milestones;
    private final double gamma;

    /**
     * @param base       the initial learning rate, finite and ≥ 0
     * @param milestones strictly increasing epochs ≥ 1 (copied)
     * @param gamma      the factor applied at each milestone, finite and &gt; 0
     */
    public MultiStepSchedule(double base, int[] milestones, double gamma) {
        ScheduleArgs.checkRate("base learning rate", base);
        for (int i = 0; i < milestones.length; i++) {
            if (milestones[i] < 1 || (i > 0 && milestones[i] <= milestones[i - 1])) {
                throw new IllegalArgumentException("milestones must be strictly increasing epochs ≥ 1, were " + Arrays.toString(milestones));
            }
        }
        if (!(gamma > 0) || Double.isInfinite(gamma)) throw new IllegalArgumentException("gamma must be finite and > 0, was " + gamma);
        this.base = base;
        this.milestones = milestones.clone();
        this.gamma = gamma;
    }

    @Override
    public double rate(int epoch, int step, int stepsPerEpoch) {
        ScheduleArgs.checkProgress(epoch, step, stepsPerEpoch);
        double lr = base;
        for (int m : milestones) if (m <= epoch) lr *= gamma;
        return lr;
    }

    /** The milestone epochs (a copy). */
    public int[] milestones() {
        return milestones.clone();
    }

    @Override
    public String toString() {
        return "multistep(" + base + ", milestones " + Arrays.toString(milestones) + ", gamma " + gamma + ")";
    }
}
