package org.snn4j.nn;

import org.snn4j.kernels.Reductions;
import org.snn4j.tensor.Tensor;

/**
 * The NaN/infinity guard every layer runs on its outputs and gradients, one vectorised scan
 * ({@link Reductions#firstNonFinite}) per tensor.
 *
 * <p>Scanned once: a composite that checks its children's outputs and input gradients itself (as
 * {@link Sequential} does) runs each child's forward and backward inside {@link #checkedByCaller}, and the
 * child guards those big tensors with {@link #checkOwn}, which then skips the scan. A layer used on its own
 * (or inside a composite that does not check) still checks them. Parameter gradients are small and are
 * always checked with {@link #check}.
 */
public final class Finite {
    /** Per thread: the layer whose output and input gradient the calling composite checks itself. */
    private static final ThreadLocal<Layer> CHECKED_BY_CALLER = new ThreadLocal<>();

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
        int i = Reductions.firstNonFinite(a, 0, a.length);
        if (i >= 0) throw new NumericalException(layer, what, i, a[i]);
    }

    /**
     * As {@link #check(String, String, Tensor)} for {@code self}'s own output or input gradient, skipped
     * when the composite calling {@code self} checks that tensor itself (see the class comment).
     */
    public static void checkOwn(Layer self, String what, Tensor t) {
        if (CHECKED_BY_CALLER.get() != self) check(self.name(), what, t);
    }

    /** Runs {@code call} (a forward or backward of {@code child}) with {@code child}'s own checks skipped. */
    static <T> T checkedByCaller(Layer child, java.util.function.Supplier<T> call) {
        Layer outer = CHECKED_BY_CALLER.get();
        CHECKED_BY_CALLER.set(child);
        try {
            return call.get();
        } finally {
            CHECKED_BY_CALLER.set(outer);
        }
    }
}
