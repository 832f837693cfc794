package org.snn4j.plot.svg;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A small SVG document writer: shapes and text appended in drawing order, numbers with two decimals at most,
 * text escaped. {@link #toString()} gives the {@code <svg>} element, ready to inline in HTML (it needs no
 * script, font file or network access); {@link SvgFiles} writes it as an SVG file or draws the same shapes, in
 * the same order, into a PNG.
 */
public final class Svg {
    private final int width, height;
    private final StringBuilder body = new StringBuilder();
    /** The same picture as Java2D operations, for PNG files. */
    private final List<Consumer<Graphics2D>> drawing = new ArrayList<>();

    /**
     * @param width  width in CSS pixels
     * @param height height in CSS pixels
     * @param label  the picture's accessible name
     */
    public Svg(int width, int height, String label) {
        this.width = width;
        this.height = height;
        body.append("<title>").append(escape(label)).append("</title>");
    }

    /** The width in CSS pixels. */
    public int width() {
        return width;
    }

    /** The height in CSS pixels. */
    public int height() {
        return height;
    }

    /** A straight line. */
    public Svg line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth) {
        return line(x1, y1, x2, y2, stroke, strokeWidth, 0);
    }

    /**
     * A straight line, dashed when {@code dash} &gt; 0 (dashes and gaps {@code dash} pixels long).
     */
    public Svg line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth, double dash) {
        body.append(String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"%s\"%s/>",
                n(x1), n(y1), n(x2), n(y2), stroke, n(strokeWidth), dash > 0 ? " stroke-dasharray=\"" + n(dash) + "\"" : ""));
        BasicStroke s = dash > 0 ? new BasicStroke((float) strokeWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {(float) dash}, 0f) : new BasicStroke((float) strokeWidth);
        drawing.add(g -> {
            g.setColor(Color.decode(stroke));
            g.setStroke(s);
            g.draw(new Line2D.Double(x1, y1, x2, y2));
        });
        return this;
    }

    /** A filled rectangle. */
    public Svg rect(double x, double y, double w, double h, String fill) {
        body.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"/>", n(x), n(y), n(w), n(h), fill));
        return fill(new Rectangle2D.Double(x, y, w, h), fill);
    }

    /** A line through the points {@code (x[i], y[i])}, with a dot at each. */
    public Svg polyline(double[] x, double[] y, String stroke, double strokeWidth) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < x.length; i++) points.append(i == 0 ? "" : " ").append(n(x[i])).append(',').append(n(y[i]));
        body.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(strokeWidth))
                .append("\" points=\"").append(points).append("\"/>");
        Path2D.Double line = new Path2D.Double();
        for (int i = 0; i < x.length; i++) {
            if (i == 0) line.moveTo(x[i], y[i]);
            else line.lineTo(x[i], y[i]);
        }
        drawing.add(g -> {
            g.setColor(Color.decode(stroke));
            g.setStroke(new BasicStroke((float) strokeWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            g.draw(line);
        });
        for (int i = 0; i < x.length; i++) circle(x[i], y[i], strokeWidth + 1, stroke);
        return this;
    }

    /** A filled circle. */
    public Svg circle(double cx, double cy, double r, String fill) {
        body.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\"/>", n(cx), n(cy), n(r), fill));
        return fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r), fill);
    }

    /** Axis-aligned rectangles filled in one colour as one path element (e.g. a raster's spikes). */
    public Svg rects(List<double[]> boxes, String fill) {
        if (boxes.isEmpty()) return this;
        StringBuilder d = new StringBuilder();
        Path2D.Double shape = new Path2D.Double();
        for (double[] b : boxes) {
            d.append('M').append(n(b[0])).append(' ').append(n(b[1])).append('h').append(n(b[2])).append('v').append(n(b[3]))
                    .append('h').append(n(-b[2])).append('z');
            shape.append(new Rectangle2D.Double(b[0], b[1], b[2], b[3]), false);
        }
        body.append("<path fill=\"").append(fill).append("\" d=\"").append(d).append("\"/>");
        return fill(shape, fill);
    }

    /**
     * Text at (x, y).
     *
     * @param anchor start, middle or end
     * @param rotate degrees about (x, y); 0 for none
     */
    public Svg text(double x, double y, String text, int size, String anchor, double rotate) {
        body.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" font-size=\"%d\" text-anchor=\"%s\"%s>%s</text>", n(x), n(y), size,
                anchor, rotate == 0 ? "" : String.format(Locale.ROOT, " transform=\"rotate(%s %s %s)\"", n(rotate), n(x), n(y)), escape(text)));
        drawing.add(g -> {
            Graphics2D t = (Graphics2D) g.create();
            t.setColor(Color.decode("#222222"));
            t.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            t.rotate(Math.toRadians(rotate), x, y);
            int w = t.getFontMetrics().stringWidth(text);
            t.drawString(text, (float) (x - ("middle".equals(anchor) ? w / 2.0 : "end".equals(anchor) ? w : 0)), (float) y);
            t.dispose();
        });
        return this;
    }

    /**
     * A bitmap (e.g. learned weights as grey levels) stretched over the box, pixels kept square and sharp; in the
     * SVG a PNG inlined as a data URI, so the document still loads nothing.
     */
    public Svg image(double x, double y, double w, double h, java.awt.image.BufferedImage image) {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        try {
            if (!javax.imageio.ImageIO.write(image, "png", png)) throw new IllegalStateException("no PNG writer");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        body.append(String.format(Locale.ROOT, "<image x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" preserveAspectRatio=\"none\" "
                + "style=\"image-rendering:pixelated\" href=\"data:image/png;base64,%s\"/>", n(x), n(y), n(w), n(h),
                java.util.Base64.getEncoder().encodeToString(png.toByteArray())));
        drawing.add(g -> {
            Graphics2D t = (Graphics2D) g.create();
            t.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            t.translate(x, y);
            t.scale(w / image.getWidth(), h / image.getHeight());
            t.drawImage(image, 0, 0, null);
            t.dispose();
        });
        return this;
    }

    /** Draws this picture's shapes, in order, into {@code g} (whose origin is the picture's top left). */
    public void draw(Graphics2D g) {
        for (Consumer<Graphics2D> op : drawing) op.accept(g);
    }

    private Svg fill(java.awt.Shape shape, String colour) {
        drawing.add(g -> {
            g.setColor(Color.decode(colour));
            g.fill(shape);
        });
        return this;
    }

    @Override
    public String toString() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 "
                + width + " " + height + "\" font-family=\"sans-serif\">" + body + "</svg>";
    }

    /** A coordinate with at most two decimals and no trailing zeros. */
    public static String n(double v) {
        if (!Double.isFinite(v)) return "0";
        long hundredths = Math.round(v * 100);
        if (hundredths % 100 == 0) return Long.toString(hundredths / 100);
        return java.math.BigDecimal.valueOf(hundredths, 2).stripTrailingZeros().toPlainString();
    }

    /** {@code text} with the characters that XML and HTML treat specially escaped. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
