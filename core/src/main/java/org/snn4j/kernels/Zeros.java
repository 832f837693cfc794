package org.snn4j.kernels;

/**
 * Whether a range of floats is all zero, for callers that skip work on zeros (the optimizer's update of
 * parameters that never had a gradient). Plain loop here, {@link PanamaZeros} where the Vector API runs.
 */
public final class Zeros {
    private static final boolean VECTOR = !KernelProvider.get().isScalar();

    private Zeros() {}

    /**
     * Whether every float of {@code x[off .. off + len)} has the bits of +0 (a −0 or a NaN does not).
     *
     * @throws IllegalArgumentException when the range is not inside x
     */
    public static boolean allPositiveZero(float[] x, int off, int len) {
        if (off < 0 || len < 0 || off > x.length - len) {
            throw new IllegalArgumentException("range " + off + " + " + len + " outside an array of " + x.length);
        }
        return VECTOR ? PanamaZeros.allPositiveZero(x, off, len) : scalarAllPositiveZero(x, off, len);
    }

    /** The scalar twin of {@link #allPositiveZero}, unchecked. */
    static boolean scalarAllPositiveZero(float[] x, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (Float.floatToRawIntBits(x[i]) != 0) return false;
        }
        return true;
    }
}
