package org.snn4j.nn;

import java.util.Arrays;
import org.snn4j.Snn4jException;

/** A tensor reached a layer with the wrong shape: names the layer, the expected shape and the actual one. */
public final class ShapeException extends Snn4jException {
    private final String layer;

    public ShapeException(String layer, String what, String expected, String actual) {
        super(layer + ": " + what + " expected " + expected + ", was " + actual);
        this.layer = layer;
    }

    public ShapeException(String layer, String what, int[] expected, int[] actual) {
        this(layer, what, Arrays.toString(expected), Arrays.toString(actual));
    }

    /** The name of the layer that refused the input. */
    public String layer() {
        return layer;
    }
}
