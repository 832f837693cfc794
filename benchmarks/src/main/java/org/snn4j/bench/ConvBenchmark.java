package org.snn4j.bench;

import java.util.Arrays;
import org.snn4j.kernels.Conv2dKernels;
import org.snn4j.kernels.ConvGeometry;
import org.snn4j.kernels.Gemm;
import org.snn4j.kernels.Parallel;
import org.snn4j.tensor.Rng;

/**
 * Times one convolution training step (forward + backward-data + backward-weights) and, for the
 * overhead outside GEMM (im2col, col2im, staging, bias, buffers), the same GEMM calls on their own.
 *
 * <p>A steadier overhead figure comes from running {@link #forwardBackwardMillis} with a do-nothing
 * {@code org.snn4j.kernels.Gemm} placed first on the class path: 18 ms at one thread for the default
 * shape on an idle core (measured while the reference GEMM was still scalar).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp target/classes org.snn4j.bench.ConvBenchmark
 * [warmups reps]}. Defaults to N = 64, Cin = Cout = 64, 32×32, 3×3, pad 1 with 1 and 2 threads.
 * With first argument {@code training [warmups reps]}: each pass of the two W1 training convolutions
 * ({@link #W1_CONV1}, {@link #W1_CONV2}) timed separately.
 */
public final class ConvBenchmark {
    private ConvBenchmark() {}

    /** Median wall time in ms of forward + backward-data + backward-weights over {@code reps} runs. */
    public static double forwardBackwardMillis(int n, int c, int h, int w, int cout, int k, int pad,
                                               int threads, int warmups, int reps) {
        ConvGeometry g = ConvGeometry.square(n, c, h, w, cout, k, 1, pad);
        Rng rng = new Rng(1);
        float[] x = random(rng, g.inputSize()), weight = random(rng, g.weightSize()), bias = random(rng, cout);
        float[] y = new float[g.outputSize()], dx = new float[g.inputSize()];
        float[] dw = new float[g.weightSize()], db = new float[cout];
        return medianMillis(threads, warmups, reps, () -> {
            Conv2dKernels.forward(g, x, weight, bias, y);
            Conv2dKernels.backwardData(g, y, weight, dx);
            Conv2dKernels.backwardWeights(g, x, y, dw, db);
        });
    }

    /**
     * Median wall time in ms of just the GEMM calls {@link #forwardBackwardMillis} makes at one thread
     * (same shapes, same chunking; backward-data at stride 1 is the forward GEMM of the transposed
     * convolution), so the difference is the convolution's own overhead. Noisy when the machine is
     * shared: it subtracts two large numbers.
     */
    public static double gemmOnlyMillis(int n, int c, int h, int w, int cout, int k, int pad, int warmups, int reps) {
        if (pad > k - 1) throw new IllegalArgumentException("pad " + pad + " > k - 1: backward-data would use col2im");
        ConvGeometry g = ConvGeometry.square(n, c, h, w, cout, k, 1, pad);
        ConvGeometry t = ConvGeometry.square(n, cout, g.outH(), g.outW(), c, k, 1, k - 1 - pad);
        int chunk = Conv2dKernels.imagesPerChunk(g, 1), plane = g.outPlane(), patch = g.patch();
        int chunkT = Conv2dKernels.imagesPerChunk(t, 1), planeT = t.outPlane(), patchT = t.patch();
        Rng rng = new Rng(1);
        float[] weight = random(rng, g.weightSize()), col = random(rng, patch * chunk * plane);
        float[] out = random(rng, cout * chunk * plane), dw = new float[g.weightSize()];
        float[] colT = random(rng, patchT * chunkT * planeT), dx = new float[c * chunkT * planeT];
        return medianMillis(1, warmups, reps, () -> {
            for (int i0 = 0; i0 < n; i0 += chunk) {
                int width = Math.min(chunk, n - i0) * plane;
                Gemm.sgemm(false, false, cout, width, patch, 1f, weight, 0, patch, col, 0, width, 0f, out, 0, width);
                Gemm.sgemm(false, true, cout, patch, width, 1f, out, 0, width, col, 0, width, 1f, dw, 0, patch);
            }
            for (int i0 = 0; i0 < n; i0 += chunkT) {
                int width = Math.min(chunkT, n - i0) * planeT;
                Gemm.sgemm(false, false, c, width, patchT, 1f, weight, 0, patchT, colT, 0, width, 0f, dx, 0, width);
            }
        });
    }

