package org.snn4j.neuron;

import org.snn4j.kernels.NeuronSpec;
import org.snn4j.kernels.Reductions;
import org.snn4j.nn.Layer;
import org.snn4j.nn.NumericalException;
import org.snn4j.nn.Pool2d;

/**
 * One sample at a time through a spiking layer and the pooling layer after it (if any), at inference, on one
 * thread's scratch arrays: the sample's spike maps stay in that thread's cache between the neurons and
 * the pooling, and only the pooled maps are written to the {@code [T, N, ...]} output. Run layer by layer,
 * the spike trains of the whole batch are written to memory and read back by the pooling, as much
 * traffic as everything else the neurons do; here the same kernels run on the same numbers, so the output
 * and the spike count are bit for bit those of the two layers run one after the other.
 *
 * <p>The steps run in chunks ({@link #chunk}, a divisor of T) small enough that a chunk's current and spike
 * maps fit in a core's cache with room to spare ({@value #CACHE_BYTES} bytes): a sample's T maps may not
 * (VGG-7/4's first layer at T = 32: 1.6 MB each), and written whole they went to memory and back. The
 * membrane potentials carry over from one chunk to the next ({@link NeuronLayer#fireScaled}).
 *
 * <p>Only where {@link NeuronLayer#firesPlainly} holds. Not thread-safe: one instance per thread.
 */
public final class SampleFiring {
    /** What a chunk's maps (current, spikes, pooled spikes) may take: well inside a core's L2 (1 MB or more on current x86). */
    static final int CACHE_BYTES = 512 * 1024;

    private final NeuronLayer neurons;
    private final NeuronSpec spec;
    private final Pool2d<?> pool;
    private final int[] image;
    private final int chunk, size, outSize;
    private final boolean held;
    /**
     * Whether the pooled maps are scanned for NaN and infinity: only when a window's sum of spikes could
     * overflow. Spikes are 0 or ± the amplitude ({@link NeuronLayer#outputAlwaysFinite}), so a pooled value
     * lies within kernel² · amplitude of 0 and is finite when that bound is; the scan took a tenth of W1's
     * inference by events and could never fail there.
     */
    private final boolean scanPooled;
    private final float[] fired, pooled, membrane;

    /**
     * @param pool  the pooling layer after the neurons, or null to write their spikes
     * @param image the spiking layer's per-sample input shape ({@code [C, H, W]} with a pool)
     * @param held  the current is one step held for all {@code steps} (direct input), else {@code [T, ...]}
     */
    public SampleFiring(NeuronLayer neurons, Pool2d<?> pool, int steps, int[] image, boolean held) {
        this(neurons, pool, steps, image, held, stepsInCache(steps, stepBytes(image, pool, held)));
    }

    /** As above, in chunks of {@code chunk} steps, a divisor of {@code steps} (tests choose it). */
    SampleFiring(NeuronLayer neurons, Pool2d<?> pool, int steps, int[] image, boolean held, int chunk) {
        if (chunk < 1 || steps % chunk != 0) throw new IllegalArgumentException("chunks of " + chunk + " of " + steps + " steps");
        this.neurons = neurons;
        this.spec = neurons.spec();
        this.pool = pool;
        this.chunk = chunk;
        int[] out = pool == null ? image : pool.outputShape(image);
        this.image = image.clone();
        this.size = java.util.Arrays.stream(image).reduce(1, Math::multiplyExact);
        this.outSize = java.util.Arrays.stream(out).reduce(1, Math::multiplyExact);
        this.held = held;
        this.scanPooled = pool != null && !(mayPoolTo(neurons, pool) <= Float.MAX_VALUE);
        this.fired = new float[chunk * size];
        this.pooled = pool == null ? fired : new float[chunk * outSize];
        this.membrane = new float[size];
    }

    /** The largest magnitude {@code pool} can make of {@code neurons}' spikes: kernel² · amplitude (a window's sum). */
    static double mayPoolTo(NeuronLayer neurons, Pool2d<?> pool) {
        return (double) pool.kernel() * pool.kernel() * Math.abs(neurons.config().amplitude());
    }

    /** Bytes one step of a chunk takes: its spikes, its current unless held, its pooled maps. */
    private static long stepBytes(int[] image, Pool2d<?> pool, boolean held) {
        long size = java.util.Arrays.stream(image).asLongStream().reduce(1, Math::multiplyExact);
        long pooled = pool == null ? 0 : java.util.Arrays.stream(pool.outputShape(image)).asLongStream().reduce(1, Math::multiplyExact);
        return Float.BYTES * ((held ? 1 : 2) * size + pooled);
    }

    /** Steps per chunk: the largest divisor of {@code steps} whose {@code stepBytes} each fit in {@link #CACHE_BYTES}, at least 1. */
    private static int stepsInCache(int steps, long stepBytes) {
        int chunk = (int) Math.min(Math.max(1, steps), Math.max(1, CACHE_BYTES / Math.max(1, stepBytes)));
        while (steps % chunk != 0) chunk--;
        return chunk;
    }

    /** Steps a call of {@link #run} takes. */
    public int chunk() {
        return chunk;
    }

    /** The current one chunk needs: {@code [size]} when held, else {@code [chunk, size]}. */
    public float[] newCurrent() {
        return new float[(held ? 1 : chunk) * size];
    }

    /**
     * Fires steps [from, to) of sample {@code n} ({@code to − from = chunk()}, chunks in order; from = 0
     * starts the neurons at their initial potential) on {@code current} ({@link #newCurrent}: those steps'
     * current from its start, or the held one), pools the spikes and writes them into {@code out}
     * ({@code [T, samples, (pooled) size]}).
     *
     * @return the number of spikes the sample's neurons emitted in these steps
     * @throws NumericalException when a pooled value is NaN or infinite, with its index in {@code out}
     */
    public long run(float[] current, int from, int to, int n, int samples, float[] out) {
        int steps = to - from;
        if (steps != chunk) throw new IllegalArgumentException("steps [" + from + ", " + to + ") in chunks of " + chunk);
        if (from == 0) java.util.Arrays.fill(membrane, spec.initialMembrane());
        long count = neurons.fireScaled(spec, current, fired, steps, size, held, membrane);
        if (pool != null) {
            pool.forwardPlanes(fired, steps * image[0], image[1], image[2], pooled);
            if (scanPooled) requireFinite(pool, pooled, steps, outSize, from, n, samples);
        }
        for (int t = 0; t < steps; t++) System.arraycopy(pooled, t * outSize, out, ((from + t) * samples + n) * outSize, outSize);
        return count;
    }

    /**
     * Throws for the first NaN or infinity in steps [0, steps) of one sample's {@code [steps, size]} output of
     * {@code layer} that holds the layer's steps [from, from + steps), naming its index in the layer's
     * {@code [T, N, size]} output (what a layer-by-layer run would report).
     */
    public static void requireFinite(Layer layer, float[] sample, int steps, int size, int from, int n, int samples) {
        int bad = Reductions.firstNonFinite(sample, 0, steps * size);
        if (bad >= 0) throw new NumericalException(layer.name(), "output", index(from * size + bad, n, samples, size), sample[bad]);
    }

    /** Index in a {@code [T, N, size]} tensor of element {@code i} of sample {@code n}'s {@code [T, size]}. */
    private static int index(int i, int n, int samples, int size) {
        return (int) Math.min(Integer.MAX_VALUE, ((long) (i / size) * samples + n) * size + i % size);
    }
}
