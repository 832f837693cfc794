package org.snn4j.bench;

import java.util.Arrays;
import org.snn4j.kernels.NeuronLoops;
import org.snn4j.kernels.NeuronSpec;
import org.snn4j.kernels.Parallel;
import org.snn4j.kernels.SurrogateKind;
import org.snn4j.kernels.SurrogateSpec;
import org.snn4j.tensor.Rng;

/**
 * Wall time of the fused neuron loops: one LIF forward (charge, fire, reset) plus one BPTT
 * reverse pass (input gradient) over {@code [T, M]} arrays. LIF α = 0.9, θ = 1, subtract reset,
 * triangle surrogate (γ = 0.3). Run: {@code java --add-modules jdk.incubator.vector -cp snn4j.jar
 * org.snn4j.bench.NeuronBenchmark}.
 */
public final class NeuronBenchmark {
    private NeuronBenchmark() {}

    /**
     * Median milliseconds of one forward + backward over {@code neurons} neurons and {@code steps} steps.
     *
     * @param threads threads for the run ({@link Parallel#setThreads}; restored afterwards)
     * @param warmups untimed repetitions first
     * @param reps    timed repetitions (≥ 1)
     */
    public static double lifForwardBackwardMillis(int neurons, int steps, int threads, int warmups, int reps) {
        if (reps < 1) throw new IllegalArgumentException("reps must be >= 1, was " + reps);
        int size = Math.multiplyExact(neurons, steps);
        NeuronSpec spec = new NeuronSpec(0.9f, 1f, false, true, true, false,
                new SurrogateSpec(SurrogateKind.TRIANGLE, 0.3f, 0f));
        float[] input = new float[size], spikes = new float[size];
        float[] gradSpikes = new float[size], gradInput = new float[size];
        Rng rng = new Rng(42);
        rng.fillUniform(input, -0.2f, 0.8f);
        rng.fillUniform(gradSpikes, -1f, 1f);
        int previous = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            double[] times = new double[reps];
            for (int r = -warmups; r < reps; r++) {
                long start = System.nanoTime();
                NeuronLoops.chargeFireResetForward(spec, input, spikes, steps, neurons);
                NeuronLoops.bpttReverse(spec, input, gradSpikes, gradInput, steps, neurons, null);
                long end = System.nanoTime();
                if (r >= 0) times[r] = (end - start) / 1e6;
            }
            Arrays.sort(times);
            return times[reps / 2];
        } finally {
            Parallel.setThreads(previous);
        }
    }

    /** Prints the median forward + backward time for 1M neurons at T = 8 on 1 and 2 threads. */
    public static void main(String[] args) {
        int neurons = 1 << 20, steps = 8;
        System.out.printf("neuron loops: %s, load average %.2f%n", NeuronLoops.vectorized() ? "vector" : "scalar",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (int threads : new int[] {1, 2}) {
            double ms = lifForwardBackwardMillis(neurons, steps, threads, 20, 31);
            System.out.printf("LIF forward+backward, %d neurons, T = %d, %d thread(s): %.2f ms%n",
                    neurons, steps, threads, ms);
        }
    }
}
