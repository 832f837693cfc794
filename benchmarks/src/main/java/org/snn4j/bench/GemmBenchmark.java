package org.snn4j.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.snn4j.kernels.Gemm;

/**
 * {@link Gemm#multiply} (no transposition, beta 0) on a square shape and the three GEMMs of a 3×3
 * convolution with 64 channels on a 4×56×56 batch as im2col sees them: forward 64×25088×576, weight
 * gradient 64×576×25088 and input gradient 576×25088×64 (M×N×K). JMH reports milliseconds per call;
 * GFLOP/s is {@link #flops}(shape) / seconds / 1e9.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark {
    /** The measured shapes, "MxNxK", in the order the CLI reports them. */
    public static final List<String> SHAPES = List.of("512x512x512", "64x25088x576", "576x25088x64", "64x576x25088");

    /** The operands of one shape: A and B uniform in [-1, 1) from a fixed seed, C written. */
    @State(Scope.Benchmark)
    public static class Operands {
        /** M×N×K. */
        @Param({"512x512x512", "64x25088x576", "576x25088x64", "64x576x25088"})
        public String shape;

        int m, n, k;
        float[] a, b, c;

        /** Allocates and fills the operands once per trial. */
        @Setup(Level.Trial)
        public void allocate() {
            int[] s = dimensions(shape);
            m = s[0];
            n = s[1];
            k = s[2];
            SplittableRandom random = new SplittableRandom(42);
            a = new float[m * k];
            b = new float[k * n];
            c = new float[m * n];
            for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(-1, 1);
            for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble(-1, 1);
        }
    }

    /** C = A·B on the trial's threads; returns C. */
    @Benchmark
    public float[] multiply(ComputeThreads threads, Operands o) {
        threads.run(() -> Gemm.multiply(o.m, o.n, o.k, o.a, o.b, o.c));
        return o.c;
    }

    /** Floating-point operations of one call on {@code shape} ("MxNxK"): 2·M·N·K. */
    public static double flops(String shape) {
        int[] s = dimensions(shape);
        return 2.0 * s[0] * s[1] * s[2];
    }

    private static int[] dimensions(String shape) {
        String[] parts = shape.split("x");
        if (parts.length != 3) throw new IllegalArgumentException("shape must be MxNxK, was " + shape);
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }
}
