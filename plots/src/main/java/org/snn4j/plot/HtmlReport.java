package org.snn4j.plot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.snn4j.io.AtomicFile;
import org.snn4j.plot.svg.Charts;
import org.snn4j.plot.svg.Charts.Series;
import org.snn4j.plot.svg.RasterChart;
import org.snn4j.plot.svg.Svg;

/**
 * A run's report as one self-contained HTML file: inline SVG charts (no script, no network access) with an HTML
 * table of the same numbers beside each. Sections, each a {@code <section>} with the id named: {@code training}
 * (loss and accuracies per epoch), {@code spike-rates} (per layer over epochs), {@code raster} (one test sample
 * through every spiking layer), {@code membrane} (why there are no traces), {@code operations} (op counts and the
 * energy split per layer) and {@code conversion} (accuracy against T per method, per-layer errors). A section
 * without data says so instead of drawing an empty chart.
 */
public final class HtmlReport {
    private static final String STYLE = "body{font-family:sans-serif;margin:24px;color:#222;max-width:1280px}"
            + "h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ccc}"
            + ".pair{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}figure{margin:0}"
            + "table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
            + "th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}.note{color:#555;font-size:13px}";
    private final StringBuilder html = new StringBuilder();

    private HtmlReport() {}

    /** Writes the report of {@code report} to {@code file} atomically; returns the page's size in bytes. */
    public static long write(Path file, RunReport report) {
        byte[] page = render(report).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(page));
        return page.length;
    }

    /** The page of {@code report}. */
    public static String render(RunReport report) {
        HtmlReport h = new HtmlReport();
        List<JsonObject> epochs = lines(report.metrics(), "epoch");
        h.head(report);
        h.training(epochs);
        h.spikeRates(epochs);
        h.raster(report.raster());
        h.section("membrane", "Membrane traces");
        h.note("Not shown: the engine's neuron loops keep membranes inside the fused charge–fire–reset kernels and hand "
                + "out spikes only, so recording traces would need a second, unfused simulation of every layer.");
        h.html.append("</section>");
        h.operations(report.evaluation());
        h.conversion(lines(report.metrics(), "conversion"));
        h.html.append("</body></html>\n");
        return h.html.toString();
    }

    private void head(RunReport r) {
        RunReport.Evaluation e = r.evaluation();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Svg.escape(r.title()))
                .append("</title><style>").append(STYLE).append("</style></head><body><h1>").append(Svg.escape(r.title())).append("</h1>");
        note(String.format(Locale.ROOT, "%s. Test accuracy %.2f%% on %d samples at T = %d; energy model %s.", r.source(),
                100 * e.accuracy(), e.samples(), e.steps(), e.energyModel()));
    }

    private void training(List<JsonObject> epochs) {
        section("training", "Training curves");
        if (epochs.isEmpty()) {
            note("The metrics log has no epochs (a model that was not trained or fine-tuned by snn4j, or an older one).");
        } else {
            double[] x = column(epochs, "epoch");
            pair(table(List.of("epoch", "train loss", "train acc. (%)", "test acc. (%)", "learning rate", "λ", "samples/s", "seconds"),
                            epochs.stream().map(o -> List.of(fmt(num(o, "epoch"), "%.0f"), fmt(num(o, "train_loss"), "%.4f"),
                                    fmt(100 * num(o, "train_accuracy"), "%.2f"), fmt(100 * num(o, "test_accuracy"), "%.2f"),
                                    fmt(num(o, "learning_rate"), "%.3g"), fmt(num(o, "spike_penalty"), "%.3g"),
                                    fmt(num(o, "samples_per_second"), "%.0f"), fmt(num(o, "epoch_seconds"), "%.1f"))).toList()),
                    new Figure(Charts.lines("Loss per epoch", "epoch", "training loss",
                            List.of(new Series("train loss", x, column(epochs, "train_loss"))), false), "chart-loss"),
                    new Figure(Charts.lines("Accuracy per epoch", "epoch", "accuracy (%)", List.of(
                            new Series("train", x, scaled(column(epochs, "train_accuracy"), 100)),
                            new Series("test", x, scaled(column(epochs, "test_accuracy"), 100))), false), "chart-accuracy"));
        }
        html.append("</section>");
    }

    private void spikeRates(List<JsonObject> epochs) {
        section("spike-rates", "Spike rate per layer over epochs");
        Map<String, double[]> byLayer = new LinkedHashMap<>();
        for (int i = 0; i < epochs.size(); i++) {
            JsonElement rates = epochs.get(i).get("test_spike_rates");
            if (rates == null || !rates.isJsonObject()) continue;
            for (var e : rates.getAsJsonObject().entrySet()) {
                double[] ys = byLayer.computeIfAbsent(e.getKey(), k -> filled(epochs.size()));
                ys[i] = e.getValue().isJsonNull() ? Double.NaN : e.getValue().getAsDouble();
            }
        }
        if (byLayer.isEmpty()) {
            note("The metrics log has no epochs with spike rates.");
        } else {
            double[] x = column(epochs, "epoch");
            List<Series> series = new ArrayList<>();
            byLayer.forEach((layer, ys) -> series.add(new Series(layer, x, ys)));
            List<String> header = new ArrayList<>(List.of("epoch"));
            header.addAll(byLayer.keySet());
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < epochs.size(); i++) {
                List<String> row = new ArrayList<>(List.of(fmt(x[i], "%.0f")));
                for (double[] ys : byLayer.values()) row.add(fmt(ys[i], "%.4f"));
                rows.add(row);
            }
            pair(Charts.lines("Test spikes per neuron per step", "epoch", "spike rate", series, false), "chart-spike-rates",
                    table(header, rows));
        }
        html.append("</section>");
    }

    private void raster(SpikeRaster raster) {
        section("raster", "Spike raster of test sample 0");
        if (raster.layers().isEmpty()) {
            note("The model has no spiking layer.");
        } else {
            List<RasterChart.Block> blocks = raster.layers().stream().map(l -> new RasterChart.Block(l.name(), l.shown(),
                    (r, t) -> l.spiked(r, t, raster.steps()))).toList();
            pair(RasterChart.render("Spikes of test sample 0 (neurons that spiked, evenly spaced)", blocks, raster.steps()), "chart-raster",
                    table(List.of("layer", "neurons", "shown", "spikes shown", "spikes per neuron per step (layer)"),
                            raster.layers().stream().map(l -> List.of(l.name(), Integer.toString(l.neurons()), Integer.toString(l.shown()),
                                    Integer.toString(SpikeRaster.count(l)), fmt(l.rate(raster.steps()), "%.4f"))).toList()));
        }
        html.append("</section>");
    }

    private void operations(RunReport.Evaluation e) {
        section("operations", "Operations and energy per sample");
        List<String> layers = e.layers().stream().map(RunReport.LayerOps::layer).toList();
        pair(Charts.bars("Operations per sample", "operations (log)", layers, List.of(
                new Series("dense MACs (as ANN)", null, e.layers().stream().mapToDouble(RunReport.LayerOps::denseMacs).toArray()),
                new Series("ACs", null, e.layers().stream().mapToDouble(RunReport.LayerOps::acs).toArray()),
                new Series("MACs", null, e.layers().stream().mapToDouble(RunReport.LayerOps::macs).toArray())), true), "chart-ops",
                table(List.of("layer", "dense MACs", "ACs", "MACs"), e.layers().stream().map(l -> List.of(l.layer(), fmt(l.denseMacs(), "%.0f"),
                        fmt(l.acs(), "%.0f"), fmt(l.macs(), "%.0f"))).toList()));
        pair(Charts.bars("Energy per sample (" + e.energyModel() + ")", "energy (nJ, log)", layers, List.of(
                new Series("as an ANN", null, e.layers().stream().mapToDouble(l -> 1e9 * l.annJoules()).toArray()),
                new Series("SNN: MACs", null, e.layers().stream().mapToDouble(l -> 1e9 * l.macJoules()).toArray()),
                new Series("SNN: ACs", null, e.layers().stream().mapToDouble(l -> 1e9 * l.acJoules()).toArray())), true), "chart-energy",
                table(List.of("layer", "as an ANN (nJ)", "SNN MACs (nJ)", "SNN ACs (nJ)"), energyRows(e)));
        note(String.format(Locale.ROOT, "Energy per sample: %.3g J as run, %.3g J as an ANN (ratio ANN/SNN %.2f).", e.snnJoules(),
                e.annJoules(), e.annJoules() / e.snnJoules()));
        html.append("</section>");
    }

    private static List<List<String>> energyRows(RunReport.Evaluation e) {
        List<List<String>> rows = new ArrayList<>();
        for (RunReport.LayerOps l : e.layers()) {
            rows.add(List.of(l.layer(), fmt(1e9 * l.annJoules(), "%.2f"), fmt(1e9 * l.macJoules(), "%.2f"), fmt(1e9 * l.acJoules(), "%.2f")));
        }
        rows.add(List.of("total", fmt(1e9 * e.annJoules(), "%.2f"), fmt(1e9 * e.layers().stream().mapToDouble(RunReport.LayerOps::macJoules).sum(),
                "%.2f"), fmt(1e9 * e.layers().stream().mapToDouble(RunReport.LayerOps::acJoules).sum(), "%.2f")));
        return rows;
    }

    private void conversion(List<JsonObject> rows) {
        section("conversion", "Conversion: accuracy against T");
        Map<String, TreeMap<Integer, JsonObject>> byMethod = new LinkedHashMap<>();  // the last row of each (method, T)
        for (JsonObject o : rows) {
            byMethod.computeIfAbsent(o.get("method").getAsString(), k -> new TreeMap<>()).put(o.get("T").getAsInt(), o);
        }
        if (byMethod.isEmpty()) {
            note("The metrics log has no conversion rows (they are written by convert beside its --out model, or beside the ANN).");
            html.append("</section>");
            return;
        }
        TreeSet<Integer> steps = new TreeSet<>();
        byMethod.values().forEach(m -> steps.addAll(m.keySet()));
        List<Series> series = new ArrayList<>();
        byMethod.forEach((method, m) -> series.add(new Series(method, m.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                m.values().stream().mapToDouble(o -> 100 * num(o, "accuracy")).toArray())));
        List<String> header = new ArrayList<>(List.of("method"));
        steps.forEach(t -> header.add("T=" + t));
        List<List<String>> table = new ArrayList<>();
        byMethod.forEach((method, m) -> {
            List<String> row = new ArrayList<>(List.of(method));
            for (int t : steps) row.add(m.containsKey(t) ? fmt(100 * num(m.get(t), "accuracy"), "%.2f") : "");
            table.add(row);
        });
        pair(Charts.lines("Accuracy against T", "time steps T", "test accuracy (%)", series, steps.size() > 1 && steps.first() > 0),
                "chart-conversion", table(header, table));
        List<List<String>> errors = new ArrayList<>();
        byMethod.forEach((method, m) -> m.forEach((t, o) -> {
            if (!o.has("layers")) return;
            for (JsonElement l : o.getAsJsonArray("layers")) {
                JsonObject le = l.getAsJsonObject();
                errors.add(List.of(method, Integer.toString(t), le.get("layer").getAsString(), fmt(num(le, "quantization_error"), "%.4f"),
                        fmt(num(le, "deviation_error"), "%.4f"), fmt(num(le, "error_vs_ann"), "%.4f"), fmt(num(le, "excess_vs_ann"), "%+.4f")));
            }
        }));
        if (!errors.isEmpty()) {
            html.append("<h3>Per-layer conversion errors</h3>")
                    .append(table(List.of("method", "T", "layer", "quantization", "deviation", "vs ANN", "excess"), errors));
        }
        html.append("</section>");
    }

    private void section(String id, String title) {
        html.append("<section id=\"").append(id).append("\"><h2>").append(Svg.escape(title)).append("</h2>");
    }

    private void note(String text) {
        html.append("<p class=\"note\">").append(Svg.escape(text)).append("</p>");
    }

    /** A chart with its id. */
    private record Figure(Svg svg, String id) {}

    /** A chart and, beside it, the table of its numbers. */
    private void pair(Svg chart, String id, String table) {
        pair(table, new Figure(chart, id));
    }

    /** Charts and, beside them, the table of their numbers. */
    private void pair(String table, Figure... figures) {
        html.append("<div class=\"pair\">");
        for (Figure f : figures) html.append("<figure class=\"chart\" id=\"").append(f.id()).append("\">").append(f.svg()).append("</figure>");
        html.append(table).append("</div>");
    }

    private static String table(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("<table><thead><tr>");
        for (String h : header) sb.append("<th scope=\"col\">").append(Svg.escape(h)).append("</th>");
        sb.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            sb.append("<tr>");
            for (String cell : row) sb.append("<td>").append(Svg.escape(cell)).append("</td>");
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    private static List<JsonObject> lines(List<JsonObject> metrics, String kind) {
        return metrics.stream().filter(o -> o.has("kind") && kind.equals(o.get("kind").getAsString())).toList();
    }

    private static double num(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    private static double[] column(List<JsonObject> lines, String field) {
        return lines.stream().mapToDouble(o -> num(o, field)).toArray();
    }

    private static double[] scaled(double[] values, double factor) {
        double[] r = values.clone();
        for (int i = 0; i < r.length; i++) r[i] *= factor;
        return r;
    }

    private static double[] filled(int n) {
        double[] r = new double[n];
        java.util.Arrays.fill(r, Double.NaN);
        return r;
    }

    private static String fmt(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "";
    }
}
