package org.snn4j.train;

/** Derives independent seeds from (run seed, epoch, batch), so any batch's randomness can be recreated. */
final class Seeds {
    private Seeds() {}

    /** A well-mixed 64-bit seed for batch {@code batch} of epoch {@code epoch} of a run seeded {@code seed}. */
    static long mix(long seed, int epoch, int batch) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + batch * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
