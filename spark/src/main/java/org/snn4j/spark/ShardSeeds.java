package org.snn4j.spark;

/**
 * Seeds of the shards of a data-parallel step. Shard 0 of a step draws what the single-machine batch would
 * (its stream is the batch's own), every other shard a stream fixed by (seed, epoch, batch, partition), so
 * a run repeats exactly for the same number of partitions.
 */
final class ShardSeeds {
    private ShardSeeds() {}

    /** A well-mixed seed for partition {@code partition} of batch {@code batch} of epoch {@code epoch}. */
    static long of(long seed, int epoch, int batch, int partition) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + batch * 0x165667B19E3779F9L
                + partition * 0xD6E8FEB86659FD93L + 0x2545F4914F6CDD1DL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
