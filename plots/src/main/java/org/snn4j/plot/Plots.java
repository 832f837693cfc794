package org.snn4j.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.snn4j.io.AtomicFile;
import org.snn4j.model.Model;
import org.snn4j.tensor.Tensor;

/** The figures snn4j writes, as PNG files (written atomically). */
public final class Plots {
    private static final int WIDTH = 800, HEIGHT = 500;

    private Plots() {}

    /** Bar chart of spikes per neuron per time step, by spiking layer. */
    public static void firingRates(Path file, String title, Map<String, Double> rates) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("layer").yAxisTitle("spikes per neuron per step").build();
        chart.getStyler().setLegendVisible(false);
        List<String> layers = new ArrayList<>(rates.keySet());
        List<Double> values = new ArrayList<>(rates.values());
        if (layers.isEmpty()) {
            layers.add("(no spiking layer)");
            values.add(0.0);
        }
        chart.addSeries("rate", layers, values);
        save(file, chart);
    }

    /**
     * Spike raster of one sample: {@code neuronsPerLayer} neurons of every spiking layer, evenly spaced
     * over the layer (all of a smaller layer), stacked, one dot per spike at (step, neuron).
     *
     * @param image {@code [C, H, W]}, fed as direct input held for {@code steps}
     */
    public static void raster(Path file, String title, Model snn, Tensor image, int steps, int neuronsPerLayer) {
        Map<String, List<double[]>> dots = new LinkedHashMap<>();
        int offset = 0;
        for (SpikeRaster.Layer layer : SpikeRaster.of(snn, image, steps, neuronsPerLayer, SpikeRaster.Selection.EVENLY_SPACED).layers()) {
            List<double[]> xy = new ArrayList<>();
            for (int step = 0; step < steps; step++) {
                for (int k = 0; k < layer.shown(); k++) {
                    if (layer.spiked(k, step, steps)) xy.add(new double[] {step + 1, offset + k});
                }
            }
            dots.put(layer.name(), xy);
            offset += layer.shown();
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("time step")
                .yAxisTitle("neuron (" + neuronsPerLayer + " evenly spaced per layer)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        dots.forEach((layer, xy) -> {
            if (xy.isEmpty()) xy.add(new double[] {Double.NaN, Double.NaN});
            double[] x = new double[xy.size()], y = new double[xy.size()];
            for (int i = 0; i < xy.size(); i++) {
                x[i] = xy.get(i)[0];
                y[i] = xy.get(i)[1];
            }
            chart.addSeries(layer, x, y);
        });
        if (dots.isEmpty()) chart.addSeries("(no spiking layer)", new double[] {0}, new double[] {0});
        save(file, chart);
    }

    /** Accuracy (%) against T, one line per method, a dashed line at the ANN's accuracy. */
    public static void accuracyAgainstT(Path file, String title, Map<String, Map<Integer, Double>> byMethod, double annAccuracy) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("time steps T")
                .yAxisTitle("test accuracy (%)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        double minT = Double.MAX_VALUE, maxT = 0;
        for (var e : byMethod.entrySet()) {
            double[] t = e.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] acc = e.getValue().values().stream().mapToDouble(a -> 100 * a).toArray();
            for (double v : t) {
                minT = Math.min(minT, v);
                maxT = Math.max(maxT, v);
            }
            chart.addSeries(e.getKey(), t, acc);
        }
        if (maxT > 0) {
            XYSeries ann = chart.addSeries("ANN", new double[] {minT, maxT}, new double[] {100 * annAccuracy, 100 * annAccuracy});
            ann.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        save(file, chart);
    }

    private static void save(Path file, Chart<?, ?> chart) {
        System.setProperty("java.awt.headless", "true");
        AtomicFile.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
