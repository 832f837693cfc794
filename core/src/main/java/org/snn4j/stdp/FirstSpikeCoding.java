package org.snn4j.stdp;

/**
 * Turns an image into first-spike times ({@link SpikeMap}) over {@code steps} steps, the input coding of
 * {@link ConvStdpNetwork}: either the pixel intensities themselves ({@link SpikeMap#firstSpike}, pixels at 0 silent),
 * or, with {@code onOff}, Kheradpisheh et al. 2018's difference-of-Gaussians filters: each channel convolved (zero
 * padding, same size) with a {@code 7 × 7} DoG of σ 1 (centre) and 2 (surround), its positive part an ON channel and
 * its negative part an OFF channel, both divided by the image's largest response, values at or below 0.1 silent.
 *
 * @param shape {@code [C, H, W]} of the images
 * @param steps time steps, ≥ 1
 * @param onOff DoG ON/OFF channels (2·C) rather than the intensities (C)
 */
public record FirstSpikeCoding(int[] shape, int steps, boolean onOff) {
    private static final int SIZE = 7;
    private static final float[] DOG = dog(SIZE, 1, 2);

    public FirstSpikeCoding {
        if (shape.length != 3) throw new IllegalArgumentException("image shape must be [C, H, W], was " + java.util.Arrays.toString(shape));
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, was " + steps);
        shape = shape.clone();
    }

    /** Channels of the spike maps: C, or 2·C with {@code onOff}. */
    public int channels() {
        return onOff ? 2 * shape[0] : shape[0];
    }

    /** The first-spike times of {@code image} ({@code [C, H, W]} values). */
    public SpikeMap encode(float[] image) {
        int c = shape[0];
        int h = shape[1];
        int w = shape[2];
        if (!onOff) return SpikeMap.firstSpike(image, c, h, w, steps, 0f);
        float[] out = new float[2 * c * h * w];
        float max = 0;
        int r = SIZE / 2;
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float s = 0;
                    for (int dy = -r; dy <= r; dy++) {
                        int yy = y + dy;
                        if (yy < 0 || yy >= h) continue;
                        for (int dx = -r; dx <= r; dx++) {
                            int xx = x + dx;
                            if (xx >= 0 && xx < w) s += DOG[(dy + r) * SIZE + dx + r] * image[(ch * h + yy) * w + xx];
                        }
                    }
                    out[((2 * ch) * h + y) * w + x] = Math.max(0, s);
                    out[((2 * ch + 1) * h + y) * w + x] = Math.max(0, -s);
                    max = Math.max(max, Math.abs(s));
                }
            }
        }
        if (max > 0) for (int i = 0; i < out.length; i++) out[i] /= max;
        return SpikeMap.firstSpike(out, 2 * c, h, w, steps, 0.1f);
    }

    /** A zero-mean {@code size × size} difference of normalised Gaussians of widths {@code s1} minus {@code s2}. */
    static float[] dog(int size, double s1, double s2) {
        float[] k = new float[size * size];
        int r = size / 2;
        double mean = 0;
        for (int y = -r; y <= r; y++) {
            for (int x = -r; x <= r; x++) {
                double d = x * x + y * y;
                double v = Math.exp(-d / (2 * s1 * s1)) / (2 * Math.PI * s1 * s1) - Math.exp(-d / (2 * s2 * s2)) / (2 * Math.PI * s2 * s2);
                k[(y + r) * size + x + r] = (float) v;
                mean += v;
            }
        }
        mean /= k.length;
        for (int i = 0; i < k.length; i++) k[i] -= (float) mean;
        return k;
    }
}