    /** The two convolutions of the "W1" training benchmark, T = 8 folded into the batch for the second. */
    public static final ConvGeometry W1_CONV1 = ConvGeometry.square(64, 1, 28, 28, 32, 3, 1, 1);
    public static final ConvGeometry W1_CONV2 = ConvGeometry.square(512, 32, 14, 14, 64, 3, 1, 1);

    /**
     * Median wall times in ms of {forward, backward-data, backward-weights} of {@code g} on
     * {@code threads} threads, each pass timed on its own (backward-weights with a bias gradient).
     */
    public static double[] passMillis(ConvGeometry g, int threads, int warmups, int reps) {
        Rng rng = new Rng(1);
        float[] x = random(rng, g.inputSize()), weight = random(rng, g.weightSize()), bias = random(rng, g.outC());
        float[] y = new float[g.outputSize()], dy = random(rng, g.outputSize()), dx = new float[g.inputSize()];
        float[] dw = new float[g.weightSize()], db = new float[g.outC()];
        return new double[] {
            medianMillis(threads, warmups, reps, () -> Conv2dKernels.forward(g, x, weight, bias, y)),
            medianMillis(threads, warmups, reps, () -> Conv2dKernels.backwardData(g, dy, weight, dx)),
            medianMillis(threads, warmups, reps, () -> Conv2dKernels.backwardWeights(g, x, dy, dw, db))
        };
    }

    /** Prints {@link #passMillis} of both W1 convolutions at 1 and 2 threads, with GFLOP/s. */
    public static void printTrainingShapes(int warmups, int reps) {
        for (ConvGeometry g : new ConvGeometry[] {W1_CONV1, W1_CONV2}) {
            double gflop = 2.0 * g.macs() / 1e9;
            System.out.printf("conv N=%d Cin=%d Cout=%d %dx%d k=%d: %.3f GFLOP per pass%n",
                    g.n(), g.c(), g.outC(), g.h(), g.w(), g.kh(), gflop);
            double[] one = null;
            for (int threads = 1; threads <= 2; threads++) {
                double[] ms = passMillis(g, threads, warmups, reps);
                if (threads == 1) one = ms;
                System.out.printf("  %d thread(s): fwd %6.2f ms (%5.1f GFLOP/s)  bwd-data %6.2f ms (%5.1f)  "
                                + "bwd-weights %6.2f ms (%5.1f)  total %6.2f ms%s%n", threads,
                        ms[0], gflop / ms[0] * 1e3, ms[1], gflop / ms[1] * 1e3, ms[2], gflop / ms[2] * 1e3,
                        ms[0] + ms[1] + ms[2], threads == 1 ? ""
                                : String.format(" (%.2fx)", (one[0] + one[1] + one[2]) / (ms[0] + ms[1] + ms[2])));
            }
        }
    }

    private static double medianMillis(int threads, int warmups, int reps, Runnable step) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            for (int i = 0; i < warmups; i++) step.run();
            double[] times = new double[reps];
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                step.run();
                times[r] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(times);
            return reps % 2 == 1 ? times[reps / 2] : (times[reps / 2 - 1] + times[reps / 2]) / 2;
        } finally {
            Parallel.setThreads(saved);
        }
    }

    private static float[] random(Rng rng, int size) {
        float[] a = new float[size];
        rng.fillUniform(a, -1f, 1f);
        return a;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("training")) {
            printTrainingShapes(args.length > 1 ? Integer.parseInt(args[1]) : 20, args.length > 2 ? Integer.parseInt(args[2]) : 15);
            return;
        }
        int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int n = 64, c = 64, hw = 32, cout = 64, k = 3, pad = 1;
        double gflop = 3 * 2.0 * n * cout * hw * hw * c * k * k / 1e9;
        System.out.printf("conv N=%d Cin=%d Cout=%d %dx%d k=%d pad=%d: %.2f GFLOP per forward+backward%n",
                n, c, cout, hw, hw, k, pad, gflop);
        double one = 0;
        for (int threads = 1; threads <= 2; threads++) {
            double ms = forwardBackwardMillis(n, c, hw, hw, cout, k, pad, threads, warmups, reps);
            if (threads == 1) one = ms;
            System.out.printf("  %d thread(s): %.1f ms (%.1f GFLOP/s)%n", threads, ms, gflop / ms * 1e3);
        }
        double gemm = gemmOnlyMillis(n, c, hw, hw, cout, k, pad, warmups, reps);
        System.out.printf("  GEMM calls alone, 1 thread: %.1f ms; overhead outside GEMM: %.1f ms (%.1f%%)%n",
                gemm, one - gemm, 100 * (one - gemm) / one);
    }
}
