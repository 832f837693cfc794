package org.snn4j.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.snn4j.datasets.AedatReader;
import org.snn4j.datasets.NmnistReader;
import org.snn4j.events.Events;

/**
 * Decoding speed of the event readers on one thread, in events per second: one in-memory file of
 * {@value #EVENTS} events decoded into an {@link Events} recording per call. N-MNIST: 34 × 34, gaps of
 * 0-120 µs (about N-MNIST's rate), so an overflow record every ~137 events; AEDAT 3.1: 128 × 128 polarity
 * events in packets of 2048 (about DVS Gesture's), gaps 0-20 µs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class EventDecodeBenchmark {
    /** Events per file (and per call). */
    public static final int EVENTS = 1_000_000;

    /** The two files, written once per trial from a fixed seed. */
    @State(Scope.Benchmark)
    public static class Files {
        byte[] nmnist;
        byte[] aedat31;

        /** Writes both files. */
        @Setup(Level.Trial)
        public void write() {
            nmnist = nmnist(new SplittableRandom(1));
            aedat31 = aedat31(new SplittableRandom(2));
        }
    }

    /** Decodes the N-MNIST file. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public Events nmnist(Files f) {
        return NmnistReader.read(f.nmnist, "bench.bin", 34, 34);
    }

    /** Decodes the AEDAT 3.1 file. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public Events aedat31(Files f) {
        return AedatReader.read(f.aedat31, "bench.aedat");
    }

    static byte[] nmnist(SplittableRandom r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(5 * EVENTS + 5 * EVENTS / 100);
        long t = 0;
        long base = 0;
        for (int i = 0; i < EVENTS; i++) {
            t += r.nextInt(121);
            while (base + 8192 <= t) {
                out.write(new byte[] {0, (byte) 240, 0, 0, 0}, 0, 5);
                base += 8192;
            }
            long low = t - base;
            out.write(new byte[] {(byte) r.nextInt(34), (byte) r.nextInt(34), (byte) (r.nextInt(2) << 7 | (int) (low >> 16)),
                (byte) (low >> 8), (byte) low}, 0, 5);
        }
        return out.toByteArray();
    }

    static byte[] aedat31(SplittableRandom r) {
        byte[] header = "#!AER-DAT3.1\r\n#Source 1: DVS128\r\n#!END-HEADER\r\n".getBytes(StandardCharsets.US_ASCII);
        int perPacket = 2048;
        int packets = (EVENTS + perPacket - 1) / perPacket;
        ByteBuffer b = ByteBuffer.allocate(header.length + packets * 28 + EVENTS * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header);
        int t = 0;
        for (int done = 0; done < EVENTS; done += perPacket) {
            int n = Math.min(perPacket, EVENTS - done);
            b.putShort((short) 1).putShort((short) 1).putInt(8).putInt(4).putInt(0).putInt(n).putInt(n).putInt(n);
            for (int i = 0; i < n; i++) {
                t += r.nextInt(21);
                b.putInt(r.nextInt(128) << 17 | r.nextInt(128) << 2 | r.nextInt(2) << 1 | 1).putInt(t);
            }
        }
        return b.array();
    }
}
