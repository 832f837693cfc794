package org.snn4j.nn;

import org.snn4j.Snn4jException;

/** A NaN or infinity appeared in a layer's output or gradient; names the layer and the pass. */
public final class NumericalException extends Snn4jException {
    private final String layer;
    private final int index;

    public NumericalException(String layer, String pass, int index, float value) {
        super(layer + ": non-finite value " + value + " at element " + index + " of the " + pass);
        this.layer = layer;
        this.index = index;
    }

    /** The bad element's index in the tensor the message names. */
    public int index() {
        return index;
    }

    public String layer() {
        return layer;
    }
}
