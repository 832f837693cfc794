package org.snn4j.datasets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a JPEG or PNG file with the JDK's {@code javax.imageio} (the header first: its size is checked
 * before pixels are allocated). Every failure, including the odd runtime exceptions ImageIO's plug-ins
 * throw on corrupt input, becomes a one-line {@link DataFormatException} naming the file; JPEGs the
 * JDK's reader does not support (e.g. arithmetic coding) get a hint to convert them. Four-channel (CMYK)
 * JPEGs, as a few files in ImageNet are, decode (JDK 25's reader converts them through its CMYK colour
 * space; {@code ImageFolderTest} reads one).
 */
final class ImageDecoder {
    /** Images larger than this many pixels are refused, from the header before decoding (8192 × 8192). */
    static final long MAX_PIXELS = 1L << 26;

    private ImageDecoder() {}

    /** Decodes {@code file}. */
    static BufferedImage read(Path file) {
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            return decode(file.toString(), in);
        } catch (IOException e) {
            throw new DataFormatException(file.toString(), "cannot read: " + e);
        }
    }

    /** Decodes an image held in memory; {@code name} names it in errors. */
    static BufferedImage decode(String name, byte[] bytes) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return decode(name, in);
        } catch (IOException e) {
            throw new DataFormatException(name, "cannot read: " + e);
        }
    }

    private static BufferedImage decode(String name, ImageInputStream iis) {
        try {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new DataFormatException(name, "not a JPEG or PNG image the JDK's ImageIO can read");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
                if (!format.equals("jpeg") && !format.equals("png")) {
                    throw new DataFormatException(name, "a " + format + " image; expected JPEG or PNG");
                }
                reader.setInput(iis, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || w * h > MAX_PIXELS) {
                    throw new DataFormatException(name, "image size " + w + "x" + h + " outside [1, " + MAX_PIXELS + " pixels]");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            String hint = m.contains("Unsupported Image Type") || m.contains("Unsupported JPEG process")
                    ? " (a JPEG variant the JDK does not read: convert it to a baseline or progressive RGB JPEG, or PNG)" : "";
            throw new DataFormatException(name, "cannot decode the image: " + oneLine(m) + hint);
        } catch (DataFormatException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new DataFormatException(name, "cannot decode the image: " + oneLine(e.toString()));
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
