package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Every Vector API static of snn4j, quarantined here so that no other class touches
 * {@code jdk.incubator.vector} during class initialisation. Loaded only by {@link KernelProvider}
 * after it has checked that the module is readable.
 */
final class VectorConstants {
    /** The float species of all vector kernels: the preferred one, or {@code -Dsnn4j.vectorBits} in tests. */
    static final VectorSpecies<Float> FLOATS = species(Integer.getInteger(KernelProvider.VECTOR_BITS_PROPERTY));
    /** Lanes of {@link #FLOATS}. */
    static final int LANES = FLOATS.length();

    private VectorConstants() {}

    private static VectorSpecies<Float> species(Integer forcedBits) {
        if (forcedBits == null) return FloatVector.SPECIES_PREFERRED;
        return VectorSpecies.of(float.class, VectorShape.forBitSize(forcedBits));
    }

    /** Width of {@link #FLOATS} in bits. */
    static int bits() {
        return FLOATS.vectorBitSize();
    }
}
