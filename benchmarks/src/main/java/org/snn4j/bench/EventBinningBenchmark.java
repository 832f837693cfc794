package org.snn4j.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
import org.snn4j.tensor.Rng;

/**
 * Events into frames on one thread: binning a decoded recording ({@code bin}) and decoding an N-MNIST
 * {@code .bin} byte layout then binning ({@code decodeAndBin}). The recording is random, written in the
 * benchmark: "nmnist" is 34×34 with 4,096 events (an N-MNIST sample's size), "dvs" 128×128 with 500,000
 * events (a DVS128 Gesture recording's order). Each call writes its frames into one reused array, zeroed
 * first (part of the cost, as a fresh array would be). JMH reports microseconds per call; events per second
 * is the recording's events divided by that (docs/BENCHMARKS.md). The decoder here reads the documented
 * 5-byte layout (x, y, polarity bit and 23-bit time) without overflow records; the data module's reader
 * does the same work plus its checks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class EventBinningBenchmark {
    /** A recording, its bytes in the N-MNIST layout, a binning and the frames it writes. */
    @State(Scope.Benchmark)
    public static class Recording {
        /** "nmnist" (34×34, 4,096 events) or "dvs" (128×128, 500,000 events). */
        @Param({"nmnist", "dvs"})
        public String sensor;

        /** {@link FrameBinning#parse}'s split: number, time, window:US or count:N. */
        @Param({"number", "time"})
        public String split;

        /** Frames (the network's T). */
        @Param({"16"})
        public int frames;

        int side;
        byte[] file;
        Events events;
        FrameBinning binning;
        float[] out;

        @Setup
        public void setup() {
            boolean small = sensor.equals("nmnist");
            side = small ? 34 : 128;
            int n = small ? 4_096 : 500_000;
            Rng rng = new Rng(7);
            file = new byte[5 * n];
            long t = 0;
            for (int i = 0; i < n; i++) {
                t += rng.nextInt(small ? 146 : 16);  // ~300 ms (N-MNIST) or ~3.7 s, under the 23-bit limit of 8.4 s
                int x = rng.nextInt(side), y = rng.nextInt(side), p = rng.nextInt(2);
                file[5 * i] = (byte) x;
                file[5 * i + 1] = (byte) y;
                file[5 * i + 2] = (byte) ((p << 7) | (int) (t >>> 16));
                file[5 * i + 3] = (byte) (t >>> 8);
                file[5 * i + 4] = (byte) t;
            }
            events = decode(file, side);
            binning = FrameBinning.parse(split, frames, true);
            out = new float[frames * 2 * side * side];
        }
    }

    /** The events of an N-MNIST-layout buffer (no overflow records). */
    static Events decode(byte[] file, int side) {
        int n = file.length / 5;
        EventsBuilder b = new EventsBuilder(side, side, n);
        for (int i = 0, o = 0; i < n; i++, o += 5) {
            int b2 = file[o + 2] & 0xFF;
            long t = ((long) (b2 & 0x7F) << 16) | ((file[o + 3] & 0xFF) << 8) | (file[o + 4] & 0xFF);
            b.add(t, file[o] & 0xFF, file[o + 1] & 0xFF, b2 >>> 7);
        }
        return b.build();
    }

    /** Binning a decoded recording into the frames. */
    @Benchmark
    public float[] bin(Recording r) {
        Arrays.fill(r.out, 0);
        r.binning.binInto(r.events, r.out, 0);
        return r.out;
    }

    /** Decoding the bytes, then binning. */
    @Benchmark
    public float[] decodeAndBin(Recording r) {
        Events e = decode(r.file, r.side);
        Arrays.fill(r.out, 0);
        r.binning.binInto(e, r.out, 0);
        return r.out;
    }
}
