package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.snn4j.cli.CliTest.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics logs of train and convert, read back with Gson, and the report of a short real run: its sections
 * and charts in the HTML, and as pixels in a headless Chromium screenshot (skipped where no chromium is installed).
 */
class ReportTest {
    private static final List<String> SECTIONS = List.of("training", "spike-rates", "raster", "membrane", "operations", "conversion");
    private static final List<String> CHARTS = List.of("chart-loss", "chart-accuracy", "chart-spike-rates", "chart-raster",
            "chart-membrane", "chart-operations", "chart-energy", "chart-conversion");
    private static final String[] SMALL = {"--model", "w1", "--width", "0.25", "--limit-train", "256", "--limit-test", "128",
            "--T", "4", "--no-progress"};

    @TempDir
    static Path dir;
    private static Path report;

    @BeforeAll
    static void aShortRunAndAConversion() throws IOException {
        Path snn = dir.resolve("snn.snn4j"), ann = dir.resolve("ann.snn4j"), converted = dir.resolve("converted.snn4j");
        assertEquals(0, run(CliTest.with(CliTest.with(new String[] {"train"}, SMALL), "--epochs", "2", "--out", snn.toString())).code());
        assertEquals(0, run(CliTest.with(CliTest.with(new String[] {"train", "--ann"}, SMALL), "--epochs", "1", "--out", ann.toString())).code());
        CliTest.Run c = run("convert", "--model-file", ann.toString(), "--limit-test", "64", "--calibration", "64", "--T", "2,4",
                "--method", "max,p99.9", "--errors", "--out", converted.toString());
        assertEquals(0, c.code(), c.err());
        // the conversion's rows go into the trained SNN's log, so one report has every section (the format allows it)
        Files.writeString(dir.resolve("snn.snn4j.metrics.jsonl"), Files.readString(dir.resolve("converted.snn4j.metrics.jsonl")),
                java.nio.file.StandardOpenOption.APPEND);
        report = dir.resolve("report.html");
        CliTest.Run r = run("report", snn.toString(), "--out", report.toString(), "--limit-test", "64", "--plots",
                dir.resolve("plots").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("report: " + report), r.out());
    }

    private static List<JsonObject> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    @Test
    void trainAndConvertLogOneJsonLinePerEpochAndPerMethodAndT() throws IOException {
        List<JsonObject> annLog = lines(dir.resolve("ann.snn4j.metrics.jsonl"));
        assertEquals(1, annLog.size());
        assertEquals("train", annLog.getFirst().get("command").getAsString());
        List<JsonObject> conversions = lines(dir.resolve("converted.snn4j.metrics.jsonl"));
        assertEquals(List.of("max/2", "max/4", "p99.9/2", "p99.9/4"), conversions.stream()
                .map(o -> o.get("method").getAsString() + "/" + o.get("T").getAsInt()).sorted().toList());
        for (JsonObject o : conversions) {
            assertEquals("conversion", o.get("kind").getAsString());
            assertTrue(o.get("accuracy").getAsDouble() >= 0 && o.get("acs").getAsDouble() > 0, o.toString());
            JsonArray layers = o.getAsJsonArray("layers");
            assertFalse(layers.isEmpty(), "--errors: per-layer errors");
            assertTrue(layers.get(0).getAsJsonObject().has("quantization_error"));
        }
        List<JsonObject> snnLog = lines(dir.resolve("snn.snn4j.metrics.jsonl"));
        assertEquals(List.of(1, 2), snnLog.stream().filter(o -> o.get("kind").getAsString().equals("epoch"))
                .map(o -> o.get("epoch").getAsInt()).toList());
        assertTrue(snnLog.getFirst().getAsJsonObject("test_spike_rates").size() >= 2, "w1 has two spiking layers");
    }

    @Test
    void theReportIsOneSelfContainedPageWithEverySectionAndChartAndItsTables() throws IOException {
        String html = Files.readString(report);
        for (String s : SECTIONS) assertTrue(html.contains("<section id=\"" + s + "\">"), s);
        for (String c : CHARTS) assertTrue(html.contains("<figure class=\"chart\" id=\"" + c + "\"><svg"), c);
        assertFalse(html.contains("<script") || html.contains("src=") || html.contains("href=") || html.contains("@import"),
                "no script and nothing loaded from elsewhere");
        assertTrue(html.split("<table>").length > CHARTS.size() - 1, "tables beside the charts");
        assertTrue(Files.size(report) < 2_000_000, "size " + Files.size(report));
    }

    @Test
    void plotsWritesEveryChartOfTheReportAsSvgAndPng() throws IOException {
        Path plots = dir.resolve("plots");
        String html = Files.readString(report);
        for (String c : CHARTS) {
            String name = c.substring("chart-".length());
            String svg = Files.readString(plots.resolve(name + ".svg"));
            String inline = html.substring(html.indexOf("id=\"" + c + "\">") + c.length() + 6);
            assertEquals(inline.substring(0, inline.indexOf("</svg>") + 6), svg.substring(svg.indexOf("<svg")).strip(), name + ": the report's chart");
            BufferedImage png = ImageIO.read(plots.resolve(name + ".png").toFile());
            assertTrue(png.getWidth() >= 1000, name);
            assertTrue(Chromium.colouredPixels(png, new int[] {0, 0, png.getWidth(), png.getHeight()}) > 50, name + ": drawn in colour");
        }
    }

