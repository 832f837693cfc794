package org.snn4j.neuron;

import org.snn4j.kernels.Reductions;
import org.snn4j.nn.Layer;
import org.snn4j.nn.NumericalException;
import org.snn4j.nn.Pool2d;

/**
 * One sample at a time through a spiking layer and the pooling layer after it (if any), at inference, on one
 * thread's scratch arrays: the sample's T spike maps stay in that thread's cache between the neurons and
 * the pooling, and only the pooled maps are written to the {@code [T, N, ...]} output. Run layer by layer,
 * the spike trains of the whole batch are written to memory and read back by the pooling, as much
 * traffic as everything else the neurons do; here the same kernels run on the same numbers, so the output
 * and the spike count are bit for bit those of the two layers run one after the other.
 *
 * <p>Only where {@link NeuronLayer#firesPlainly} holds. Not thread-safe: one instance per thread.
 */
public final class SampleFiring {
    private final NeuronLayer neurons;
    private final Pool2d<?> pool;
    private final int[] image;
    private final int steps, size, outSize;
    private final boolean held;
    private final float[] fired, pooled;

    /**
     * @param pool  the pooling layer after the neurons, or null to write their spikes
     * @param image the spiking layer's per-sample input shape ({@code [C, H, W]} with a pool)
     * @param held  the current is one step held for all {@code steps} (direct input), else {@code [T, ...]}
     */
    public SampleFiring(NeuronLayer neurons, Pool2d<?> pool, int steps, int[] image, boolean held) {
        this.neurons = neurons;
        this.pool = pool;
        this.steps = steps;
        int[] out = pool == null ? image : pool.outputShape(image);
        this.image = image.clone();
        this.size = java.util.Arrays.stream(image).reduce(1, Math::multiplyExact);
        this.outSize = java.util.Arrays.stream(out).reduce(1, Math::multiplyExact);
        this.held = held;
        this.fired = new float[steps * size];
        this.pooled = pool == null ? fired : new float[steps * outSize];
    }

    /** The current one sample needs: {@code [size]} when held, else {@code [T, size]}. */
    public float[] newCurrent() {
        return new float[(held ? 1 : steps) * size];
    }

    /**
     * Fires sample {@code n}'s {@code current} (from {@link #newCurrent}), pools the spikes and writes them
     * into {@code out} ({@code [T, samples, (pooled) size]}).
     *
     * @return the number of spikes the sample's neurons emitted
     * @throws NumericalException when a pooled value is NaN or infinite, with its index in {@code out}
     */
    public long run(float[] current, int n, int samples, float[] out) {
        long count = neurons.fireScaled(current, fired, steps, size, held);
        if (pool != null) {
            pool.forwardPlanes(fired, steps * image[0], image[1], image[2], pooled);
            requireFinite(pool, pooled, outSize, n, samples);
        }
        for (int t = 0; t < steps; t++) System.arraycopy(pooled, t * outSize, out, (t * samples + n) * outSize, outSize);
        return count;
    }

    /**
     * Throws for the first NaN or infinity of one sample's {@code [T, size]} output of {@code layer}, naming
     * its index in the layer's {@code [T, N, size]} output (what a layer-by-layer run would report).
     */
    public static void requireFinite(Layer layer, float[] sample, int size, int n, int samples) {
        int bad = Reductions.firstNonFinite(sample, 0, sample.length);
        if (bad >= 0) throw new NumericalException(layer.name(), "output", index(bad, n, samples, size), sample[bad]);
    }

    /** Index in a {@code [T, N, size]} tensor of element {@code i} of sample {@code n}'s {@code [T, size]}. */
    private static int index(int i, int n, int samples, int size) {
        return (int) Math.min(Integer.MAX_VALUE, ((long) (i / size) * samples + n) * size + i % size);
    }
}
