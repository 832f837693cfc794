package org.snn4j.model;

import org.snn4j.Snn4jException;

/**
 * Whether a run of a model at T steps and a batch size fits the JVM's heap, checked before the run
 * starts so that a flag such as {@code --T 5000} is refused in a moment with the number, instead of
 * running the machine out of memory minutes later. The estimate is of activations, in float32:
 * training keeps every top-level layer's output over T for backward and its gradient (2 × the sum of
 * the outputs); inference releases each output once the next layer has read it, so it holds the
 * largest one, its input and the workspace's reuse (4 × the largest). Weights are budgeted separately
 * when the model is built ({@link ModelBuilder}).
 */
public final class RunBudget {
    private RunBudget() {}

    /** Bytes the activations of a run need by the estimate above (saturating at Long.MAX_VALUE). */
    public static long activationBytes(Model model, int steps, int batch, boolean training) {
        long[] perStep = model.activationsPerSampleAndStep();
        long values = training ? multiply(2, perStep[0]) : multiply(4, perStep[1]);
        return multiply(multiply(multiply(values, steps), batch), Float.BYTES);
    }

    /**
     * @throws Snn4jException "training w1 at T=5000 with batch 64 needs about 192 GB of activations, more than
     *                        the JVM's maximum heap of 6021 MB"
     */
    public static void require(Model model, int steps, int batch, boolean training) {
        long bytes = activationBytes(model, steps, batch, training);
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new Snn4jException((training ? "training " : "running ") + model.spec().name() + " at T=" + steps + " with batch " + batch
                    + " needs about " + human(bytes) + " of activations, more than the JVM's maximum heap of " + (heap >> 20) + " MB");
        }
    }

    private static long multiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    private static String human(long bytes) {
        if (bytes == Long.MAX_VALUE) return "more than 8 EB";
        if (bytes >= 1L << 30) return (bytes >> 30) + " GB";
        return (bytes >> 20) + " MB";
    }
}
