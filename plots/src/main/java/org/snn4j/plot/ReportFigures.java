package org.snn4j.plot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snn4j.plot.svg.Charts;
import org.snn4j.plot.svg.Charts.Series;
import org.snn4j.plot.svg.RasterChart;
import org.snn4j.plot.svg.Svg;
import org.snn4j.plot.svg.SvgFiles;

/**
 * The figures of a run, each an {@link Svg} under a stable name: what the HTML report ({@link HtmlReport}) shows as
 * {@code chart-NAME} and what {@code --plots DIR} writes as {@code NAME.svg} and {@code NAME.png}. Names:
 * {@code loss}, {@code accuracy}, {@code spike-rates} (per layer over epochs), {@code conversion} (accuracy against T
 * per method), from the metrics log; {@code raster} and {@code membrane}, from one sample; {@code operations} and
 * {@code energy}, from an evaluation; {@code firing-rates} (per layer, one evaluation); of an STDP run
 * {@code accuracy} and {@code spike-rates} per pass, {@code raster} and {@code receptive-fields}. A figure without data
 * is left out.
 */
public final class ReportFigures {
    private ReportFigures() {}

    /** The figures of the metrics log's lines: training curves and spike rates of its epochs, its conversions. */
    public static Map<String, Svg> ofMetrics(List<JsonObject> metrics) {
        Map<String, Svg> figures = new LinkedHashMap<>();
        List<JsonObject> epochs = lines(metrics, "epoch");
        if (!epochs.isEmpty()) {
            double[] x = column(epochs, "epoch");
            figures.put("loss", Charts.lines("Loss per epoch", "epoch", "training loss",
                    List.of(new Series("train loss", x, column(epochs, "train_loss"))), false));
            figures.put("accuracy", Charts.lines("Accuracy per epoch", "epoch", "accuracy (%)", List.of(
                    new Series("train", x, scaled(column(epochs, "train_accuracy"), 100)),
                    new Series("test", x, scaled(column(epochs, "test_accuracy"), 100))), false));
        }
        Map<String, double[]> rates = spikeRates(epochs);
        if (!rates.isEmpty()) {
            double[] x = column(epochs, "epoch");
            List<Series> series = new ArrayList<>();
            rates.forEach((layer, ys) -> series.add(new Series(layer, x, ys)));
            figures.put("spike-rates", Charts.lines("Test spikes per neuron per step", "epoch", "spike rate", series, false));
        }
        Map<String, TreeMap<Integer, Double>> accuracy = new LinkedHashMap<>();
        conversions(metrics).forEach((method, byT) -> {
            TreeMap<Integer, Double> a = new TreeMap<>();
            byT.forEach((t, o) -> a.put(t, num(o, "accuracy")));
            accuracy.put(method, a);
        });
        if (!accuracy.isEmpty()) figures.put("conversion", conversion(accuracy, Double.NaN));
        return figures;
    }

    /**
     * Test accuracy (%) against T, a line per method, and the ANN's accuracy as a line across when finite; the T
     * axis logarithmic when it spans several values from 1 up.
     *
     * @param accuracy by method, by T: accuracy as a fraction
     */
    public static Svg conversion(Map<String, TreeMap<Integer, Double>> accuracy, double annAccuracy) {
        java.util.TreeSet<Integer> steps = new java.util.TreeSet<>();
        accuracy.values().forEach(m -> steps.addAll(m.keySet()));
        List<Series> series = new ArrayList<>();
        accuracy.forEach((method, m) -> series.add(new Series(method, m.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                m.values().stream().mapToDouble(a -> 100 * a).toArray())));
        if (Double.isFinite(annAccuracy) && !steps.isEmpty()) {
            series.add(new Series("ANN", new double[] {steps.first(), steps.last()}, new double[] {100 * annAccuracy, 100 * annAccuracy}));
        }
        return Charts.lines("Accuracy against T", "time steps T", "test accuracy (%)", series, steps.size() > 1 && steps.first() > 0);
    }

    /** The figures of an STDP run's passes ({@code stdp_pass} lines): test accuracy and spikes per sample per pass. */
    public static Map<String, Svg> ofStdpPasses(List<JsonObject> metrics) {
        List<JsonObject> passes = lines(metrics, "stdp_pass");
        Map<String, Svg> figures = new LinkedHashMap<>();
        if (passes.isEmpty()) return figures;
        double[] x = column(passes, "pass");
        figures.put("accuracy", Charts.lines("Test accuracy per pass", "pass", "accuracy (%)",
                List.of(new Series("test", x, scaled(column(passes, "test_accuracy"), 100))), false));
        figures.put("spike-rates", Charts.lines("Excitatory spikes per training sample", "pass", "spikes per sample",
                List.of(new Series("excitatory", x, column(passes, "spikes_per_sample"))), false));
        return figures;
    }

    /** The figures of one sample: its spike raster and, when traced, its membrane traces. */
    public static Map<String, Svg> ofSample(SpikeRaster raster, MembraneTraces membrane) {
        Map<String, Svg> figures = new LinkedHashMap<>();
        if (!raster.layers().isEmpty()) {
            List<RasterChart.Block> blocks = raster.layers().stream().map(l -> new RasterChart.Block(l.name(), l.shown(),
                    (r, t) -> l.spiked(r, t, raster.steps()))).toList();
            figures.put("raster", RasterChart.render("Spikes of test sample 0 (neurons that spiked, evenly spaced)", blocks, raster.steps()));
        }
        if (membrane != null && membrane.neurons().length > 0) figures.put("membrane", membrane(membrane));
        return figures;
    }

