package org.snn4j.optim;

/** The learning rate as a function of progress; pure, so a resumed run gets the same rates. */
@FunctionalInterface
public interface LearningRateSchedule {
    /**
     * @param epoch          0-based epoch
     * @param step           0-based step within the epoch
     * @param stepsPerEpoch  number of steps in an epoch (≥ 1)
     * @return the learning rate for that step
     */
    double rate(int epoch, int step, int stepsPerEpoch);
}
