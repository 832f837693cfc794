package org.snn4j.plot;

import java.awt.image.BufferedImage;
import java.util.BitSet;
import java.util.List;
import org.snn4j.plot.svg.RasterChart;
import org.snn4j.plot.svg.Svg;

/**
 * The figures of unsupervised STDP (Diehl &amp; Cook's network), as {@link Svg} figures like the report's: the learned
 * receptive fields and a spike raster of one sample. They take plain arrays, so this package needs nothing of the
 * learner.
 */
public final class StdpFigures {
    private static final int GAP_GREY = 0x40;
    /** Widest a receptive-field figure is drawn, in CSS pixels. */
    private static final int FIELDS_WIDTH = 560;

    private StdpFigures() {}

    /**
     * Every neuron's input weights as a {@code height × width} tile (white = its largest weight, black = 0;
     * each tile scaled to its own maximum, negative weights shown as 0), tiles in a near-square grid row by
     * row, one pixel of grey between tiles, every pixel enlarged {@code zoom} times.
     *
     * @param weights {@code [inputs, neurons]}: input i's weight to neuron j at {@code i·neurons + j}
     * @param inputs  {@code height · width}
     */
    public static BufferedImage receptiveFields(float[] weights, int inputs, int neurons, int height, int width, int zoom) {
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
        return img;
    }

    /** The receptive fields ({@link #receptiveFields}) as a figure under {@code title}, enlarged to about 560 pixels across. */
    public static Svg receptiveFieldsFigure(String title, BufferedImage fields) {
        double scale = Math.max(1, Math.floor((double) FIELDS_WIDTH / fields.getWidth()));
        double w = Math.min(FIELDS_WIDTH, fields.getWidth() * scale), h = w * fields.getHeight() / fields.getWidth();
        Svg svg = new Svg(FIELDS_WIDTH, (int) Math.ceil(h) + 34, title);
        svg.rect(0, 0, FIELDS_WIDTH, Math.ceil(h) + 34, "#ffffff");
        svg.text(FIELDS_WIDTH / 2.0, 18, title, 14, "middle", 0);
        return svg.image((FIELDS_WIDTH - w) / 2, 28, w, h, fields);
    }

    /**
     * Spike raster of one presentation: a mark at (time, neuron) for every spike; {@code spikes.get(t)} holds the
     * neurons that fired in step t, each step {@code dtMs} long; every neuron a row.
     */
    public static Svg raster(String title, List<int[]> spikes, int neurons, double dtMs) {
        int steps = spikes.size();
        BitSet fired = new BitSet();
        for (int t = 0; t < steps; t++) {
            for (int j : spikes.get(t)) fired.set(j * steps + t);
        }
        return RasterChart.render(title, List.of(new RasterChart.Block("excitatory", neurons, (r, t) -> fired.get(r * steps + t))),
                steps, "time (ms)", dtMs);
    }
}
