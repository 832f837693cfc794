package org.snn4j.data;

import java.util.Arrays;
import org.snn4j.Snn4jException;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** Per-channel standardization: {@code x[n][c][h][w] = (x[n][c][h][w] − mean[c]) / std[c]}. Deterministic. */
public final class Normalize implements Transform {
    private final float[] mean;
    private final float[] invStd;
    private final float[] std;

    /** @param mean one value per channel; @param std one positive value per channel */
    public Normalize(float[] mean, float[] std) {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean has " + mean.length + " channels, std " + std.length);
        }
        this.mean = mean.clone();
        this.std = std.clone();
        this.invStd = new float[std.length];
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
                throw new IllegalArgumentException("channel " + c + ": mean " + mean[c] + ", std " + std[c]);
            }
            invStd[c] = 1f / std[c];
        }
    }

    /**
     * Mean and standard deviation measured per channel over all of {@code data} (use the training
     * split). A constant channel gets std 1 so it maps to 0 instead of dividing by zero.
     */
    public static Normalize fit(Dataset data) {
        double[][] ms = data.channelMeanStd();
        int c = ms[0].length;
        float[] mean = new float[c];
        float[] std = new float[c];
        for (int i = 0; i < c; i++) {
            mean[i] = (float) ms[0][i];
            std[i] = ms[1][i] > 1e-12 ? (float) ms[1][i] : 1f;
        }
        return new Normalize(mean, std);
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    @Override
    public void apply(Tensor batch, Rng rng) {
        Transform.checkBatch(batch);
        int channels = batch.dim(1);
        if (channels != mean.length) {
            throw new Snn4jException("normalize: channels expected " + mean.length + ", was " + channels);
        }
        int plane = batch.sizeFrom(2);
        float[] x = batch.data();
        for (int n = 0; n < batch.dim(0); n++) {
            for (int c = 0; c < channels; c++) {
                float m = mean[c], s = invStd[c];
                int base = (n * channels + c) * plane;
                for (int j = base; j < base + plane; j++) x[j] = (x[j] - m) * s;
            }
        }
    }

    @Override
    public String toString() {
        return "Normalize(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
