package org.snn4j.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.snn4j.kernels.Gemm;
import org.snn4j.kernels.Parallel;

/**
 * GFLOP/s of {@link Gemm#sgemm} (no transposition, beta 0) on a square shape and the three GEMMs of a
 * 3×3 convolution with 64 channels on a 4×56×56 batch as im2col sees them: forward 64×25088×576,
 * weight gradient 64×576×25088 and input gradient 576×25088×64 (M×N×K). Run with
 * {@code java --add-modules jdk.incubator.vector -cp target/classes org.snn4j.bench.GemmBenchmark}.
 */
public final class GemmBenchmark {
    private static final int[][] SHAPES = {{512, 512, 512}, {64, 25088, 576}, {576, 25088, 64}, {64, 576, 25088}};

    private GemmBenchmark() {}

    /**
     * Median GFLOP/s, 2·m·n·k / seconds, of {@code reps} timed calls after {@code warmups} untimed ones,
     * on {@code threads} threads. Parallel's thread count is restored afterwards.
     */
    public static double gflops(int m, int n, int k, int threads, int warmups, int reps) {
        if (reps < 1) throw new IllegalArgumentException("reps must be >= 1, was " + reps);
        SplittableRandom random = new SplittableRandom(42);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble(-1, 1);
        int previous = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            for (int i = 0; i < warmups; i++) Gemm.multiply(m, n, k, a, b, c);
            double[] seconds = new double[reps];
            for (int i = 0; i < reps; i++) {
                long start = System.nanoTime();
                Gemm.multiply(m, n, k, a, b, c);
                seconds[i] = (System.nanoTime() - start) * 1e-9;
            }
            Arrays.sort(seconds);
            double median = reps % 2 == 1 ? seconds[reps / 2] : 0.5 * (seconds[reps / 2 - 1] + seconds[reps / 2]);
            return 2.0 * m * n * k / median * 1e-9;
        } finally {
            Parallel.setThreads(previous);
        }
    }

    /** Prints one line per shape: M×N×K, GFLOP/s on 1 thread and on 2 threads. */
    public static void main(String[] args) {
        System.out.println("gemm implementation: " + Gemm.implementationName());
        gflops(256, 256, 256, 1, 200, 1); // let the JIT compile the kernel and driver before timing anything
        for (int[] s : SHAPES) {
            int warmups = Math.max(3, (int) (4e10 / (2.0 * s[0] * s[1] * s[2])));
            double one = gflops(s[0], s[1], s[2], 1, warmups, 15);
            double two = gflops(s[0], s[1], s[2], 2, warmups, 15);
            System.out.printf("%5d x %5d x %5d   1 thread %6.1f GFLOP/s   2 threads %6.1f GFLOP/s (%.2fx)%n",
                    s[0], s[1], s[2], one, two, two / one);
        }
    }
}
