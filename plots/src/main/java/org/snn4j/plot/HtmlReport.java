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
import org.snn4j.plot.svg.Svg;

/**
 * A run's report as one self-contained HTML file: inline SVG charts (no script, no network access) with an HTML
 * table of the same numbers beside each. Sections, each a {@code <section>} with the id named: {@code training}
 * (loss and accuracies per epoch), {@code spike-rates} (per layer over epochs), {@code raster} (one test sample
 * through every spiking layer), {@code membrane} (traces of a few of its neurons), {@code operations} (op counts and the
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
    private final Map<String, Svg> figures;

    private HtmlReport(Map<String, Svg> figures) {
        this.figures = figures;
    }

    /** Writes the report of {@code report} to {@code file} atomically; returns the page's size in bytes. */
    public static long write(Path file, RunReport report) {
        byte[] page = render(report).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(page));
        return page.length;
    }

    /** The page of {@code report}. */
    public static String render(RunReport report) {
        HtmlReport h = new HtmlReport(figures(report));
        List<JsonObject> epochs = ReportFigures.lines(report.metrics(), "epoch");
        h.head(report);
        h.training(epochs);
        h.spikeRates(epochs);
        h.raster(report.raster());
        h.membrane(report.membrane());
        h.operations(report.evaluation());
        h.conversion(ReportFigures.conversions(report.metrics()));
        h.html.append("</body></html>\n");
        return h.html.toString();
    }

    /**
     * The page of an STDP run: sections {@code training} (test accuracy per pass), {@code spike-rates} (spikes per
     * sample per pass), {@code raster}, {@code receptive-fields}, and {@code membrane}, {@code operations} and
     * {@code conversion} saying why they do not apply.
     */
    public static String render(StdpRunReport report) {
        HtmlReport h = new HtmlReport(figures(report));
        List<JsonObject> passes = ReportFigures.lines(report.metrics(), "stdp_pass");
        h.start(report.title(), String.format(Locale.ROOT, "%s. Test accuracy %.2f%% on %d samples (votes of the labelled neurons; this test draws its Poisson "
                + "inputs afresh from the network's seed, so it differs from the last pass's by the inputs' noise).",
                report.source(), 100 * report.accuracy(), report.samples()));
        h.section("training", "Training passes");
        if (passes.isEmpty()) {
            h.note("The metrics log has no passes (written by stdp --out or train --learning stdp --out).");
        } else {
            h.pair(table(List.of("pass", "test acc. (%)", "samples/s", "seconds", "spikes per sample"), passes.stream().map(o -> List.of(
                    fmt(num(o, "pass"), "%.0f"), fmt(100 * num(o, "test_accuracy"), "%.2f"), fmt(num(o, "samples_per_second"), "%.1f"),
                    fmt(num(o, "pass_seconds"), "%.1f"), fmt(num(o, "spikes_per_sample"), "%.1f"))).toList()), "accuracy");
        }
        h.html.append("</section>");
        h.section("spike-rates", "Spikes per training sample over passes");
        if (passes.isEmpty()) h.note("The metrics log has no passes.");
        else h.pair(table(List.of("pass", "spikes per sample"), passes.stream().map(o -> List.of(fmt(num(o, "pass"), "%.0f"),
                fmt(num(o, "spikes_per_sample"), "%.2f"))).toList()), "spike-rates");
        h.html.append("</section>");
        h.section("raster", "Spike raster of test sample 0");
        h.pair(table(List.of("neurons", "spikes"), List.of(List.of(Integer.toString(report.labels().length),
                Integer.toString(report.rasterSpikes())))), "raster");
        h.html.append("</section>");
        h.section("receptive-fields", "Receptive fields");
        int[] perClass = new int[1 + java.util.Arrays.stream(report.labels()).max().orElse(-1) + 1];
        for (int c : report.labels()) perClass[c + 1]++;
        List<List<String>> rows = new ArrayList<>();
        for (int c = 0; c < perClass.length; c++) rows.add(List.of(c == 0 ? "unlabelled" : Integer.toString(c - 1), Integer.toString(perClass[c])));
        h.pair(table(List.of("class", "neurons labelled"), rows), "receptive-fields");
        h.html.append("</section>");
        for (String[] s : new String[][] {{"membrane", "Membrane traces"}, {"operations", "Operations and energy per sample"},
                {"conversion", "Conversion: accuracy against T"}}) {
            h.section(s[0], s[1]);
            h.note("Not applicable: Diehl & Cook's network runs in its own conductance-based simulation, not through the engine's layers.");
            h.html.append("</section>");
        }
        h.html.append("</body></html>\n");
        return h.html.toString();
    }

    /** Every figure of an STDP run's report by name: what {@code --plots} writes. */
    public static Map<String, Svg> figures(StdpRunReport report) {
        Map<String, Svg> figures = new LinkedHashMap<>(ReportFigures.ofStdpPasses(report.metrics()));
        figures.put("raster", report.raster());
        figures.put("receptive-fields", report.receptiveFields());
        return figures;
    }

    /** Writes the page of {@code report} to {@code file} atomically; returns its size in bytes. */
    public static long write(Path file, StdpRunReport report) {
        byte[] page = render(report).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(page));
        return page.length;
    }

    /** Every figure of the report by name ({@link ReportFigures}): what {@code --plots} writes. */
    public static Map<String, Svg> figures(RunReport report) {
        Map<String, Svg> figures = new LinkedHashMap<>(ReportFigures.ofMetrics(report.metrics()));
        figures.putAll(ReportFigures.ofSample(report.raster(), report.membrane()));
        figures.putAll(ReportFigures.ofEvaluation(report.evaluation()));
        return figures;
    }

    private void head(RunReport r) {
        RunReport.Evaluation e = r.evaluation();
        start(r.title(), String.format(Locale.ROOT, "%s. Test accuracy %.2f%% on %d samples at T = %d; energy model %s.", r.source(),
                100 * e.accuracy(), e.samples(), e.steps(), e.energyModel()));
    }

    private void start(String title, String summary) {
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Svg.escape(title))
                .append("</title><style>").append(STYLE).append("</style></head><body><h1>").append(Svg.escape(title)).append("</h1>");
        note(summary);
    }

    private void training(List<JsonObject> epochs) {
        section("training", "Training curves");
        if (epochs.isEmpty()) {
            note("The metrics log has no epochs (a model that was not trained or fine-tuned by snn4j, or an older one).");
        } else {
            pair(table(List.of("epoch", "train loss", "train acc. (%)", "test acc. (%)", "learning rate", "λ", "samples/s", "seconds"),
                    epochs.stream().map(o -> List.of(fmt(num(o, "epoch"), "%.0f"), fmt(num(o, "train_loss"), "%.4f"),
                            fmt(100 * num(o, "train_accuracy"), "%.2f"), fmt(100 * num(o, "test_accuracy"), "%.2f"),
                            fmt(num(o, "learning_rate"), "%.3g"), fmt(num(o, "spike_penalty"), "%.3g"),
                            fmt(num(o, "samples_per_second"), "%.0f"), fmt(num(o, "epoch_seconds"), "%.1f"))).toList()),
                    "loss", "accuracy");
        }
        html.append("</section>");
    }

    private void spikeRates(List<JsonObject> epochs) {
        section("spike-rates", "Spike rate per layer over epochs");
        Map<String, double[]> byLayer = ReportFigures.spikeRates(epochs);
        if (byLayer.isEmpty()) {
            note("The metrics log has no epochs with spike rates.");
        } else {
            double[] x = ReportFigures.column(epochs, "epoch");
            List<String> header = new ArrayList<>(List.of("epoch"));
            header.addAll(byLayer.keySet());
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < epochs.size(); i++) {
                List<String> row = new ArrayList<>(List.of(fmt(x[i], "%.0f")));
                for (double[] ys : byLayer.values()) row.add(fmt(ys[i], "%.4f"));
                rows.add(row);
            }
            pair(table(header, rows), "spike-rates");
        }
        html.append("</section>");
    }

    private void raster(SpikeRaster raster) {
        section("raster", "Spike raster of test sample 0");
        if (raster.layers().isEmpty()) {
            note("The model has no spiking layer.");
        } else {
            pair(table(List.of("layer", "neurons", "shown", "spikes shown", "spikes per neuron per step (layer)"),
                    raster.layers().stream().map(l -> List.of(l.name(), Integer.toString(l.neurons()), Integer.toString(l.shown()),
                            Integer.toString(SpikeRaster.count(l)), fmt(l.rate(raster.steps()), "%.4f"))).toList()), "raster");
        }
        html.append("</section>");
    }

    private void membrane(MembraneTraces m) {
        section("membrane", "Membrane traces");
        if (m == null || m.neurons().length == 0) {
            note("The model has no spiking layer.");
        } else {
            note(String.format(Locale.ROOT, "Neurons of layer %s (those that spiked for test sample 0, evenly spaced), their membrane "
                    + "potential V after each step's charge, fire and reset, read from the state a streaming run continues from; "
                    + "threshold θ = %.4g. Ticks above the plot mark the steps each neuron spiked; in the table a spike is marked *.",
                    m.layer(), m.threshold()));
            List<String> header = new ArrayList<>(List.of("step"));
            for (int neuron : m.neurons()) header.add("#" + neuron);
            List<List<String>> rows = new ArrayList<>();
            for (int t = 0; t < m.steps(); t++) {
                List<String> row = new ArrayList<>(List.of(Integer.toString(t + 1)));
                for (int k = 0; k < m.neurons().length; k++) row.add(fmt(m.potential()[k][t], "%.3f") + (m.spiked()[k][t] ? " *" : ""));
                rows.add(row);
            }
            pair(table(header, rows), "membrane");
        }
        html.append("</section>");
    }

    private void operations(RunReport.Evaluation e) {
        section("operations", "Operations and energy per sample");
        pair(table(List.of("layer", "dense MACs", "ACs", "MACs"), e.layers().stream().map(l -> List.of(l.layer(), fmt(l.denseMacs(), "%.0f"),
                fmt(l.acs(), "%.0f"), fmt(l.macs(), "%.0f"))).toList()), "operations");
        pair(table(List.of("layer", "as an ANN (nJ)", "SNN MACs (nJ)", "SNN ACs (nJ)"), energyRows(e)), "energy");
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

    private void conversion(Map<String, TreeMap<Integer, JsonObject>> byMethod) {
        section("conversion", "Conversion: accuracy against T");
        if (byMethod.isEmpty()) {
            note("The metrics log has no conversion rows (they are written by convert beside its --out model, or beside the ANN).");
            html.append("</section>");
            return;
        }
        TreeSet<Integer> steps = new TreeSet<>();
        byMethod.values().forEach(m -> steps.addAll(m.keySet()));
        List<String> header = new ArrayList<>(List.of("method"));
        steps.forEach(t -> header.add("T=" + t));
        List<List<String>> table = new ArrayList<>();
        byMethod.forEach((method, m) -> {
            List<String> row = new ArrayList<>(List.of(method));
            for (int t : steps) row.add(m.containsKey(t) ? fmt(100 * num(m.get(t), "accuracy"), "%.2f") : "");
            table.add(row);
        });
        pair(table(header, table), "conversion");
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

    /** The named figures (id {@code chart-NAME}) and, beside them, the table of their numbers. */
    private void pair(String table, String... names) {
        html.append("<div class=\"pair\">");
        for (String name : names) {
            html.append("<figure class=\"chart\" id=\"chart-").append(name).append("\">").append(figures.get(name)).append("</figure>");
        }
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

    private static double num(JsonObject o, String field) {
        return ReportFigures.num(o, field);
    }

    private static String fmt(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "";
    }
}
