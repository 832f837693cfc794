package org.snn4j.plot.svg;

import java.util.List;

/**
 * Line and bar charts as inline SVG: a title, axes with round ticks and labels, a legend, and the data in
 * colours that stay distinct for colour-blind readers (Okabe and Ito's palette).
 */
public final class Charts {
    /** The series colours, in order. */
    public static final List<String> COLOURS = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442");
    static final int WIDTH = 560, HEIGHT = 320;
    static final int LEFT = 64, RIGHT = 16, TOP = 34, BOTTOM = 48, LEGEND_ROW = 16;

    private Charts() {}

    /**
     * One named series of values.
     *
     * @param name   shown in the legend
     * @param x      x values (for a bar chart: unused, may be null)
     * @param y      y values; a non-finite one leaves a gap
     */
    public record Series(String name, double[] x, double[] y) {}

    /** The colour of series {@code i}. */
    public static String colour(int i) {
        return COLOURS.get(i % COLOURS.size());
    }

    /**
     * Lines through each series' points.
     *
     * @param logX whether the x axis is logarithmic (e.g. T)
     */
    public static Svg lines(String title, String xLabel, String yLabel, List<Series> series, boolean logX) {
        int legendHeight = LEGEND_ROW * ((series.size() + 2) / 3);
        Svg svg = frame(title, HEIGHT + legendHeight);
        double bottom = HEIGHT + legendHeight - BOTTOM;
        Scale xs = Scale.covering(all(series, true), LEFT, WIDTH - RIGHT, logX, false);
        Scale ys = Scale.covering(all(series, false), bottom, TOP + legendHeight, false, true);
        axes(svg, xs, ys, xLabel, yLabel);
        draw(svg, series, xs, ys);
        legend(svg, series, TOP - 6);
        return svg;
    }

    /**
     * Membrane traces: a line per neuron over time, a dashed line at the threshold θ, and in a strip above the
     * plot a tick in the neuron's colour at each of its spikes (a row per neuron).
     *
     * @param spikes {@code spikes.get(i)[j]}: whether series i's neuron spiked at its j-th point
     */
    public static Svg traces(String title, String xLabel, String yLabel, List<Series> series, double threshold, List<boolean[]> spikes) {
        int legendHeight = LEGEND_ROW * ((series.size() + 2) / 3), strip = 4 * series.size() + 6;
        Svg svg = frame(title, HEIGHT + legendHeight + strip);
        double bottom = HEIGHT + legendHeight + strip - BOTTOM, top = TOP + legendHeight + strip;
        double[] values = java.util.Arrays.copyOf(all(series, false), all(series, false).length + 1);
        values[values.length - 1] = threshold;
        Scale xs = Scale.covering(all(series, true), LEFT, WIDTH - RIGHT, false, false);
        Scale ys = Scale.covering(values, bottom, top, false, true);
        axes(svg, xs, ys, xLabel, yLabel);
        double th = ys.at(threshold);
        svg.line(LEFT, th, WIDTH - RIGHT, th, "#000000", 1.5, 6);
        svg.text(WIDTH - RIGHT - 2, th - 4, "θ = " + ys.label(threshold), 11, "end", 0);
        draw(svg, series, xs, ys);
        svg.text(LEFT - 6, top - strip / 2.0 + 4, "spikes", 11, "end", 0);
        for (int i = 0; i < series.size(); i++) {
            double y = top - strip + 2 + 4 * i;
            for (int j = 0; j < spikes.get(i).length; j++) {
                if (spikes.get(i)[j]) svg.rect(xs.at(series.get(i).x()[j]) - 1, y, 2, 3, colour(i));
            }
        }
        legend(svg, series, TOP - 6);
        return svg;
    }

