package org.snn4j.plot.svg;

import java.util.Locale;

/**
 * A small SVG document writer: shapes and text appended in drawing order, numbers with two decimals at most,
 * text escaped. {@link #toString()} gives the {@code <svg>} element, ready to inline in HTML (it needs no
 * script, font file or network access).
 */
public final class Svg {
    private final int width, height;
    private final StringBuilder body = new StringBuilder();

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
        body.append(String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>",
                n(x1), n(y1), n(x2), n(y2), stroke, n(strokeWidth)));
        return this;
    }

    /** A filled rectangle. */
    public Svg rect(double x, double y, double w, double h, String fill) {
        body.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"/>", n(x), n(y), n(w), n(h), fill));
        return this;
    }

    /** A line through the points {@code (x[i], y[i])}, with a dot at each. */
    public Svg polyline(double[] x, double[] y, String stroke, double strokeWidth) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < x.length; i++) points.append(i == 0 ? "" : " ").append(n(x[i])).append(',').append(n(y[i]));
        body.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(strokeWidth))
                .append("\" points=\"").append(points).append("\"/>");
        for (int i = 0; i < x.length; i++) circle(x[i], y[i], strokeWidth + 1, stroke);
        return this;
    }

    /** A filled circle. */
    public Svg circle(double cx, double cy, double r, String fill) {
        body.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\"/>", n(cx), n(cy), n(r), fill));
        return this;
    }

    /** A filled path ({@code d} in SVG path syntax), e.g. many small squares in one element. */
    public Svg path(String d, String fill) {
        body.append("<path fill=\"").append(fill).append("\" d=\"").append(d).append("\"/>");
        return this;
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
