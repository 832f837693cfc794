package org.snn4j.bench;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.snn4j.kernels.ComputePool;
import org.snn4j.kernels.Conv2dKernels;
import org.snn4j.kernels.ConvGeometry;
import org.snn4j.kernels.Gemm;
import org.snn4j.tensor.Rng;

/**
 * Convolution training steps, JMH milliseconds per call:
 * <ul>
 *   <li>{@link #forwardBackward}: forward + backward-data + backward-weights of N = 64, Cin = Cout = 64,
 *       32×32, 3×3, pad 1 ({@link #STEP}), 14.5 GFLOP per call;</li>
 *   <li>{@link #gemmCalls}: just the GEMM calls that step makes at one thread (same shapes, same chunking;
 *       backward-data at stride 1 is the forward GEMM of the transposed convolution), so that
 *       {@code forwardBackward} at {@code threads=1} minus it is the convolution's own overhead (im2col,
 *       col2im, staging, bias, buffers); noisy on a shared machine, as it subtracts two large numbers;</li>
 *   <li>{@link #pass}: each pass of the two convolutions of the "W1" training benchmark on its own
 *       ({@link #W1_CONV1}, {@link #W1_CONV2}; backward-weights with a bias gradient).</li>
 * </ul>
 * Inputs are uniform in [-1, 1) from a fixed seed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ConvBenchmark {
    /** The training step {@link #forwardBackward} measures: N = 64, Cin = Cout = 64, 32×32, 3×3, stride 1, pad 1. */
    public static final ConvGeometry STEP = ConvGeometry.square(64, 64, 32, 32, 64, 3, 1, 1);
    /** The first convolution of the "W1" training benchmark. */
    public static final ConvGeometry W1_CONV1 = ConvGeometry.square(64, 1, 28, 28, 32, 3, 1, 1);
    /** The second convolution of "W1", T = 8 folded into the batch. */
    public static final ConvGeometry W1_CONV2 = ConvGeometry.square(512, 32, 14, 14, 64, 3, 1, 1);

    /** The tensors of one convolution: input, weights, bias and output gradient random, the rest written. */
    public static class Tensors {
        ConvGeometry g;
        float[] x, weight, bias, y, dy, dx, dw, db;

        void allocate(ConvGeometry geometry) {
            g = geometry;
            Rng rng = new Rng(1);
            x = random(rng, g.inputSize());
            weight = random(rng, g.weightSize());
            bias = random(rng, g.outC());
            dy = random(rng, g.outputSize());
            y = new float[g.outputSize()];
            dx = new float[g.inputSize()];
            dw = new float[g.weightSize()];
            db = new float[g.outC()];
        }
    }

    /** The tensors of {@link #STEP}. */
    @State(Scope.Benchmark)
    public static class Step extends Tensors {
        /** Allocates once per trial. */
        @Setup(Level.Trial)
        public void allocate() {
            allocate(STEP);
        }
    }

    /** One W1 convolution and one of its passes. */
    @State(Scope.Benchmark)
    public static class Pass extends Tensors {
        /** Which convolution: "conv1" ({@link #W1_CONV1}) or "conv2" ({@link #W1_CONV2}). */
        @Param({"conv1", "conv2"})
        public String layer;

        /** Which pass: "forward", "backwardData" or "backwardWeights". */
        @Param({"forward", "backwardData", "backwardWeights"})
        public String pass;

        /** Allocates once per trial. */
        @Setup(Level.Trial)
        public void allocate() {
            allocate(switch (layer) {
                case "conv1" -> W1_CONV1;
                case "conv2" -> W1_CONV2;
                default -> throw new IllegalArgumentException("layer must be conv1 or conv2, was " + layer);
            });
            if (!pass.equals("forward") && !pass.equals("backwardData") && !pass.equals("backwardWeights")) {
                throw new IllegalArgumentException("pass must be forward, backwardData or backwardWeights, was " + pass);
            }
        }
    }

    /**
     * The GEMM operands of {@link #STEP}'s calls at one thread, on a pool of one thread: chunks of images
     * as {@link Conv2dKernels#imagesPerChunk} cuts them, and the transposed convolution for backward-data.
     */
    @State(Scope.Benchmark)
    public static class GemmOperands {
        ConvGeometry g, t;
        int chunk, plane, patch, chunkT, planeT, patchT;
        float[] weight, col, out, dw, colT, dx;
        ComputePool one;

        /** Allocates once per trial and opens the one-thread pool. */
        @Setup(Level.Trial)
        public void allocate() {
            g = STEP;
            if (g.padH() > g.kh() - 1) throw new IllegalArgumentException("pad > k - 1: backward-data would use col2im");
            t = ConvGeometry.square(g.n(), g.outC(), g.outH(), g.outW(), g.c(), g.kh(), 1, g.kh() - 1 - g.padH());
            chunk = Conv2dKernels.imagesPerChunk(g, 1);
            plane = g.outPlane();
            patch = g.patch();
            chunkT = Conv2dKernels.imagesPerChunk(t, 1);
            planeT = t.outPlane();
            patchT = t.patch();
            Rng rng = new Rng(1);
            weight = random(rng, g.weightSize());
            col = random(rng, patch * chunk * plane);
            out = random(rng, g.outC() * chunk * plane);
            dw = new float[g.weightSize()];
            colT = random(rng, patchT * chunkT * planeT);
            dx = new float[g.c() * chunkT * planeT];
            one = ComputePool.of(1);
        }

        /** Closes the pool. */
        @TearDown(Level.Trial)
        public void close() {
            one.close();
        }
    }

    /** Forward, backward-data and backward-weights of {@link #STEP} on the trial's threads; returns dW. */
    @Benchmark
    public float[] forwardBackward(ComputeThreads threads, Step s) {
        threads.run(() -> {
            Conv2dKernels.forward(s.g, s.x, s.weight, s.bias, s.y);
            Conv2dKernels.backwardData(s.g, s.y, s.weight, s.dx);
            Conv2dKernels.backwardWeights(s.g, s.x, s.y, s.dw, s.db);
        });
        return s.dw;
    }

    /** The GEMM calls of {@link #forwardBackward} alone, at one thread; returns the input-gradient block. */
    @Benchmark
    public float[] gemmCalls(GemmOperands o) {
        o.one.run(() -> {
            int cout = o.g.outC(), c = o.g.c();
            for (int i0 = 0; i0 < o.g.n(); i0 += o.chunk) {
                int width = Math.min(o.chunk, o.g.n() - i0) * o.plane;
                Gemm.sgemm(false, false, cout, width, o.patch, 1f, o.weight, 0, o.patch, o.col, 0, width, 0f, o.out, 0, width);
                Gemm.sgemm(false, true, cout, o.patch, width, 1f, o.out, 0, width, o.col, 0, width, 1f, o.dw, 0, o.patch);
            }
            for (int i0 = 0; i0 < o.g.n(); i0 += o.chunkT) {
                int width = Math.min(o.chunkT, o.g.n() - i0) * o.planeT;
                Gemm.sgemm(false, false, c, width, o.patchT, 1f, o.weight, 0, o.patchT, o.colT, 0, width, 0f, o.dx, 0, width);
            }
        });
        return o.dx;
    }

    /** One pass of a W1 convolution on the trial's threads; returns what it wrote. */
    @Benchmark
    public float[] pass(ComputeThreads threads, Pass p) {
        return threads.call(() -> switch (p.pass) {
            case "forward" -> {
                Conv2dKernels.forward(p.g, p.x, p.weight, p.bias, p.y);
                yield p.y;
            }
            case "backwardData" -> {
                Conv2dKernels.backwardData(p.g, p.dy, p.weight, p.dx);
                yield p.dx;
            }
            default -> {
                Conv2dKernels.backwardWeights(p.g, p.x, p.dy, p.dw, p.db);
                yield p.dw;
            }
        });
    }

    private static float[] random(Rng rng, int size) {
        float[] a = new float[size];
        rng.fillUniform(a, -1f, 1f);
        return a;
    }
}
