package org.snn4j.data;

import java.util.Arrays;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Random crop after zero padding, keeping the size: each sample is shifted by {@code (dy, dx)}, both
 * drawn uniformly from {@code [−padding, padding]}, and the uncovered border is filled with 0:
 * {@code out[c][h][w] = in[c][h+dy][w+dx]} when inside the image, else 0. Draws two ints per sample.
 * (Apply it before {@link Normalize} if the padding should be black rather than the mean.)
 */
public final class RandomCrop implements Transform {
    private final int padding;

    public RandomCrop(int padding) {
        if (padding < 0) throw new IllegalArgumentException("padding " + padding);
        this.padding = padding;
    }

    @Override
    public void apply(Tensor batch, Rng rng) {
        Transform.checkBatch(batch);
        int channels = batch.dim(1), height = batch.dim(2), width = batch.dim(3);
        int sample = batch.sizeFrom(1);
        float[] x = batch.data();
        float[] src = new float[sample];
        for (int n = 0; n < batch.dim(0); n++) {
            int dy = rng.nextInt(2 * padding + 1) - padding;
            int dx = rng.nextInt(2 * padding + 1) - padding;
            if (dy == 0 && dx == 0) continue;
            int base = n * sample;
            System.arraycopy(x, base, src, 0, sample);
            Arrays.fill(x, base, base + sample, 0f);
            // rows h with 0 <= h+dy < height, columns w with 0 <= w+dx < width
            int h0 = Math.max(0, -dy), h1 = Math.min(height, height - dy);
            int w0 = Math.max(0, -dx), w1 = Math.min(width, width - dx);
            if (h0 >= h1 || w0 >= w1) continue;
            for (int c = 0; c < channels; c++) {
                int plane = c * height * width;
                for (int h = h0; h < h1; h++) {
                    System.arraycopy(src, plane + (h + dy) * width + w0 + dx, x, base + plane + h * width + w0, w1 - w0);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "RandomCrop(padding=" + padding + ")";
    }
}
