package org.snn4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.snn4j.kernels.Conv2dKernels;
import org.snn4j.kernels.ConvGeometry;
import org.snn4j.kernels.EventKernels;
import org.snn4j.kernels.Gemm;
import org.snn4j.kernels.Parallel;
import org.snn4j.tensor.Rng;

/**
 * Where the event-driven convolution overtakes the dense one: both kernels on the same random
 * average-pooled spike input (values 0.25 to 1, as after a 2×2 pool of spikes) at densities from 2 % to
 * 30 %, for the convolution shapes of W1 and of VGG-7 at quarter width and for VGG-7's first fully connected
 * layer (1,568 → 1,024, 2,048 rows: 8 steps of a batch of 256), on one thread. Figures are the
 * least thread CPU time of {@code reps} runs after warm-up, so a busy machine (other processes taking
 * the cores) inflates them less than wall time; the ratio dense / event is what matters.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp target/classes org.snn4j.bench.EventBenchmark [images reps]}
 * (defaults 256 images, 5 runs). The crossovers it found are in docs/BENCHMARKS.md; the "auto" engine
 * measures its own per layer at run time ({@code org.snn4j.engine.Executor}).
 */
public final class EventBenchmark {
    /** Cin, side, Cout of the measured 3×3, pad 1 convolutions: W1's conv2, VGG-7/4's conv2, conv4, conv5. */
    private static final int[][] SHAPES = {{32, 14, 64}, {16, 28, 16}, {32, 14, 32}, {32, 7, 32}};
    private static final double[] DENSITIES = {0.02, 0.05, 0.10, 0.15, 0.20, 0.30};
    /** Rows, inputs, outputs of the measured linear layer: VGG-7's fc1 over 8 steps of 256 samples. */
    private static final int[] LINEAR = {2048, 1568, 1024};

    private EventBenchmark() {}

    /** {dense ms, event ms} of one convolution: the least thread CPU time of {@code reps} runs each, after two warm-ups. */
    public static double[] millis(ConvGeometry g, double density, int reps) {
        float[] x = spikes(g.inputSize(), density), w = weights(g.weightSize());
        float[] wt = EventKernels.transposed(g.outC(), g.patch(), w), y = new float[g.outputSize()];
        return leastCpuMillis(reps, () -> Conv2dKernels.forward(g, x, w, null, y), () -> EventKernels.convForward(g, x, wt, null, y));
    }

    /** {dense ms, event ms} of a linear layer ({@code y = x·Wᵀ}), measured as {@link #millis}. */
    public static double[] linearMillis(int rows, int in, int out, double density, int reps) {
        float[] x = spikes(rows * in, density), w = weights(out * in), y = new float[rows * out];
        float[] wt = EventKernels.transposed(out, in, w);
        return leastCpuMillis(reps, () -> Gemm.sgemm(false, true, rows, out, in, 1f, x, 0, in, w, 0, in, 0f, y, 0, out),
                () -> EventKernels.linearForward(rows, in, out, x, wt, null, y));
    }

    /** Random average-pooled spikes: each input non-zero with probability {@code density}, value 0.25 to 1. */
    private static float[] spikes(int size, double density) {
        Rng rng = new Rng(1);
        float[] x = new float[size];
        for (int i = 0; i < x.length; i++) if (rng.nextFloat() < density) x[i] = 0.25f * (1 + rng.nextInt(4));
        return x;
    }

    private static float[] weights(int size) {
        float[] w = new float[size];
        new Rng(2).fillGaussian(w, 0.1);
        return w;
    }

    private static double[] leastCpuMillis(int reps, Runnable dense, Runnable event) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double denseMs = Double.MAX_VALUE, eventMs = Double.MAX_VALUE;
        for (int r = 0; r < reps + 2; r++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            dense.run();
            long t1 = cpu.getCurrentThreadCpuTime();
            event.run();
            long t2 = cpu.getCurrentThreadCpuTime();
            if (r < 2) continue;
            denseMs = Math.min(denseMs, (t1 - t0) / 1e6);
            eventMs = Math.min(eventMs, (t2 - t1) / 1e6);
        }
        return new double[] {denseMs, eventMs};
    }

    public static void main(String[] args) {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 256, reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Parallel.setThreads(1);
        System.out.printf("3x3 pad 1 convolution of %d images, 1 thread, least CPU ms of %d: dense / event (ratio)%n", images, reps);
        for (int[] s : SHAPES) {
            ConvGeometry g = ConvGeometry.square(images, s[0], s[1], s[1], s[2], 3, 1, 1);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%3d->%-3d %2dx%-2d", s[0], s[2], s[1], s[1]));
            for (double d : DENSITIES) {
                double[] ms = millis(g, d, reps);
                line.append(String.format(Locale.ROOT, "  %2.0f%%: %5.1f/%5.1f (%.2f)", 100 * d, ms[0], ms[1], ms[0] / ms[1]));
            }
            System.out.println(line);
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "linear %d->%d, %d rows", LINEAR[1], LINEAR[2], LINEAR[0]));
        for (double d : DENSITIES) {
            double[] ms = linearMillis(LINEAR[0], LINEAR[1], LINEAR[2], d, reps);
            line.append(String.format(Locale.ROOT, "  %2.0f%%: %5.1f/%5.1f (%.2f)", 100 * d, ms[0], ms[1], ms[0] / ms[1]));
        }
        System.out.println(line);
    }
}
