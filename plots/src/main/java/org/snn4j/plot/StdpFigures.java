package org.snn4j.plot;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.snn4j.io.AtomicFile;

/**
 * The figures of unsupervised STDP (Diehl &amp; Cook's network), as PNG files written atomically: the learned
 * receptive fields and a spike raster of one sample. They take plain arrays, so this package needs nothing of
 * the learner.
 */
public final class StdpFigures {
    private static final int GAP_GREY = 0x40;

    private StdpFigures() {}

    /**
     * Every neuron's input weights as a {@code height × width} tile (white = its largest weight, black = 0;
     * each tile scaled to its own maximum, negative weights shown as 0), tiles in a near-square grid row by
     * row, one pixel of grey between tiles, every pixel enlarged {@code zoom} times.
     *
     * @param weights {@code [inputs, neurons]}: input i's weight to neuron j at {@code i·neurons + j}
     * @param inputs  {@code height · width}
     */
    public static void receptiveFields(Path file, float[] weights, int inputs, int neurons, int height, int width, int zoom) {
        if (inputs != height * width || weights.length != inputs * neurons || neurons < 1 || zoom < 1) {
            throw new IllegalArgumentException("need " + height + "·" + width + " = inputs (" + inputs + "), " + inputs + "·" + neurons
                    + " weights (" + weights.length + "), neurons >= 1, zoom >= 1 (" + zoom + ")");
        }
        int cols = (int) Math.ceil(Math.sqrt(neurons)), rows = (neurons + cols - 1) / cols;
        int tileW = width * zoom, tileH = height * zoom;
        BufferedImage img = new BufferedImage(cols * (tileW + 1) + 1, rows * (tileH + 1) + 1, BufferedImage.TYPE_INT_RGB);
        int grey = GAP_GREY << 16 | GAP_GREY << 8 | GAP_GREY;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) img.setRGB(x, y, grey);
        }
        for (int j = 0; j < neurons; j++) {
            float max = 0;
            for (int i = 0; i < inputs; i++) max = Math.max(max, weights[i * neurons + j]);
            int x0 = 1 + (j % cols) * (tileW + 1), y0 = 1 + (j / cols) * (tileH + 1);
            for (int i = 0; i < inputs; i++) {
                float w = weights[i * neurons + j];
                int level = max > 0 ? Math.round(255 * Math.max(0, w) / max) : 0;
                int rgb = level << 16 | level << 8 | level;
                int px = x0 + (i % width) * zoom, py = y0 + (i / width) * zoom;
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) img.setRGB(px + dx, py + dy, rgb);
                }
            }
        }
        AtomicFile.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) throw new java.io.IOException("no PNG writer");
        });
    }

    /**
     * Spike raster of one presentation: a dot at (time, neuron) for every spike; {@code spikes.get(t)} holds
     * the neurons that fired in step t, each step {@code dtMs} long.
     */
    public static void raster(Path file, String title, List<int[]> spikes, int neurons, double dtMs) {
        int total = 0;
        for (int[] step : spikes) total += step.length;
        double[] x = new double[Math.max(1, total)], y = new double[Math.max(1, total)];
        if (total == 0) {
            x[0] = Double.NaN;
            y[0] = Double.NaN;
        }
        int k = 0;
        for (int t = 0; t < spikes.size(); t++) {
            for (int j : spikes.get(t)) {
                x[k] = (t + 1) * dtMs;
                y[k++] = j;
            }
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("time (ms)")
                .yAxisTitle("excitatory neuron (of " + neurons + ")").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(Math.max(1, spikes.size()) * dtMs);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax((double) Math.max(1, neurons - 1));
        chart.addSeries("spikes", x, y);
        System.setProperty("java.awt.headless", "true");
        AtomicFile.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
