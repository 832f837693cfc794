package org.snn4j.datasets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Decodes a JPEG or PNG file with the JDK's {@code javax.imageio} into an RGB {@link BufferedImage}.
 * Every failure, including the odd runtime exceptions ImageIO's plug-ins throw on corrupt input, becomes
 * a one-line {@link DataFormatException} naming the file. The JDK's JPEG reader refuses CMYK and YCCK
 * JPEGs (as some files in ImageNet are); the message says so, so such a file can be converted to RGB.
 */
final class ImageDecoder {
    /** Images larger than this many pixels are refused (a corrupt header must not exhaust the heap). */
    static final long MAX_PIXELS = 1L << 26;

    private ImageDecoder() {}

    /** Decodes {@code file}. */
    static BufferedImage read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return decode(file.toString(), in);
        } catch (IOException e) {
            throw new DataFormatException(file.toString(), "cannot read: " + e);
        }
    }

    /** Decodes an image held in memory; {@code name} names it in errors. */
    static BufferedImage decode(String name, byte[] bytes) {
        return decode(name, new ByteArrayInputStream(bytes));
    }

    private static BufferedImage decode(String name, InputStream in) {
        BufferedImage img;
        try {
            ImageIO.setUseCache(false);
            img = ImageIO.read(in);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            String hint = m.contains("Unsupported Image Type") || m.contains("Unsupported JPEG process")
                    ? " (a CMYK/YCCK or otherwise unsupported JPEG: convert it to RGB baseline/progressive JPEG or PNG)" : "";
            throw new DataFormatException(name, "cannot decode the image: " + oneLine(m) + hint);
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new DataFormatException(name, "cannot decode the image: " + oneLine(e.toString()));
        }
        if (img == null) throw new DataFormatException(name, "not a JPEG or PNG image the JDK's ImageIO can read");
        if (img.getWidth() <= 0 || img.getHeight() <= 0 || (long) img.getWidth() * img.getHeight() > MAX_PIXELS) {
            throw new DataFormatException(name, "image size " + img.getWidth() + "x" + img.getHeight()
                    + " outside [1, " + MAX_PIXELS + " pixels]");
        }
        return img;
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
