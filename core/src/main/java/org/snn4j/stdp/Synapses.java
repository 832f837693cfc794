package org.snn4j.stdp;

/**
 * The weights an STDP rule changes, a {@code float[]} of {@code in × out} synapses from input i to output j
 * in either layout: a {@link org.snn4j.nn.Linear}'s {@code [out, in]} ({@link #outByIn}) or the
 * channel-last {@code [in, out]} an event-driven simulator adds a spiking input's row from ({@link #inByOut}).
 * The array is the caller's and is changed in place.
 */
public final class Synapses {
    private final float[] weights;
    private final int in;
    private final int out;
    private final int preStride;
    private final int postStride;

    private Synapses(float[] weights, int in, int out, int preStride, int postStride) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("in and out must be >= 1, were " + in + ", " + out);
        if (weights.length != in * out) throw new IllegalArgumentException(weights.length + " weights for " + in + " × " + out);
        this.weights = weights;
        this.in = in;
        this.out = out;
        this.preStride = preStride;
        this.postStride = postStride;
    }

    /** Weights as a linear layer holds them: {@code w[j·in + i]}. */
    public static Synapses outByIn(float[] weights, int in, int out) {
        return new Synapses(weights, in, out, 1, in);
    }

    /** Weights channel-last: {@code w[i·out + j]}, input i's outgoing weights contiguous. */
    public static Synapses inByOut(float[] weights, int in, int out) {
        return new Synapses(weights, in, out, out, 1);
    }

    /** The index of the synapse from input {@code i} to output {@code j} in {@link #weights}. */
    public int index(int i, int j) {
        return i * preStride + j * postStride;
    }

    public float get(int i, int j) {
        return weights[index(i, j)];
    }

    public void set(int i, int j, float w) {
        weights[index(i, j)] = w;
    }

    /** The array itself (changed in place). */
    public float[] weights() {
        return weights;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    /** Distance in {@link #weights} between inputs i and i + 1 at the same output. */
    public int preStride() {
        return preStride;
    }

    /** Distance in {@link #weights} between outputs j and j + 1 from the same input. */
    public int postStride() {
        return postStride;
    }
}
