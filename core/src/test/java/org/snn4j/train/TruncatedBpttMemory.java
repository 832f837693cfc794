package org.snn4j.train;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.snn4j.loss.Loss;
import org.snn4j.loss.PerStepLoss;
import org.snn4j.loss.SoftmaxCrossEntropy;
import org.snn4j.neuron.FastSigmoid;
import org.snn4j.neuron.LeakyIntegrator;
import org.snn4j.neuron.Recurrence;
import org.snn4j.neuron.RecurrentNeuronLayer;
import org.snn4j.neuron.StepNeuron;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Linear;
import org.snn4j.nn.Parameter;
import org.snn4j.nn.Sequential;
import org.snn4j.optim.Adam;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * The memory benchmark of truncated BPTT (docs/BENCHMARKS.md): trains an SHD-sized recurrent network (700 inputs →
 * 256 recurrent ALIF → 20 classes, leaky readout, a loss per step) on one batch of 16 random spike sequences of
 * T steps in windows of K (then S more such batches, each from rest: the same number of optimizer steps for a short
 * T), the input generated window by window, and prints the peak live heap (after a full GC at the end of each
 * window's forward, when its backward's arrays are all held, and after each update) and the process's peak RSS.
 * Usage: {@code TruncatedBpttMemory T K [S]}.
 */
public final class TruncatedBpttMemory {
    private TruncatedBpttMemory() {}

    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(args[0]), window = Integer.parseInt(args[1]);
        int sequences = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int samples = 16, in = 700, hidden = 256, classes = 20;
        Rng init = new Rng(1);
        Sequential net = new Sequential("shd",
                new Linear("fc1", in, hidden, false, init),
                new RecurrentNeuronLayer("rec", hidden, StepNeuron.alif(0.95f, 0.98f, 0.2f, 1f), new FastSigmoid(), false,
                        Recurrence.DENSE, 1 / Math.sqrt(hidden), init),
                new Linear("fc2", hidden, classes, false, init),
                new LeakyIntegrator("li", 0.9f, 1f));
        Adam adam = new Adam(net.parameters(), 0);
        int[] labels = new int[samples];
        for (int n = 0; n < samples; n++) labels[n] = n % classes;
        Loss loss = new PerStepLoss(new SoftmaxCrossEntropy());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long[] peak = {0};
        long start = System.nanoTime();
        double total = 0;
        for (int q = 0; q < sequences; q++) {
            total += new TruncatedBptt(net, window).run((from, to) -> spikes(from, to, samples, in), steps, samples,
                    (out, from, to) -> {
                        peak[0] = Math.max(peak[0], liveHeap(memory));
                        return loss.evaluate(out, labels, new Rng(0));
                    }, () -> ForwardContext.training(new Rng(2)), () -> {
                        adam.step(1e-3);
                        for (Parameter p : net.parameters()) p.zeroGrad();
                        peak[0] = Math.max(peak[0], liveHeap(memory));
                    });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("T %d K %d: loss %.4f, peak live heap %.1f MB, peak RSS %s, %.1f s%n", steps, window,
                total / sequences / Math.ceil((double) steps / window), peak[0] / 1e6, rss(), seconds);
    }

    /** Steps [from, to) of the input: each unit spikes with probability 0.02, seeded by its step. */
    private static Tensor spikes(int from, int to, int samples, int in) {
        Tensor x = Tensor.zeros(to - from, samples, in);
        for (int t = from; t < to; t++) {
            Rng rng = new Rng(1000 + t);
            int off = (t - from) * samples * in;
            for (int i = 0; i < samples * in; i++) x.data()[off + i] = rng.nextFloat() < 0.02f ? 1f : 0f;
        }
        return x;
    }

    private static long liveHeap(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String rss() throws java.io.IOException {
        return Arrays.stream(Files.readString(Path.of("/proc/self/status")).split("\n"))
                .filter(l -> l.startsWith("VmHWM")).map(l -> l.substring(6).trim()).findFirst().orElse("?");
    }
}