    /** The membrane traces, a line per neuron, the threshold dashed, the spikes as ticks above. */
    public static Svg membrane(MembraneTraces m) {
        double[] x = new double[m.steps()];
        for (int t = 0; t < x.length; t++) x[t] = t + 1;
        List<Series> series = new ArrayList<>();
        List<boolean[]> spikes = new ArrayList<>();
        for (int k = 0; k < m.neurons().length; k++) {
            double[] v = new double[m.steps()];
            for (int t = 0; t < v.length; t++) v[t] = m.potential()[k][t];
            series.add(new Series(m.layer() + " #" + m.neurons()[k], x, v));
            spikes.add(m.spiked()[k]);
        }
        return Charts.traces("Membrane potential of test sample 0, layer " + m.layer(), "time step", "membrane V (after reset)", series,
                m.threshold(), spikes);
    }

    /** The figures of an evaluation: operations and energy per layer. */
    public static Map<String, Svg> ofEvaluation(RunReport.Evaluation e) {
        List<String> layers = e.layers().stream().map(RunReport.LayerOps::layer).toList();
        Map<String, Svg> figures = new LinkedHashMap<>();
        figures.put("operations", Charts.bars("Operations per sample", "operations (log)", layers, List.of(
                new Series("dense MACs (as ANN)", null, e.layers().stream().mapToDouble(RunReport.LayerOps::denseMacs).toArray()),
                new Series("ACs", null, e.layers().stream().mapToDouble(RunReport.LayerOps::acs).toArray()),
                new Series("MACs", null, e.layers().stream().mapToDouble(RunReport.LayerOps::macs).toArray())), true));
        figures.put("energy", Charts.bars("Energy per sample (" + e.energyModel() + ")", "energy (nJ, log)", layers, List.of(
                new Series("as an ANN", null, e.layers().stream().mapToDouble(l -> 1e9 * l.annJoules()).toArray()),
                new Series("SNN: MACs", null, e.layers().stream().mapToDouble(l -> 1e9 * l.macJoules()).toArray()),
                new Series("SNN: ACs", null, e.layers().stream().mapToDouble(l -> 1e9 * l.acJoules()).toArray())), true));
        return figures;
    }

    /** Spikes per neuron per step of one evaluation, a bar per spiking layer. */
    public static Svg firingRates(String title, Map<String, Double> rates) {
        return Charts.bars(title, "spikes per neuron per step", List.copyOf(rates.keySet()),
                List.of(new Series("spike rate", null, rates.values().stream().mapToDouble(Double::doubleValue).toArray())), false);
    }

    /** Writes every figure as {@code dir/NAME.svg} and {@code dir/NAME.png} (at twice the CSS size); returns the files. */
    public static List<Path> write(Path dir, Map<String, Svg> figures) {
        List<Path> files = new ArrayList<>();
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir, e);
        }
        figures.forEach((name, svg) -> {
            SvgFiles.writeSvg(dir.resolve(name + ".svg"), svg);
            SvgFiles.writePng(dir.resolve(name + ".png"), svg, 2);
            files.add(dir.resolve(name + ".svg"));
            files.add(dir.resolve(name + ".png"));
        });
        return files;
    }

    /** Spike rates of the epochs by layer ({@code test_spike_rates}); NaN where an epoch has none. */
    static Map<String, double[]> spikeRates(List<JsonObject> epochs) {
        Map<String, double[]> byLayer = new LinkedHashMap<>();
        for (int i = 0; i < epochs.size(); i++) {
            JsonElement rates = epochs.get(i).get("test_spike_rates");
            if (rates == null || !rates.isJsonObject()) continue;
            for (var e : rates.getAsJsonObject().entrySet()) {
                double[] ys = byLayer.computeIfAbsent(e.getKey(), k -> {
                    double[] r = new double[epochs.size()];
                    Arrays.fill(r, Double.NaN);
                    return r;
                });
                ys[i] = e.getValue().isJsonNull() ? Double.NaN : e.getValue().getAsDouble();
            }
        }
        return byLayer;
    }

    /** The conversion lines by method (in first-seen order), by T: the last line of each (method, T). */
    static Map<String, TreeMap<Integer, JsonObject>> conversions(List<JsonObject> metrics) {
        Map<String, TreeMap<Integer, JsonObject>> byMethod = new LinkedHashMap<>();
        for (JsonObject o : lines(metrics, "conversion")) {
            byMethod.computeIfAbsent(o.get("method").getAsString(), k -> new TreeMap<>()).put(o.get("T").getAsInt(), o);
        }
        return byMethod;
    }

    static List<JsonObject> lines(List<JsonObject> metrics, String kind) {
        return metrics.stream().filter(o -> o.has("kind") && kind.equals(o.get("kind").getAsString())).toList();
    }

    static double num(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    static double[] column(List<JsonObject> lines, String field) {
        return lines.stream().mapToDouble(o -> num(o, field)).toArray();
    }

    private static double[] scaled(double[] values, double factor) {
        double[] r = values.clone();
        for (int i = 0; i < r.length; i++) r[i] *= factor;
        return r;
    }
}
