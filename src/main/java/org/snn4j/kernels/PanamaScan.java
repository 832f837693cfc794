package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API body of {@link Reductions#firstNonFinite}; its scalar twin is
 * {@link Reductions#firstNonFiniteScalar}. {@code x·0} is 0 for a finite x and NaN for ±∞ or NaN, and a
 * NaN survives addition, so a block of four vectors costs four multiplies, three adds and one compare;
 * only a block that fails is searched lane by lane. Loaded only after {@link KernelProvider} has checked
 * that the Vector API is readable.
 */
final class PanamaScan {
    private static final VectorSpecies<Float> SPECIES = VectorConstants.FLOATS;
    private static final int LANES = SPECIES.length();

    private PanamaScan() {}

    /** Index of the first NaN or infinity in {@code a[from, to)}, or −1. Trusts its arguments. */
    static int firstNonFinite(float[] a, int from, int to) {
        int block = 4 * LANES, i = from;
        for (; i + block <= to; i += block) {
            FloatVector s = FloatVector.fromArray(SPECIES, a, i).mul(0f)
                    .add(FloatVector.fromArray(SPECIES, a, i + LANES).mul(0f))
                    .add(FloatVector.fromArray(SPECIES, a, i + 2 * LANES).mul(0f))
                    .add(FloatVector.fromArray(SPECIES, a, i + 3 * LANES).mul(0f));
            if (!s.compare(VectorOperators.EQ, 0f).allTrue()) return Reductions.firstNonFiniteScalar(a, i, i + block);
        }
        return Reductions.firstNonFiniteScalar(a, i, to);
    }
}
