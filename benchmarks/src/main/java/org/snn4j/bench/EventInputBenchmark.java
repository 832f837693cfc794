package org.snn4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.snn4j.events.Events;
import org.snn4j.events.EventsBuilder;
import org.snn4j.events.FrameBinning;
import org.snn4j.events.SparseFrames;
import org.snn4j.kernels.Conv2dKernels;
import org.snn4j.kernels.ConvGeometry;
import org.snn4j.kernels.EventKernels;
import org.snn4j.kernels.EventListKernels;
import org.snn4j.tensor.Rng;

/**
 * A batch of recordings into the first convolution of the {@code nmnist} preset (2 → 16 channels, 3×3,
 * pad 1, on 34×34 frames), three ways: {@code binThenDense} bins every recording into dense frames, lays
 * them out as the {@code [T, N, C, H, W]} sequence (what the frames data set and encoder do) and runs the
 * dense convolution (im2col + GEMM); {@code binThenEvents} runs the event kernel on those dense frames
 * (what {@code --engine event} does with frames); {@code eventInput} builds the batch's event lists
 * ({@link SparseFrames}) and runs the convolution from them ({@link EventListKernels}: no dense frame, what
 * {@code Executor.inferEvents} does). {@code density} is the fraction of the 2×34×34 inputs of a frame
 * that receive an event (uniformly random recordings: events = density × T × C × H × W, a few landing on the
 * same pixel). JMH reports milliseconds per batch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class EventInputBenchmark {
    private static final int SIDE = 34;
    private static final int CHANNELS = 2;
    private static final int OUT = 16;

    /** A batch of random recordings and the convolution's weights. */
    @State(Scope.Benchmark)
    public static class Batch {
        /** Fraction of a frame's inputs that receive an event. */
        @Param({"0.01", "0.02", "0.05", "0.10"})
        public double density;

        /** Frames (T). */
        @Param("16")
        public int frames;

        /** Recordings per batch (N). */
        @Param("32")
        public int samples;

        List<Events> recordings;
        FrameBinning binning;
        ConvGeometry g;
        float[] w, wt, perSample, sequence, y;

        @Setup(Level.Trial)
        public void setup() {
            Rng rng = new Rng(3);
            int events = (int) Math.round(density * frames * CHANNELS * SIDE * SIDE);
            recordings = new ArrayList<>();
            for (int s = 0; s < samples; s++) {
                EventsBuilder b = new EventsBuilder(SIDE, SIDE, events);
                for (int i = 0; i < events; i++) b.add(i * 10L, rng.nextInt(SIDE), rng.nextInt(SIDE), rng.nextInt(2));
                recordings.add(b.build());
            }
            binning = FrameBinning.parse("number", frames, true);
            g = ConvGeometry.square(frames * samples, CHANNELS, SIDE, SIDE, OUT, 3, 1, 1);
            w = new float[g.weightSize()];
            new Rng(2).fillGaussian(w, 0.1);
            wt = EventKernels.transposed(OUT, g.patch(), w);
            perSample = new float[g.inputSize()];
            sequence = new float[g.inputSize()];
            y = new float[g.outputSize()];
        }

        /** The recordings binned and laid out as {@code [T, N, C, H, W]}. */
        float[] denseFrames() {
            int sample = frames * CHANNELS * SIDE * SIDE, frame = CHANNELS * SIDE * SIDE;
            Arrays.fill(perSample, 0);
            for (int s = 0; s < samples; s++) binning.binInto(recordings.get(s), perSample, s * sample);
            for (int s = 0; s < samples; s++) {
                for (int t = 0; t < frames; t++) System.arraycopy(perSample, s * sample + t * frame, sequence, (t * samples + s) * frame, frame);
            }
            return sequence;
        }
    }

    /** Binning into dense frames, then the dense convolution. */
    @Benchmark
    public float[] binThenDense(ComputeThreads threads, Batch b) {
        return threads.call(() -> {
            Conv2dKernels.forward(b.g, b.denseFrames(), b.w, null, b.y);
            return b.y;
        });
    }

    /** Binning into dense frames, then the event kernel on them. */
    @Benchmark
    public float[] binThenEvents(ComputeThreads threads, Batch b) {
        return threads.call(() -> {
            EventKernels.convForward(b.g, b.denseFrames(), b.wt, null, b.y);
            return b.y;
        });
    }

    /** The batch's event lists, then the convolution from them. */
    @Benchmark
    public float[] eventInput(ComputeThreads threads, Batch b) {
        return threads.call(() -> {
            SparseFrames f = SparseFrames.of(b.binning, b.recordings);
            EventListKernels.convForward(b.g, f.start(), f.index(), f.value(), b.wt, null, b.y);
            return b.y;
        });
    }
}
