package org.snn4j.plot.svg;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.snn4j.io.AtomicFile;

/** A picture as a file, written atomically: the SVG document itself, or the same shapes drawn into a PNG. */
public final class SvgFiles {
    private SvgFiles() {}

    /** Writes {@code svg} as a standalone SVG file. */
    public static void writeSvg(Path file, Svg svg) {
        byte[] text = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(text));
    }

    /** Writes {@code svg} drawn at {@code scale} device pixels per CSS pixel as a PNG file (white where nothing is drawn). */
    public static void writePng(Path file, Svg svg, double scale) {
        BufferedImage image = image(svg, scale);
        AtomicFile.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) throw new java.io.IOException("no PNG writer");
        });
    }

    /** {@code svg} drawn at {@code scale} device pixels per CSS pixel, anti-aliased, on white. */
    public static BufferedImage image(Svg svg, double scale) {
        if (!(scale > 0) || scale > 8) throw new IllegalArgumentException("scale must be in (0, 8], was " + scale);
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage((int) Math.ceil(svg.width() * scale), (int) Math.ceil(svg.height() * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale);
            svg.draw(g);
        } finally {
            g.dispose();
        }
        return image;
    }
}
