package org.snn4j.plot.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * A spike raster as inline SVG: time steps across, neurons down, one small square per spike; layers stacked
 * top to bottom, each in its own colour with its name on the left.
 */
public final class RasterChart {
    private RasterChart() {}

    /**
     * One layer's rows.
     *
     * @param name   the layer
     * @param rows   neurons shown
     * @param spiked whether row r spiked at step t
     */
    public record Block(String name, int rows, java.util.function.BiPredicate<Integer, Integer> spiked) {}

    /** The raster of {@code blocks} over {@code steps} time steps, labelled 1..T. */
    public static Svg render(String title, List<Block> blocks, int steps) {
        return render(title, blocks, steps, "time step", 1);
    }

    /**
     * The raster of {@code blocks} over {@code steps} time steps, each {@code stepLength} long in the unit of
     * {@code xLabel} (e.g. milliseconds of a simulation's steps): up to 32 steps of length 1 are labelled 1..T under
     * their columns, others on a time axis with round ticks. A raster of more steps than the width has pixels draws
     * steps narrower than a pixel, each spike still two pixels wide.
     */
    public static Svg render(String title, List<Block> blocks, int steps, String xLabel, double stepLength) {
        int totalRows = Math.max(1, blocks.stream().mapToInt(Block::rows).sum());
        double rowHeight = Math.max(1, Math.min(4, 420.0 / totalRows));
        int left = 110, top = 30, bottom = 40;
        double cell = Math.min(24, (Charts.WIDTH - left - Charts.RIGHT) / (double) Math.max(1, steps));
        int height = (int) Math.ceil(top + totalRows * rowHeight + blocks.size() * 4 + bottom);
        Svg svg = Charts.frame(title, height);
        double y = top;
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            List<double[]> spikes = new ArrayList<>();
            for (int r = 0; r < block.rows(); r++) {
                for (int t = 0; t < steps; t++) {
                    if (block.spiked().test(r, t)) spikes.add(new double[] {left + t * cell, y + r * rowHeight, Math.max(cell < 3 ? 2 : 1, cell - 1), rowHeight});
                }
            }
            svg.rect(left, y, steps * cell, block.rows() * rowHeight, "#f4f4f4");
            svg.rects(spikes, Charts.colour(b));
            svg.text(left - 6, y + block.rows() * rowHeight / 2 + 4, block.name(), 11, "end", 0);
            y += block.rows() * rowHeight + 4;
        }
        if (stepLength == 1 && steps <= 32) {  // a few steps: each labelled under its column, 1..T
            for (int t = 0; t < steps; t += Math.max(1, steps / 8)) svg.text(left + (t + 0.5) * cell, y + 14, Integer.toString(t + 1), 11, "middle", 0);
        } else {                               // many steps: round times on a time axis
            Scale xs = Scale.covering(new double[] {0, steps * stepLength}, left, left + steps * cell, false, true);
            for (double v : xs.ticks()) {
                if (v > steps * stepLength) continue;
                svg.line(left + v / stepLength * cell, y, left + v / stepLength * cell, y + 4, "#333333", 1);
                svg.text(left + v / stepLength * cell, y + 16, xs.label(v), 11, "middle", 0);
            }
        }
        svg.text(left + steps * cell / 2, y + 32, xLabel, 12, "middle", 0);
        return svg;
    }
}
