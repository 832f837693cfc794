package org.snn4j.cli;

import java.util.Locale;
import org.snn4j.plot.SpikeRaster;

/**
 * A spike raster as text, for a quick look in a terminal (over SSH, without opening a PNG or the report):
 * per spiking layer a header with its rate, then one line per shown neuron, one column per time step
 * ({@code |} a spike, {@code ·} none). Beyond {@value #MAX_COLUMNS} steps a column covers several steps
 * and shows {@code |} when the neuron spiked in any of them.
 */
final class TextRaster {
    static final int MAX_COLUMNS = 100;

    private TextRaster() {}

    static String render(SpikeRaster raster) {
        int steps = raster.steps();
        int perColumn = (steps + MAX_COLUMNS - 1) / MAX_COLUMNS;
        int columns = (steps + perColumn - 1) / perColumn;
        StringBuilder out = new StringBuilder();
        if (raster.layers().isEmpty()) return "no spiking layers (an ANN): no raster" + System.lineSeparator();
        for (SpikeRaster.Layer layer : raster.layers()) {
            out.append(String.format(Locale.ROOT, "%s: %d neurons, %.4f spikes per neuron per step, %d of them shown%s%n",
                    layer.name(), layer.neurons(), layer.rate(steps), layer.shown(),
                    perColumn > 1 ? " (one column per " + perColumn + " steps)" : ""));
            for (int row = 0; row < layer.shown(); row++) {
                out.append(String.format(Locale.ROOT, "%7d ", layer.indices()[row]));
                for (int c = 0; c < columns; c++) {
                    boolean spiked = false;
                    for (int t = c * perColumn; t < Math.min(steps, (c + 1) * perColumn) && !spiked; t++) {
                        spiked = layer.spiked(row, t, steps);
                    }
                    out.append(spiked ? '|' : '·');
                }
                out.append(System.lineSeparator());
            }
        }
        return out.toString();
    }
}
