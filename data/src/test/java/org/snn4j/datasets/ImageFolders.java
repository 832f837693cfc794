package org.snn4j.datasets;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes small image folders for tests, with the JDK's ImageIO. */
final class ImageFolders {
    private ImageFolders() {}

    /** A {@code w × h} image of one colour {@code rgb}, written as PNG or JPEG by the file's extension. */
    static Path solid(Path file, int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, rgb);
        return write(file, img);
    }

    /** A {@code w × h} image of pseudo-random pixels from {@code seed}, as PNG or JPEG by extension. */
    static Path noise(Path file, int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, r.nextInt(1 << 24));
        return write(file, img);
    }

    static Path write(Path file, BufferedImage img) {
        try {
            Files.createDirectories(file.getParent());
            String n = file.getFileName().toString().toLowerCase();
            if (!ImageIO.write(img, n.endsWith(".png") ? "png" : "jpeg", file.toFile())) throw new IOException("no writer");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
