package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API body of {@link Reductions#firstNonFinite}; its scalar twin is
 * {@link ScalarScan}. {@code x·0} is 0 for a finite x and NaN for ±∞ or NaN, and a
 * NaN survives addition, so a block of four vectors costs four multiplies, three adds and one compare; the
 * rest goes one vector at a time, the last few floats one by one. Only a block that fails is searched lane by
 * lane. Loaded only after {@link KernelProvider} has checked that the Vector API is readable.
 */
final class PanamaScan implements ScanKernel {
    private static final VectorSpecies<Float> SPECIES = VectorConstants.FLOATS;
    private static final int LANES = SPECIES.length();

    @Override
    public int firstNonFinite(float[] a, int from, int to) {
        int block = 4 * LANES, i = from;
        for (; i + block <= to; i += block) {
            FloatVector s = FloatVector.fromArray(SPECIES, a, i).mul(0f)
                    .add(FloatVector.fromArray(SPECIES, a, i + LANES).mul(0f))
                    .add(FloatVector.fromArray(SPECIES, a, i + 2 * LANES).mul(0f))
                    .add(FloatVector.fromArray(SPECIES, a, i + 3 * LANES).mul(0f));
            if (!s.compare(VectorOperators.EQ, 0f).allTrue()) return ScalarScan.scan(a, i, i + block);
        }
        // then single vectors: a tile of W1's fused backward (1,568 floats) ended in 32 scalar tests
        for (; i + LANES <= to; i += LANES) {
            FloatVector s = FloatVector.fromArray(SPECIES, a, i).mul(0f);
            if (!s.compare(VectorOperators.EQ, 0f).allTrue()) return ScalarScan.scan(a, i, i + LANES);
        }
        return ScalarScan.scan(a, i, to);
    }
}
