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
 *
 * <p>A layer whose output or input gradient was scanned while it was written, part by part in cache (a fused
 * spiking and pooling pass; the convolution and GEMM kernels of {@link Conv2d} and {@link Linear}, which return
 * whether all they wrote was finite), says so with {@link #scannedByProducer} just before it returns it: the
 * next {@link #check} on the thread, the caller's of that very array, is then skipped instead of reading it all
 * again from memory. A scan that found a NaN marks nothing, so that check reports it.
 */
public final class Finite {
    /** Per thread: the layer whose output and input gradient the calling composite checks itself. */
    private static final ThreadLocal<Layer> CHECKED_BY_CALLER = new ThreadLocal<>();
    /** Per thread: the array its producer has just scanned and returned, until the next check or child call. */
    private static final ThreadLocal<float[]> SCANNED_BY_PRODUCER = new ThreadLocal<>();

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
        float[] scanned = SCANNED_BY_PRODUCER.get();
        if (scanned != null) {
            SCANNED_BY_PRODUCER.remove();
            if (scanned == a) return;
        }
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

    /**
     * Says that {@code a}, which the calling layer is about to return (its output or input gradient), holds no NaN
     * or infinity: all of it was scanned as it was written, and found finite. The next {@link #check} on
     * this thread skips the scan if it is of {@code a}; any check or child call clears the mark.
     */
    public static void scannedByProducer(float[] a) {
        SCANNED_BY_PRODUCER.set(a);
    }

    /** Runs {@code call} (a forward or backward of {@code child}) with {@code child}'s own checks skipped. */
    static <T> T checkedByCaller(Layer child, java.util.function.Supplier<T> call) {
        SCANNED_BY_PRODUCER.remove();
        Layer outer = CHECKED_BY_CALLER.get();
        CHECKED_BY_CALLER.set(child);
        try {
            return call.get();
        } finally {
            CHECKED_BY_CALLER.set(outer);
        }
    }
}
