package org.snn4j.datasets;

import java.awt.image.BufferedImage;

/**
 * Reads an image's rows as packed {@code 0xRRGGBB} pixels. The usual decoded types (8-bit RGB, RGBA and
 * grey, 16-bit grey) are read from the raster's samples as stored, which is several times faster than
 * {@link BufferedImage#getRGB} and keeps grey values as they are (getRGB would convert the linear grey
 * colour space to sRGB, turning a stored 128 into 188); other types (palettes, custom layouts) go through
 * getRGB.
 */
final class ImageRows {
    private final BufferedImage img;
    private final int bands;
    private final int shift;
    private final boolean raw;
    private final int[] samples;

    ImageRows(BufferedImage img) {
        this.img = img;
        int type = img.getType();
        raw = switch (type) {
            case BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_BGR,
                 BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_GRAY,
                 BufferedImage.TYPE_USHORT_GRAY -> true;
            default -> false;
        };
        bands = img.getRaster().getNumBands();
        shift = type == BufferedImage.TYPE_USHORT_GRAY ? 8 : 0;
        samples = raw ? new int[img.getWidth() * bands] : null;
    }

    /** Writes row {@code y} ({@code width} pixels) into {@code rgb}. */
    void read(int y, int[] rgb) {
        int w = img.getWidth();
        if (!raw) {
            img.getRGB(0, y, w, 1, rgb, 0, w);
            return;
        }
        img.getRaster().getPixels(0, y, w, 1, samples);
        if (bands < 3) {
            for (int x = 0; x < w; x++) {
                int v = samples[x * bands] >>> shift;
                rgb[x] = v << 16 | v << 8 | v;
            }
        } else {
            for (int x = 0, s = 0; x < w; x++, s += bands) rgb[x] = samples[s] << 16 | samples[s + 1] << 8 | samples[s + 2];
        }
    }
}
