package org.snn4j.nn;

/**
 * What a pass continues from: the state its stateful layers (spiking layers' membranes, a readout's
 * accumulator) left at the end of the pass before, for a batch of independent streams fed a sequence a
 * few steps at a time. A layer that finds one attached ({@link RunListeners#layerState}) continues from
 * the arrays it hands out and leaves its state there; without one a pass is a whole sequence, every
 * layer starting from its initial state. A pass with a layer state is inference only: it keeps nothing for
 * backward, and it runs its layers one by one (not {@link ForwardContext#plainInference}).
 *
 * <p>State is kept by the attaching side (e.g. {@code engine.Session}), in plain arrays keyed by a name the
 * layer chooses (its own name, or its name and a suffix for a second array).
 */
public interface LayerState extends RunListener {
    /**
     * The array {@code key}'s state lives in: {@code streams} blocks of {@code initial.length} floats, stream
     * n's at {@code [n·k, (n+1)·k)}; the layer reads it, runs its steps and writes the state after the last.
     * Every stream that starts afresh (never run, or reset since) has its block set to a copy of
     * {@code initial} first: the state a whole-sequence pass starts from.
     *
     * @throws IllegalStateException when {@code key} was handed out before with another size
     */
    float[] state(String key, int streams, float[] initial);

    /**
     * T of the whole sequence the streams stand for, where a layer's dynamics depend on it (a signed burst
     * neuron's net spike count is capped at T); {@link Integer#MAX_VALUE} when open-ended.
     */
    int horizon();

    /** Sees or steers every layer's own call: the pass runs unfused. */
    @Override
    default boolean needsEveryLayer() {
        return true;
    }
}
