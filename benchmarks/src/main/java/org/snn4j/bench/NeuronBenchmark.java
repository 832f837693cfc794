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
import org.snn4j.kernels.NeuronLoops;
import org.snn4j.kernels.NeuronSpec;
import org.snn4j.kernels.SurrogateKind;
import org.snn4j.kernels.SurrogateSpec;
import org.snn4j.tensor.Rng;

/**
 * The fused neuron loops: one LIF forward (charge, fire, reset) plus one BPTT reverse pass (input
 * gradient) over {@code [T, M]} arrays. LIF α = 0.9, θ = 1, subtract reset, triangle surrogate (γ = 0.3);
 * by default 1M neurons at T = 8. JMH reports milliseconds per forward + backward.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class NeuronBenchmark {
    /** The layer: input currents uniform in [-0.2, 0.8), spike gradients in [-1, 1), from a fixed seed. */
    @State(Scope.Benchmark)
    public static class Layer {
        /** Neurons M. */
        @Param("1048576")
        public int neurons;

        /** Time steps T. */
        @Param("8")
        public int steps;

        final NeuronSpec spec = new NeuronSpec(0.9f, 1f, false, true, true, false,
                new SurrogateSpec(SurrogateKind.TRIANGLE, 0.3f, 0f));
        float[] input, spikes, gradSpikes, gradInput;

        /** Allocates and fills the arrays once per trial. */
        @Setup(Level.Trial)
        public void allocate() {
            int size = Math.multiplyExact(neurons, steps);
            input = new float[size];
            spikes = new float[size];
            gradSpikes = new float[size];
            gradInput = new float[size];
            Rng rng = new Rng(42);
            rng.fillUniform(input, -0.2f, 0.8f);
            rng.fillUniform(gradSpikes, -1f, 1f);
        }
    }

    /** LIF forward then BPTT backward on the trial's threads; the spike count and the input gradient go to {@code sink}. */
    @Benchmark
    public void lifForwardBackward(ComputeThreads threads, Layer l, Blackhole sink) {
        long spikeCount = threads.call(() -> {
            long count = NeuronLoops.chargeFireResetForward(l.spec, l.input, l.spikes, l.steps, l.neurons);
            NeuronLoops.bpttReverse(l.spec, l.input, l.gradSpikes, l.gradInput, l.steps, l.neurons, null);
            return count;
        });
        sink.consume(spikeCount);
        sink.consume(l.gradInput);
    }
}
