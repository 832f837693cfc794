package org.snn4j.optim;

/** Argument checks shared by the schedules (programming errors: the parser reports user errors itself). */
final class ScheduleArgs {
    private ScheduleArgs() {}

    static void checkRate(String what, double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException(what + " must be finite and ≥ 0, was " + lr);
    }

    static void checkProgress(int epoch, int step, int stepsPerEpoch) {
        if (epoch < 0 || stepsPerEpoch < 1 || step < 0 || step >= stepsPerEpoch) {
            throw new IllegalArgumentException("bad progress: epoch " + epoch + ", step " + step + " of " + stepsPerEpoch);
        }
    }

    /** The 0-based global step: epoch·stepsPerEpoch + step, in long to avoid overflow. */
    static long globalStep(int epoch, int step, int stepsPerEpoch) {
        return (long) epoch * stepsPerEpoch + step;
    }
}
