package org.snn4j.stdp;

import org.snn4j.tensor.Rng;

/**
 * Poisson spike trains of one sample as events per step: input i spikes in each step independently with
 * probability {@code p_i = rate_i·dt}. Drawn by geometric gaps between an input's spikes
 * ({@code ⌊ln U / ln(1 − p)⌋} silent steps, U uniform in (0, 1]), the same distribution as a Bernoulli draw
 * per input and step, at a cost in proportion to the spikes instead of inputs × steps; then sorted by step.
 */
final class PoissonInput {
    private int[] starts = new int[1];
    private int[] indices = new int[1024];
    private int[] stepOf = new int[1024];
    private int[] unsorted = new int[1024];
    private int steps;

    /**
     * Draws {@code steps} steps of spikes of inputs whose probability per step is {@code probability[i]} (each
     * in [0, 1]).
     */
    void draw(float[] probability, int steps, Rng rng) {
        this.steps = steps;
        if (starts.length < steps + 1) starts = new int[steps + 1];
        java.util.Arrays.fill(starts, 0, steps + 1, 0);
        int total = 0;
        for (int i = 0; i < probability.length; i++) {
            float p = probability[i];
            if (p <= 0f) continue;
            double logQ = p >= 1f ? Double.NEGATIVE_INFINITY : Math.log1p(-p);
            int t = gap(logQ, rng);
            while (t < steps) {
                if (total == stepOf.length) {
                    stepOf = java.util.Arrays.copyOf(stepOf, total * 2);
                    unsorted = java.util.Arrays.copyOf(unsorted, total * 2);
                }
                stepOf[total] = t;
                unsorted[total++] = i;
                starts[t + 1]++;
                t += 1 + gap(logQ, rng);
            }
        }
        for (int t = 0; t < steps; t++) starts[t + 1] += starts[t];
        if (indices.length < total) indices = new int[total];
        int[] fill = java.util.Arrays.copyOf(starts, steps);
        for (int e = 0; e < total; e++) indices[fill[stepOf[e]]++] = unsorted[e];
    }

    private static int gap(double logQ, Rng rng) {
        if (logQ == Double.NEGATIVE_INFINITY) return 0;
        double u = 1.0 - rng.nextFloat(); // (0, 1]
        double g = Math.floor(Math.log(u) / logQ);
        return g >= Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE / 2 : (int) g;
    }

    /** The inputs that spike in step {@code t} are {@code indices()[start(t) .. start(t + 1))}. */
    int start(int t) {
        return starts[t];
    }

    int[] indices() {
        return indices;
    }

    int steps() {
        return steps;
    }
}
