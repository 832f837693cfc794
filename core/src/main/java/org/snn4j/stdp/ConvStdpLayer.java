package org.snn4j.stdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.snn4j.tensor.Rng;

/**
 * A convolutional layer of non-leaky integrate-and-fire neurons that fire at most once per sample, learned by the
 * simplified STDP of Kheradpisheh et al. 2018 ({@link ConvStdpRule}); layers like it are trained one after the other
 * ({@link ConvStdpNetwork}).
 *
 * <p><b>Firing</b> ({@link #fire}): the input is a {@link SpikeMap} of first-spike times. Step by step, every input
 * spike adds its weight to the potentials of the neurons whose {@code k × k} window (stride 1, no padding) covers it;
 * a neuron fires at the first step its potential reaches the threshold. <b>Lateral inhibition across maps per
 * position</b>: at each position at most one map fires, the first to reach the threshold (on a tie within a step, the
 * highest potential, then the lowest map); the others at that position stay silent for the sample.
 *
 * <p><b>Learning</b> ({@link #learn}): <b>first-spike winner-take-all per map</b>: the fired neurons are taken in order
 * of spike time (then potential, highest first, then index); one is a winner unless its map already has a winner or a
 * winner of another map lies within {@code radius} positions (Chebyshev distance), up to {@code winners} winners. Each
 * winner's map kernel (shared by all its positions) is updated by the rule from the input window of the winner: the
 * kernel is learned at the place where its map fired first.
 *
 * <p>Weights are {@code [maps, inChannels, k, k]}, initially normal with mean 0.8 and standard deviation 0.05 (the
 * paper's), clipped to [0, 1].
 */
public final class ConvStdpLayer {
    private final int inChannels;
    private final int maps;
    private final int kernel;
    private final float threshold;
    private final float[] weights;

    /**
     * @param threshold the potential at which a neuron fires, &gt; 0
     * @param initRng   draws the initial weights
     */
    public ConvStdpLayer(int inChannels, int maps, int kernel, float threshold, Rng initRng) {
        if (inChannels < 1 || maps < 1 || kernel < 1) {
            throw new IllegalArgumentException("inChannels, maps and kernel must be >= 1, were " + inChannels + ", " + maps + ", " + kernel);
        }
        if (!(threshold > 0) || Float.isInfinite(threshold)) throw new IllegalArgumentException("threshold must be finite and > 0, was " + threshold);
        this.inChannels = inChannels;
        this.maps = maps;
        this.kernel = kernel;
        this.threshold = threshold;
        this.weights = new float[maps * inChannels * kernel * kernel];
        for (int i = 0; i < weights.length; i++) weights[i] = (float) Math.min(1, Math.max(0, 0.8 + 0.05 * initRng.nextGaussian()));
    }

    /** One sample's output: the spike times and, for each neuron that fired, its potential at that step (else 0). */
    public record Response(SpikeMap spikes, float[] potentials) {}

