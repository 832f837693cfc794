package org.snn4j.data;

import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Mirrors each sample left-right with probability {@code p}: {@code out[c][h][w] = in[c][h][W−1−w]}.
 * Draws one float per sample.
 */
public final class HorizontalFlip implements Transform {
    private final float p;

    /** Flips with probability 0.5. */
    public HorizontalFlip() {
        this(0.5f);
    }

    public HorizontalFlip(float p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("probability " + p);
        this.p = p;
    }

    @Override
    public void apply(Tensor batch, Rng rng) {
        Transform.checkBatch(batch);
        int rows = batch.dim(1) * batch.dim(2), width = batch.dim(3);
        int sample = batch.sizeFrom(1);
        float[] x = batch.data();
        for (int n = 0; n < batch.dim(0); n++) {
            if (rng.nextFloat() >= p) continue;
            for (int r = 0; r < rows; r++) {
                int a = n * sample + r * width, b = a + width - 1;
                for (; a < b; a++, b--) {
                    float t = x[a];
                    x[a] = x[b];
                    x[b] = t;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "HorizontalFlip(p=" + p + ")";
    }
}
