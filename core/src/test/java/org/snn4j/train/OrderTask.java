package org.snn4j.train;

import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * A synthetic spike-pattern task that only a network with memory solves: two bursts of random spikes, one on
 * channel group A and one on group B, separated by a silent gap longer than a neuron's membrane remembers;
 * class 0 is A then B, class 1 is B then A. Both classes have the same bursts (same rate, length, channels),
 * only their order differs, and every sequence ends with enough silence for a leaky readout to settle, so a
 * readout summed over time sees the same evidence for both orders unless the network carries the first
 * burst across the gap.
 */
final class OrderTask {
    static final int GROUP = 8;
    static final int CHANNELS = 2 * GROUP;
    static final int BURST = 4;

    final Tensor input;
    final int[] labels;
    final int steps;

    private OrderTask(Tensor input, int[] labels, int steps) {
        this.input = input;
        this.labels = labels;
        this.steps = steps;
    }

    /** {@code samples} sequences of {@code steps} steps (≥ 40), half of each class, burst spikes with probability 0.5. */
    static OrderTask generate(int samples, int steps, long seed) {
        return generate(samples, steps, 10, seed);
    }

    /**
     * {@code samples} sequences of {@code steps} steps (≥ gap + 30), half of each class, the second burst starting
     * {@code gap} to {@code gap} + 3 steps after the first ended, burst spikes with probability 0.5.
     */
    static OrderTask generate(int samples, int steps, int gap, long seed) {
        Rng rng = new Rng(seed);
        Tensor x = Tensor.zeros(steps, samples, CHANNELS);
        int[] labels = new int[samples];
        float[] d = x.data();
        for (int n = 0; n < samples; n++) {
            int label = n % 2;
            labels[n] = label;
            int first = 2 + rng.nextInt(4), second = first + BURST + gap + rng.nextInt(4);
            burst(d, rng, n, samples, first, label == 0 ? 0 : GROUP);
            burst(d, rng, n, samples, second, label == 0 ? GROUP : 0);
        }
        return new OrderTask(x, labels, steps);
    }

    private static void burst(float[] d, Rng rng, int n, int samples, int start, int channel0) {
        for (int t = start; t < start + BURST; t++) {
            for (int c = channel0; c < channel0 + GROUP; c++) {
                if (rng.nextFloat() < 0.5f) d[(t * samples + n) * CHANNELS + c] = 1f;
            }
        }
    }
}