    @Test
    void inHeadlessChromiumEverySectionShowsAndEveryChartHasColouredPixels() throws Exception {
        String chromium = Chromium.find();
        Assumptions.assumeTrue(chromium != null, "no chromium binary on the PATH");
        Chromium.Layout layout = Chromium.layout(chromium, report, dir);
        for (String s : SECTIONS) assertTrue(layout.boxes().containsKey(s) && layout.boxes().get(s)[3] > 0, "section " + s + " shown");
        Path png = dir.resolve("report.png");
        Chromium.screenshot(chromium, report, png, layout.height(), dir);
        BufferedImage image = ImageIO.read(png.toFile());
        for (String c : CHARTS) {
            int[] box = layout.boxes().get(c);
            assertTrue(box != null && box[2] > 100 && box[3] > 100, "chart " + c + " laid out: " + java.util.Arrays.toString(box));
            long coloured = Chromium.colouredPixels(image, box);
            assertTrue(coloured > 50, "chart " + c + " has " + coloured + " coloured pixels in " + java.util.Arrays.toString(box));
        }
    }

    @Test
    void sectionsWithoutDataSaySoAndMetricsNamesAnotherLog() throws IOException {
        Path copy = dir.resolve("copy.snn4j"), page = dir.resolve("copy.html");
        Files.copy(dir.resolve("snn.snn4j"), copy);                                     // no log beside it
        assertEquals(0, run("report", copy.toString(), "--out", page.toString(), "--limit-test", "32").code());
        String html = Files.readString(page);
        assertTrue(html.contains("The metrics log has no epochs") && html.contains("The metrics log has no conversion rows"));
        assertTrue(html.contains("id=\"chart-raster\"") && html.contains("id=\"chart-operations\""), "the model's own run is still shown");

        Path annPage = dir.resolve("ann.html");
        CliTest.Run r = run("report", dir.resolve("ann.snn4j").toString(), "--out", annPage.toString(), "--limit-test", "32",
                "--metrics", dir.resolve("converted.snn4j.metrics.jsonl").toString());
        assertEquals(0, r.code(), r.err());
        String ann = Files.readString(annPage);
        assertTrue(ann.contains("The model has no spiking layer.") && ann.contains("id=\"chart-conversion\""));
        assertFalse(ann.contains("id=\"chart-membrane\""), "an ANN has no membranes");
        assertTrue(ann.contains("Per-layer conversion errors"));
        assertTrue(run("report", copy.toString(), "--out", copy.toString()).err().contains("would destroy the input"));
    }

    @Test
    void anStdpRunsReportShowsItsPassesRasterAndReceptiveFieldsInChromium() throws Exception {
        Path net = dir.resolve("dc.safetensors"), page = dir.resolve("dc.html");
        CliTest.Run t = run("train", "--model", "diehl-cook:9", "--learning", "stdp", "--epochs", "2", "--limit-train", "8", "--limit-test", "4",
                "--out", net.toString());
        assertEquals(0, t.code(), t.err());
        assertEquals(List.of(1, 2), lines(dir.resolve("dc.safetensors.metrics.jsonl")).stream().map(o -> o.get("pass").getAsInt()).toList());
        CliTest.Run r = run("report", net.toString(), "--out", page.toString(), "--limit-test", "4", "--plots", dir.resolve("dc-plots").toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(page);
        for (String s : SECTIONS) assertTrue(html.contains("<section id=\"" + s + "\">"), s);
        assertTrue(html.contains("<section id=\"receptive-fields\">"));
        assertFalse(html.contains("<script") || html.contains("src=") || html.replace("href=\"data:image/png;base64,", "").contains("href="),
                "nothing loaded from elsewhere: the receptive fields are an inline PNG");
        List<String> charts = List.of("chart-accuracy", "chart-spike-rates", "chart-raster", "chart-receptive-fields");
        for (String c : charts) {
            assertTrue(html.contains("<figure class=\"chart\" id=\"" + c + "\"><svg"), c);
            assertTrue(Files.exists(dir.resolve("dc-plots/" + c.substring(6) + ".png")), c);
        }
        String chromium = Chromium.find();
        Assumptions.assumeTrue(chromium != null, "no chromium binary on the PATH");
        Chromium.Layout layout = Chromium.layout(chromium, page, dir);
        Path png = dir.resolve("dc.png");
        Chromium.screenshot(chromium, page, png, layout.height(), dir);
        BufferedImage image = ImageIO.read(png.toFile());
        for (String c : charts) {
            int[] box = layout.boxes().get(c);
            assertTrue(box != null && box[2] > 100 && box[3] > 100, "chart " + c + " laid out");
            long drawn = c.equals("chart-receptive-fields") ? greyLevels(image, box) : Chromium.colouredPixels(image, box);
            assertTrue(drawn > 50, "chart " + c + ": " + drawn);
        }
    }

    /** Pixels in {@code box} neither white nor the tiles' dark grey gaps: the learned weights as grey levels. */
    private static long greyLevels(BufferedImage image, int[] box) {
        long n = 0;
        for (int y = Math.max(0, box[1]); y < Math.min(image.getHeight(), box[1] + box[3]); y++) {
            for (int x = Math.max(0, box[0]); x < Math.min(image.getWidth(), box[0] + box[2]); x++) {
                int v = image.getRGB(x, y) & 255;
                if (v > 0x50 && v < 0xF0) n++;
            }
        }
        return n;
    }
}
