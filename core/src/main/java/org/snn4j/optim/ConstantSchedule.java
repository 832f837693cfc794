package org.snn4j.optim;

/** The same learning rate at every step. */
public record ConstantSchedule(double rate) implements LearningRateSchedule {
    /** @param rate the learning rate, finite and ≥ 0 */
    public ConstantSchedule {
        ScheduleArgs.checkRate("learning rate", rate);
    }

    @Override
    public double rate(int epoch, int step, int stepsPerEpoch) {
        ScheduleArgs.checkProgress(epoch, step, stepsPerEpoch);
        return rate;
    }
}
