package org.snn4j.datasets;

import java.awt.image.BufferedImage;
import org.snn4j.tensor.Rng;

/**
 * The crops of the usual ImageNet recipes, resampled bilinearly (without antialiasing) to a square of
 * {@code size × size} and written as {@code [3, size, size]} floats in {@code [0, 1]} (grey images give
 * three equal channels, their stored values unchanged). Training: random-resized-crop (area 8–100 % of
 * the image, aspect ratio 3/4–4/3 drawn log-uniformly, ten tries, else the centre crop) then a horizontal
 * flip with probability ½. Test: resize the shorter side to {@code round(size · 256/224)}, then the
 * centre {@code size × size}.
 */
final class ImageCrop {
    private ImageCrop() {}

    /** The test crop of {@code img} into {@code dst} from {@code off}. */
    static void centre(BufferedImage img, int size, float[] dst, int off) {
        int w = img.getWidth();
        int h = img.getHeight();
        double resized = Math.round(size * 256.0 / 224.0);
        double side = Math.min(w, h) * size / resized;  // the crop's side in source pixels
        resample(img, (w - side) / 2, (h - side) / 2, side, side, false, size, dst, off);
    }

    /** The training crop of {@code img}, drawn from {@code rng}, into {@code dst} from {@code off}. */
    static void randomResized(BufferedImage img, int size, Rng rng, float[] dst, int off) {
        int w = img.getWidth();
        int h = img.getHeight();
        double area = (double) w * h;
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (0.08 + 0.92 * rng.nextFloat());
            double ratio = Math.exp(Math.log(3.0 / 4) + (Math.log(4.0 / 3) - Math.log(3.0 / 4)) * rng.nextFloat());
            double cw = Math.sqrt(target * ratio);
            double ch = Math.sqrt(target / ratio);
            if (cw <= w && ch <= h) {
                double x = (w - cw) * rng.nextFloat();
                double y = (h - ch) * rng.nextFloat();
                resample(img, x, y, cw, ch, rng.nextFloat() < 0.5f, size, dst, off);
                return;
            }
        }
        double side = Math.min(w, h);
        resample(img, (w - side) / 2, (h - side) / 2, side, side, rng.nextFloat() < 0.5f, size, dst, off);
    }

    /** Bilinear resampling of the source rectangle {@code (x0, y0, cw, ch)} to {@code size × size}. */
    private static void resample(BufferedImage img, double x0, double y0, double cw, double ch, boolean flip,
                                 int size, float[] dst, int off) {
        int w = img.getWidth();
        int h = img.getHeight();
        ImageRows rows = new ImageRows(img);
        int[] row0 = new int[w];
        int[] row1 = new int[w];
        int plane = size * size;
        for (int oy = 0; oy < size; oy++) {
            double sy = clamp(y0 + (oy + 0.5) * ch / size - 0.5, h);
            int y = (int) Math.floor(sy);
            int yb = Math.min(y + 1, h - 1);
            float fy = (float) (sy - y);
            rows.read(y, row0);
            rows.read(yb, row1);
            for (int ox = 0; ox < size; ox++) {
                double sx = clamp(x0 + (ox + 0.5) * cw / size - 0.5, w);
                int x = (int) Math.floor(sx);
                int xb = Math.min(x + 1, w - 1);
                float fx = (float) (sx - x);
                int o = off + oy * size + (flip ? size - 1 - ox : ox);
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    float top = lerp(channel(row0[x], shift), channel(row0[xb], shift), fx);
                    float bottom = lerp(channel(row1[x], shift), channel(row1[xb], shift), fx);
                    dst[o + c * plane] = lerp(top, bottom, fy) / 255f;
                }
            }
        }
    }

    private static double clamp(double v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }

    private static float channel(int argb, int shift) {
        return (argb >>> shift) & 0xFF;
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }
}
