package org.snn4j.bench;

import java.util.List;

/**
 * The event benchmarks timed by the thread's CPU time instead of JMH's wall time, which a machine shared
 * with other jobs disturbs less (docs/BENCHMARKS.md, issue 20). Test code, because only the CLI writes to
 * the console in main code: {@code ./snn4j --mvn -q -o test-compile -pl benchmarks -am}, then
 * {@code java $(./snn4j --jvm-options) -cp "$(./snn4j --jar):benchmarks/target/test-classes"
 * org.snn4j.bench.EventCpuTimes binning|input [RUNS]}.
 */
public final class EventCpuTimes {
    private EventCpuTimes() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("input")) input(args);
        else binning(args);
    }

    /**
     * Events per second of {@link EventBinningBenchmark#bin} and {@link EventBinningBenchmark#decodeAndBin} for each sensor and split, timed by the
     * thread's CPU time (least of {@code args[0]} runs, default 200), which a shared machine disturbs less
     * than JMH's wall time: {@code EventCpuTimes binning [RUNS]}.
     */
    static void binning(String[] args) {
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        EventBinningBenchmark bench = new EventBinningBenchmark();
        for (String sensor : new String[] {"nmnist", "dvs"}) {
            for (String split : new String[] {"number", "time"}) {
                EventBinningBenchmark.Recording r = new EventBinningBenchmark.Recording();
                r.sensor = sensor;
                r.split = split;
                r.frames = 16;
                r.setup();
                long bin = Long.MAX_VALUE, decodeAndBin = Long.MAX_VALUE;
                for (int i = 0; i < runs; i++) {
                    long start = cpu.getCurrentThreadCpuTime();
                    bench.bin(r);
                    long middle = cpu.getCurrentThreadCpuTime();
                    bench.decodeAndBin(r);
                    long end = cpu.getCurrentThreadCpuTime();
                    bin = Math.min(bin, middle - start);
                    decodeAndBin = Math.min(decodeAndBin, end - middle);
                }
                int n = r.events.size();
                System.out.printf("%s %s, %d events: bin %.1f M events/s, decode and bin %.1f M events/s%n", sensor, split, n,
                        n / (bin / 1e3), n / (decodeAndBin / 1e3));
            }
        }
    }

    /**
     * {@link EventInputBenchmark}'s three ways at densities 1 % to 30 % on one thread, timed by the thread's CPU time (least of
     * {@code args[0]} runs, default 15), which a machine shared with other jobs disturbs less than JMH's
     * wall time: {@code EventCpuTimes input [RUNS]}.
     */
    static void input(String[] args) {
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        ComputeThreads one = new ComputeThreads();
        one.threads = 1;
        one.open();
        EventInputBenchmark bench = new EventInputBenchmark();
        for (double density : new double[] {0.01, 0.02, 0.05, 0.10, 0.30}) {
            EventInputBenchmark.Batch b = new EventInputBenchmark.Batch();
            b.density = density;
            b.frames = 16;
            b.samples = 32;
            b.setup();
            StringBuilder line = new StringBuilder(String.format("density %.2f:", density));
            List<java.util.function.Supplier<float[]>> ways = List.of(() -> bench.binThenDense(one, b), () -> bench.binThenEvents(one, b),
                    () -> bench.eventInput(one, b));
            String[] names = {"binThenDense", "binThenEvents", "eventInput"};
            for (int m = 0; m < 3; m++) {
                long best = Long.MAX_VALUE;
                for (int r = 0; r < runs; r++) {
                    long start = cpu.getCurrentThreadCpuTime();
                    ways.get(m).get();
                    best = Math.min(best, cpu.getCurrentThreadCpuTime() - start);
                }
                line.append(String.format("  %s %.2f ms", names[m], best / 1e6));
            }
            System.out.println(line);
        }
        one.close();
    }
}
