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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.snn4j.kernels.Conv2dKernels;
import org.snn4j.kernels.ConvGeometry;
import org.snn4j.kernels.EventKernels;
import org.snn4j.kernels.Gemm;
import org.snn4j.tensor.Rng;

/**
 * Where the event-driven kernels overtake the dense ones: both on the same random average-pooled spike
 * input (values 0.25 to 1, as after a 2×2 pool of spikes) at densities from 2 % to 30 %, for the
 * 3×3, pad 1 convolutions of W1 and of VGG-7 at quarter width ({@link Layer#layer} "Cin x side x Cout")
 * and for VGG-7's first fully connected layer ("linear": 1,568 → 1,024, 2,048 rows, 8 steps of a batch
 * of 256). JMH reports milliseconds per call; the ratio dense / event at the same layer, density and
 * thread count is what matters. The crossovers are in docs/BENCHMARKS.md (measured at one thread:
 * {@code -p threads=1}); the "auto" engine measures its own per layer at run time
 * ({@code org.snn4j.engine.Executor}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class EventBenchmark {
    /** Rows, inputs, outputs of the "linear" layer: VGG-7's fc1 over 8 steps of 256 samples. */
    private static final int[] LINEAR = {2048, 1568, 1024};

    /** One layer at one input density, its weights and the kernel that runs it. */
    @State(Scope.Benchmark)
    public static class Layer {
        /** "Cin x side x Cout" of a 3×3, pad 1 convolution (W1's conv2, VGG-7/4's conv2, conv4, conv5), or "linear". */
        @Param({"32x14x64", "16x28x16", "32x14x32", "32x7x32", "linear"})
        public String layer;

        /** Probability of a non-zero input. */
        @Param({"0.02", "0.05", "0.10", "0.15", "0.20", "0.30"})
        public double density;

        /** "dense" (im2col + GEMM, or GEMM) or "event" (one weight row per non-zero input). */
        @Param({"dense", "event"})
        public String kernel;

        /** Images of a convolution's batch. */
        @Param("256")
        public int images;

        /** The convolution, or null for "linear". */
        ConvGeometry g;
        float[] x, w, wt, y;
        boolean event;

        /** Draws the input and the weights once per trial (fixed seeds). */
        @Setup(Level.Trial)
        public void allocate() {
            if (!kernel.equals("dense") && !kernel.equals("event")) {
                throw new IllegalArgumentException("kernel must be dense or event, was " + kernel);
            }
            event = kernel.equals("event");
            if (layer.equals("linear")) {
                x = spikes(LINEAR[0] * LINEAR[1], density);
                w = weights(LINEAR[2] * LINEAR[1]);
                wt = EventKernels.transposed(LINEAR[2], LINEAR[1], w);
                y = new float[LINEAR[0] * LINEAR[2]];
                return;
            }
            String[] s = layer.split("x");
            if (s.length != 3) throw new IllegalArgumentException("layer must be CinxSidexCout or linear, was " + layer);
            int side = Integer.parseInt(s[1]);
            g = ConvGeometry.square(images, Integer.parseInt(s[0]), side, side, Integer.parseInt(s[2]), 3, 1, 1);
            x = spikes(g.inputSize(), density);
            w = weights(g.weightSize());
            wt = EventKernels.transposed(g.outC(), g.patch(), w);
            y = new float[g.outputSize()];
        }
    }

    /** The layer's forward pass with its kernel on the trial's threads; the output and the event count go to {@code sink}. */
    @Benchmark
    public void forward(ComputeThreads threads, Layer l, Blackhole sink) {
        long events = threads.call(() -> {
            if (l.g != null) {
                if (l.event) return EventKernels.convForward(l.g, l.x, l.wt, null, l.y);
                Conv2dKernels.forward(l.g, l.x, l.w, null, l.y);
                return 0L;
            }
            int rows = LINEAR[0], in = LINEAR[1], out = LINEAR[2];
            if (l.event) return EventKernels.linearForward(rows, in, out, l.x, l.wt, null, l.y);
            Gemm.sgemm(false, true, rows, out, in, 1f, l.x, 0, in, l.w, 0, in, 0f, l.y, 0, out);
            return 0L;
        });
        sink.consume(events);
        sink.consume(l.y);
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
}
