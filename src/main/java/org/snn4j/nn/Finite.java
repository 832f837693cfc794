package org.snn4j.nn;

import org.snn4j.tensor.Tensor;

/** The NaN/infinity guard every layer runs on its outputs and gradients. */
public final class Finite {
    private Finite() {}

    /**
     * Throws when {@code t} holds a NaN or infinity.
     *
     * @param layer the layer's name
     * @param what  which tensor: {@code "forward output"}, {@code "input gradient"}, {@code "weight gradient"}, ...
     * @param t     read, not modified
     * @throws NumericalException naming the layer, {@code what}, the first bad element and its value
     */
    public static void check(String layer, String what, Tensor t) {
        check(layer, what, t.data());
    }

    /** As {@link #check(String, String, Tensor)} for a bare array. */
    public static void check(String layer, String what, float[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) throw new NumericalException(layer, what, i, a[i]);
        }
    }
}
