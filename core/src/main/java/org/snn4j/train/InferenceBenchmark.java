package org.snn4j.train;

import java.util.Arrays;
import org.snn4j.data.Dataset;
import org.snn4j.encode.Encoder;
import org.snn4j.engine.Executor;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;
import org.snn4j.tensor.Workspace;

/**
 * Inference throughput of an engine: batches of consecutive samples of a data set (wrapping around),
 * each encoded and run through the engine with a recycled {@link Workspace}, no op counter and no
 * loss; the images are copied out of the data set before the clock starts. After {@code warmups}
 * untimed batches (more if the engine has crossovers still to measure: {@link Executor#passesUntilCalibrated},
 * so that no timed batch includes "auto"'s measuring), {@code reps} batches are timed one by one; the
 * median batch time gives the figure (robust against a busy machine).
 */
public final class InferenceBenchmark {
    private InferenceBenchmark() {}

    /**
     * @param samplesPerSecond  batch size / median batch time
     * @param medianBatchMillis the median wall time of one batch (encode + forward)
     * @param medianCpuMillis   the median CPU time of the calling thread per batch: the whole cost of a batch
     *                          at one thread, which a busy machine inflates much less than wall time
     * @param accuracy          fraction of the timed samples classified correctly (a sanity check)
     * @param warmups           the untimed batches run first: the requested ones, or the engine's calibration passes if more
     */
    public record Result(double samplesPerSecond, double medianBatchMillis, double medianCpuMillis, double accuracy, int warmups) {}

    /**
     * @throws IllegalArgumentException when the data set is empty or a count is not positive
     */
    public static Result run(Executor engine, Dataset data, int steps, Encoder encoder, int batch, int warmups,
                             int reps, long seed) {
        if (data.size() == 0 || steps < 1 || batch < 1 || warmups < 0 || reps < 1) {
            throw new IllegalArgumentException("bad benchmark: " + data.size() + " samples, T " + steps + ", batch " + batch
                    + ", warm-ups " + warmups + ", reps " + reps);
        }
        int warm = Math.max(warmups, engine.passesUntilCalibrated());
        int batches = warm + reps;
        Tensor[] images = new Tensor[batches];
        int[][] labels = new int[batches][];
        for (int b = 0; b < batches; b++) {
            int[] indices = new int[batch];
            for (int i = 0; i < batch; i++) indices[i] = (int) (((long) b * batch + i) % data.size());
            images[b] = data.images(indices);
            labels[b] = Arrays.stream(indices).map(data::label).toArray();
        }
        Workspace workspace = new Workspace();
        double[] millis = new double[reps], cpuMillis = new double[reps];
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long correct = 0;
        for (int b = 0; b < batches; b++) {
            Rng rng = new Rng(Seeds.mix(seed, -1, b));
            long start = System.nanoTime(), cpuStart = cpu.getCurrentThreadCpuTime();
            Tensor input = encoder.encodeCompact(images[b], steps, rng);
            ForwardContext ctx = new ForwardContext(false, false, rng).withSteps(steps).withWorkspace(workspace);
            Tensor readout = engine.infer(input, ctx);
            long end = System.nanoTime(), cpuEnd = cpu.getCurrentThreadCpuTime();
            if (b >= warm) {
                millis[b - warm] = (end - start) / 1e6;
                cpuMillis[b - warm] = (cpuEnd - cpuStart) / 1e6;
                correct += org.snn4j.loss.Accuracy.correct(readout, labels[b]);
            }
            workspace.recycle();
        }
        double median = median(millis);
        return new Result(batch / (median / 1e3), median, median(cpuMillis), (double) correct / ((long) reps * batch), warm);
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