    /** Fires the layer on {@code input} over {@code steps} time steps (see the class comment). */
    public Response fire(SpikeMap input, int steps) {
        if (input.channels() != inChannels) throw new IllegalArgumentException("input has " + input.channels() + " channels, the layer " + inChannels);
        int h = input.height();
        int w = input.width();
        int oh = h - kernel + 1;
        int ow = w - kernel + 1;
        if (oh < 1 || ow < 1) throw new IllegalArgumentException("input " + h + "x" + w + " smaller than the kernel " + kernel);
        int plane = oh * ow;
        List<List<Integer>> byStep = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) byStep.add(new ArrayList<>());
        int[] in = input.times();
        for (int i = 0; i < in.length; i++) if (in[i] < steps) byStep.get(in[i]).add(i);
        float[] v = new float[maps * plane];
        float[] fired = new float[maps * plane];
        int[] out = new int[maps * plane];
        Arrays.fill(out, SpikeMap.NONE);
        boolean[] taken = new boolean[plane];
        int kk = kernel * kernel;
        for (int t = 0; t < steps; t++) {
            List<Integer> arrivals = byStep.get(t);
            if (arrivals.isEmpty()) continue;
            for (int i : arrivals) {
                int c = i / (h * w);
                int y = (i / w) % h;
                int x = i % w;
                for (int ky = Math.max(0, y - oh + 1); ky <= Math.min(kernel - 1, y); ky++) {
                    for (int kx = Math.max(0, x - ow + 1); kx <= Math.min(kernel - 1, x); kx++) {
                        int p = (y - ky) * ow + (x - kx);
                        if (taken[p]) continue;
                        int wi = c * kk + ky * kernel + kx;
                        for (int m = 0; m < maps; m++) v[m * plane + p] += weights[m * inChannels * kk + wi];
                    }
                }
            }
            for (int p = 0; p < plane; p++) {
                if (taken[p]) continue;
                int best = -1;
                for (int m = 0; m < maps; m++) {
                    float u = v[m * plane + p];
                    if (u >= threshold && (best < 0 || u > v[best * plane + p])) best = m;
                }
                if (best >= 0) {
                    taken[p] = true;
                    out[best * plane + p] = t;
                    fired[best * plane + p] = v[best * plane + p];
                }
            }
        }
        return new Response(new SpikeMap(maps, oh, ow, out), fired);
    }

    /**
     * Picks the winners of {@code response} (the layer's response to {@code input}) and updates their maps' kernels by
     * {@code rule} (see the class comment).
     *
     * @param winners at most this many winners, ≥ 1
     * @param radius  no winner of another map within this many positions of a winner, ≥ 0
     * @return the winners' indices in the output map, in the order they were picked
     */
    public int[] learn(SpikeMap input, Response response, ConvStdpRule rule, int winners, int radius) {
        int[] won = winners(response, winners, radius);
        SpikeMap out = response.spikes();
        int plane = out.height() * out.width();
        int kk = kernel * kernel;
        for (int idx : won) {
            int m = idx / plane;
            int oy = (idx % plane) / out.width();
            int ox = idx % out.width();
            int post = out.times()[idx];
            for (int c = 0; c < inChannels; c++) {
                for (int ky = 0; ky < kernel; ky++) {
                    for (int kx = 0; kx < kernel; kx++) {
                        int wi = (m * inChannels + c) * kk + ky * kernel + kx;
                        weights[wi] = rule.update(weights[wi], input.time(c, oy + ky, ox + kx), post);
                    }
                }
            }
        }
        return won;
    }

    /** First-spike winner-take-all per map with inhibition of other maps within {@code radius} (class comment). */
    static int[] winners(Response response, int winners, int radius) {
        if (winners < 1) throw new IllegalArgumentException("winners must be >= 1, was " + winners);
        if (radius < 0) throw new IllegalArgumentException("radius must be >= 0, was " + radius);
        SpikeMap out = response.spikes();
        int[] times = out.times();
        float[] pot = response.potentials();
        List<Integer> fired = new ArrayList<>();
        for (int i = 0; i < times.length; i++) if (times[i] != SpikeMap.NONE) fired.add(i);
        fired.sort(Comparator.<Integer>comparingInt(i -> times[i]).thenComparing(i -> -pot[i]).thenComparingInt(i -> i));
        int plane = out.height() * out.width();
        boolean[] mapDone = new boolean[out.channels()];
        int[] won = new int[Math.min(winners, out.channels())];
        int n = 0;
        for (int i : fired) {
            if (n == won.length) break;
            int m = i / plane;
            if (mapDone[m]) continue;
            int y = (i % plane) / out.width();
            int x = i % out.width();
            boolean inhibited = false;
            for (int j = 0; j < n && !inhibited; j++) {
                int q = won[j] % plane;
                inhibited = Math.abs(q / out.width() - y) <= radius && Math.abs(q % out.width() - x) <= radius;
            }
            if (inhibited) continue;
            mapDone[m] = true;
            won[n++] = i;
        }
        return Arrays.copyOf(won, n);
    }

    /** The weights {@code [maps, inChannels, k, k]}, live: changes write through. */
    public float[] weights() {
        return weights;
    }

    public int inChannels() {
        return inChannels;
    }

    public int maps() {
        return maps;
    }

    public int kernel() {
        return kernel;
    }

    public float threshold() {
        return threshold;
    }
}
