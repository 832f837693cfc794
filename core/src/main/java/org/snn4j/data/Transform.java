package org.snn4j.data;

import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * An in-place transformation of a batch of images {@code [N, C, H, W]} (read and written). Random
 * transforms draw only from {@code rng}, so equal streams give equal results; implementations keep no
 * state between calls and may be shared by threads.
 */
@FunctionalInterface
public interface Transform {
    /** Transforms {@code batch} in place, drawing randomness from {@code rng}. */
    void apply(Tensor batch, Rng rng);

    /** Fails unless {@code batch} has rank 4. */
    static void checkBatch(Tensor batch) {
        if (batch.rank() != 4) {
            throw new IllegalArgumentException("expected an [N, C, H, W] batch, was " + batch.shapeString());
        }
    }
}