    /** Each series as a line through its finite points, in its colour. */
    private static void draw(Svg svg, List<Series> series, Scale xs, Scale ys) {
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int k = 0;
            double[] px = new double[s.y().length], py = new double[s.y().length];
            for (int j = 0; j < s.y().length; j++) {
                if (!Double.isFinite(s.y()[j])) continue;
                px[k] = xs.at(s.x()[j]);
                py[k++] = ys.at(s.y()[j]);
            }
            svg.polyline(java.util.Arrays.copyOf(px, k), java.util.Arrays.copyOf(py, k), colour(i), 2);
        }
    }

    /**
     * Bars grouped by category, one bar per series in each group.
     *
     * @param logY whether the y axis is logarithmic (counts over several orders of magnitude); zero bars are left out
     */
    public static Svg bars(String title, String yLabel, List<String> categories, List<Series> series, boolean logY) {
        int legendHeight = LEGEND_ROW * ((series.size() + 2) / 3);
        Svg svg = frame(title, HEIGHT + legendHeight);
        double bottom = HEIGHT + legendHeight - BOTTOM;
        Scale ys = Scale.covering(all(series, false), bottom, TOP + legendHeight, logY, true);
        Scale xs = new Scale(0, Math.max(1, categories.size()), LEFT, WIDTH - RIGHT, false);
        axes(svg, null, ys, "", yLabel);
        double group = xs.at(1) - xs.at(0), bar = group * 0.8 / Math.max(1, series.size());
        for (int c = 0; c < categories.size(); c++) {
            double x0 = xs.at(c) + group * 0.1;
            svg.text(xs.at(c + 0.5), bottom + 14, categories.get(c), 11, "middle", 0);
            for (int i = 0; i < series.size(); i++) {
                double v = series.get(i).y()[c];
                if (!Double.isFinite(v) || (logY && v <= 0) || v == 0) continue;
                double top = ys.at(v);
                svg.rect(x0 + i * bar, top, Math.max(1, bar - 1), Math.max(1, bottom - top), colour(i));
            }
        }
        legend(svg, series, TOP - 6);
        return svg;
    }

    static Svg frame(String title, int height) {
        Svg svg = new Svg(WIDTH, height, title);
        svg.rect(0, 0, WIDTH, height, "#ffffff");
        svg.text(WIDTH / 2.0, 18, title, 14, "middle", 0);
        return svg;
    }

    /** The y axis with grid lines, and the x axis (ticks only when {@code xs} is given). */
    static void axes(Svg svg, Scale xs, Scale ys, String xLabel, String yLabel) {
        double bottom = ys.from();
        for (double t : ys.ticks()) {
            double y = ys.at(t);
            svg.line(LEFT, y, WIDTH - RIGHT, y, "#dddddd", 1);
            svg.text(LEFT - 6, y + 4, ys.label(t), 11, "end", 0);
        }
        svg.line(LEFT, bottom, WIDTH - RIGHT, bottom, "#333333", 1);
        svg.line(LEFT, bottom, LEFT, ys.to(), "#333333", 1);
        if (xs != null) {
            for (double t : xs.ticks()) {
                double x = xs.at(t);
                svg.line(x, bottom, x, bottom + 4, "#333333", 1);
                svg.text(x, bottom + 16, xs.label(t), 11, "middle", 0);
            }
        }
        svg.text((LEFT + WIDTH - RIGHT) / 2.0, bottom + 36, xLabel, 12, "middle", 0);
        svg.text(16, (bottom + ys.to()) / 2, yLabel, 12, "middle", -90);
    }

    /** Three names per row under the title, each after a square of its colour. */
    static void legend(Svg svg, List<Series> series, double top) {
        double column = (WIDTH - LEFT - RIGHT) / 3.0;
        for (int i = 0; i < series.size(); i++) {
            double x = LEFT + (i % 3) * column, y = top + 12 + (i / 3) * LEGEND_ROW;
            svg.rect(x, y, 10, 10, colour(i));
            svg.text(x + 14, y + 9, series.get(i).name(), 11, "start", 0);
        }
    }

    private static double[] all(List<Series> series, boolean x) {
        return series.stream().flatMapToDouble(s -> java.util.Arrays.stream(x ? s.x() : s.y())).toArray();
    }
}
