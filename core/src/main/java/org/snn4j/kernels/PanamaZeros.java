package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API twins of the zero tests ({@link GemmPacking#allZero}, {@link Zeros#allPositiveZero}): one
 * compare per LANES floats, stopping at the first vector that holds another value; same answers.
 */
final class PanamaZeros {
    private static final VectorSpecies<Float> S = VectorConstants.FLOATS;
    private static final int LANES = VectorConstants.LANES;

    private PanamaZeros() {}

    /** Whether {@code x[off .. off + len)} holds only +0 and −0 (x != 0 is false for ±0 only, true for NaN). */
    static boolean allZero(float[] x, int off, int len) {
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += LANES) {
            if (FloatVector.fromArray(S, x, off + i).compare(VectorOperators.NE, 0f).anyTrue()) return false;
        }
        for (; i < len; i++) {
            if (x[off + i] != 0f) return false;
        }
        return true;
    }

    /** Whether every float of {@code x[off .. off + len)} has the bits of +0. */
    static boolean allPositiveZero(float[] x, int off, int len) {
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += LANES) {
            IntVector bits = FloatVector.fromArray(S, x, off + i).reinterpretAsInts();
            if (bits.compare(VectorOperators.NE, 0).anyTrue()) return false;
        }
        for (; i < len; i++) {
            if (Float.floatToRawIntBits(x[off + i]) != 0) return false;
        }
        return true;
    }
}
