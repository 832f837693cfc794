package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            int code = Main.run(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static final String[] SMALL = {"--model", "w1", "--width", "0.25", "--limit-train", "256", "--limit-test", "128",
            "--epochs", "1", "--T", "2", "--no-progress"};

    static String[] with(String[] base, String... more) {
        String[] r = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, r, base.length, more.length);
        return r;
    }

    @Test
    void trainThenEvalWithJson() {
        Path out = dir.resolve("w1.snn4j");
        Run t = run(with(with(new String[] {"train"}, SMALL), "--out", out.toString(), "--json", "--plots", dir.resolve("train-plots").toString()));
        assertEquals(0, t.code(), t.err());
        JsonObject o = JsonParser.parseString(t.lastLine()).getAsJsonObject();
        for (String figure : List.of("loss", "accuracy", "spike-rates", "raster", "membrane", "operations", "energy")) {
            assertTrue(Files.exists(dir.resolve("train-plots/" + figure + ".svg")) && Files.exists(dir.resolve("train-plots/" + figure + ".png")),
                    "train --plots: " + figure);
        }
        double acc = o.get("test_accuracy").getAsDouble();
        assertTrue(acc >= 0 && acc <= 1);
        assertTrue(o.get("train_samples_per_second").getAsDouble() > 0);
        assertEquals(out.toString(), o.get("model_file").getAsString());
        assertTrue(o.getAsJsonObject("spikes_per_neuron_per_step").has("sn1"));
        assertTrue(Files.exists(out));

        Run e = run("eval", "--model-file", out.toString(), "--limit-test", "128", "--json");
        assertEquals(0, e.code(), e.err());
        JsonObject eo = JsonParser.parseString(e.lastLine()).getAsJsonObject();
        assertEquals(acc, eo.get("test_accuracy").getAsDouble(), 1e-12, "eval reproduces train's final test accuracy");
        assertEquals("auto", eo.get("engine").getAsString());
        for (String engine : new String[] {"dense", "event"}) {
            Run other = run("eval", "--model-file", out.toString(), "--limit-test", "128", "--engine", engine, "--json");
            assertEquals(0, other.code(), other.err());
            JsonObject oo = JsonParser.parseString(other.lastLine()).getAsJsonObject();
            assertEquals(eo.get("test_loss").getAsDouble(), oo.get("test_loss").getAsDouble(), 0, engine + " gives the same loss");
            assertEquals(eo.get("spikes_per_neuron_per_step"), oo.get("spikes_per_neuron_per_step"), engine);
            assertEquals(engine.equals("event") ? 2 : 0, oo.getAsJsonArray("engine_layers").size(), engine);
        }

        Run b = run("bench", "infer", "--model-file", out.toString(), "--batch", "32", "--reps", "2", "--warmups", "1",
                "--engine", "event", "--json");
        assertEquals(0, b.code(), b.err());
        JsonObject bo = JsonParser.parseString(b.lastLine()).getAsJsonObject();
        assertTrue(bo.get("samples_per_second").getAsDouble() > 0);
        assertEquals(2, bo.get("T").getAsInt(), "T as trained");
        assertEquals("event", bo.get("engine").getAsString());
        assertEquals(1, bo.get("warmups").getAsInt(), "the event engine measures nothing: the warm-ups asked for");
        assertTrue(bo.getAsJsonArray("layers").get(0).getAsJsonObject().get("synaptic_ops_per_sample").getAsDouble() > 0);
    }

    @Test
    void evalWritesTheSameLogitsWithEveryEngineWhoseArgmaxGivesTheAccuracy() throws IOException {
        Path model = dir.resolve("w1.snn4j");
        assertEquals(0, run(with(with(new String[] {"train"}, SMALL), "--out", model.toString())).code());
        int n = 128, classes = 10;
        byte[] first = null;
        for (String engine : new String[] {"dense", "event", "auto"}) {
            Path logits = dir.resolve("logits-" + engine + ".npy");
            Run e = run("eval", "--model-file", model.toString(), "--limit-test", String.valueOf(n), "--batch", "50",
                    "--engine", engine, "--logits", logits.toString(), "--json");
            assertEquals(0, e.code(), e.err());
            byte[] bytes = Files.readAllBytes(logits);
            if (first == null) {
                first = bytes;
                ByteBuffer b = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                int headerEnd = 10 + b.getShort(8);
                assertEquals(0, headerEnd % 64, "header padded to 64 bytes");
                String header = new String(bytes, 0, headerEnd, java.nio.charset.StandardCharsets.US_ASCII);
                assertEquals((byte) 0x93, bytes[0]);
                assertEquals("NUMPY", header.substring(1, 6), "npy magic");
                assertEquals(1, bytes[6], "npy format version 1.0");
                assertTrue(header.contains("'descr': '<f4', 'fortran_order': False, 'shape': (128, 10), }"), header);
                assertEquals(headerEnd + 4 * n * classes, bytes.length, "N x classes float32 after the header");
                int[] labels = org.snn4j.datasets.Datasets.load("mnist-10k", null, false).labels();
                int correct = 0;
                for (int i = 0; i < n; i++) {
                    int best = 0;
                    for (int j = 1; j < classes; j++) {
                        if (b.getFloat(headerEnd + 4 * (i * classes + j)) > b.getFloat(headerEnd + 4 * (i * classes + best))) best = j;
                    }
                    if (best == labels[i]) correct++;
                }
                double accuracy = JsonParser.parseString(e.lastLine()).getAsJsonObject().get("test_accuracy").getAsDouble();
                assertEquals(accuracy, (double) correct / n, 0, "argmax of the logits in data order gives the accuracy");
                double sum = 0, sumSq = 0, gaps = 0;
                for (int i = 0; i < n; i++) {
                    float[] row = new float[classes];
                    for (int j = 0; j < classes; j++) row[j] = b.getFloat(headerEnd + 4 * (i * classes + j));
                    for (float v : row) {
                        sum += v;
                        sumSq += (double) v * v;
                    }
                    java.util.Arrays.sort(row);
                    gaps += row[classes - 1] - row[classes - 2];
                }
                double mean = sum / (n * classes);
                JsonObject json = JsonParser.parseString(e.lastLine()).getAsJsonObject();
                assertEquals(Math.sqrt(sumSq / (n * classes) - mean * mean), json.get("logit_std").getAsDouble(), 1e-5);
                assertEquals(gaps / n, json.get("logit_top2_gap").getAsDouble(), 1e-5);
                assertTrue(json.get("logit_std").getAsDouble() > 0, "a trained net's logits spread");
            } else {
                assertTrue(java.util.Arrays.equals(first, bytes), engine + " writes the same logits as dense");
            }
        }
    }

    @Test
    void annTwinTrainsAndEvaluatesWithoutSpikes() {
        Path out = dir.resolve("w1-ann.snn4j");
        Run t = run(with(with(new String[] {"train"}, SMALL), "--ann", "--crop", "2", "--out", out.toString(), "--json"));
        assertEquals(0, t.code(), t.err());
        JsonObject o = JsonParser.parseString(t.lastLine()).getAsJsonObject();
        assertEquals("ann", o.get("mode").getAsString());
        assertEquals(0, o.getAsJsonObject("spikes_per_neuron_per_step").size());
        Run e = run("eval", "--model-file", out.toString(), "--limit-test", "128", "--json");
        assertEquals(0, e.code(), e.err());
        assertEquals(o.get("test_accuracy").getAsDouble(), JsonParser.parseString(e.lastLine()).getAsJsonObject()
                .get("test_accuracy").getAsDouble(), 1e-12);
    }

    @Test
    void convertReportsAccuracyAgainstTAndRefusesBadInputWithoutWriting() throws IOException {
        Path ann = dir.resolve("ann.snn4j"), snn = dir.resolve("snn.snn4j");
        assertEquals(0, run(with(with(new String[] {"train"}, SMALL), "--ann", "--out", ann.toString())).code());
        assertEquals(0, run(with(with(new String[] {"train"}, SMALL), "--out", snn.toString())).code());
        Path table = dir.resolve("table"), converted = dir.resolve("converted.snn4j");
        Run c = run("convert", "--model-file", ann.toString(), "--limit-test", "128", "--calibration", "64", "--T", "4,16",
                "--method", "max+bias,p99,p99+tuned-network", "--table", table.toString(), "--out", converted.toString(), "--json",
                "--plots", dir.resolve("convert-plots").toString());
        assertEquals(0, c.code(), c.err());
        JsonObject o = JsonParser.parseString(c.lastLine()).getAsJsonObject();
        assertTrue(o.get("ann_accuracy").getAsDouble() > 0.1);
        assertEquals(6, o.getAsJsonArray("results").size());
        assertEquals("p99+tuned-network", o.getAsJsonArray("results").get(5).getAsJsonObject().get("method").getAsString());
        JsonObject first = o.getAsJsonArray("results").get(0).getAsJsonObject();
        assertEquals("max+bias", first.get("method").getAsString());
        assertEquals(4, first.get("T").getAsInt());
        assertTrue(first.get("spikes_per_neuron").getAsDouble() > 0);
        assertTrue(Files.readString(dir.resolve("table.md")).startsWith("| method | T=4 | T=16 | ANN |"));
        assertEquals(o, JsonParser.parseString(Files.readString(dir.resolve("table.json"))).getAsJsonObject());
        assertFalse(Files.exists(dir.resolve("table.png")), "the plot is --plots' figure");
        assertTrue(Files.size(dir.resolve("convert-plots/conversion.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("convert-plots/conversion.svg")).contains(">max+bias</text>"));
        Run e = run("eval", "--model-file", converted.toString(), "--limit-test", "128", "--json", "--plots", dir.resolve("plots").toString());
        assertEquals(0, e.code(), e.err());
        assertEquals(o.getAsJsonArray("results").get(1).getAsJsonObject().get("accuracy").getAsDouble(),
                JsonParser.parseString(e.lastLine()).getAsJsonObject().get("test_accuracy").getAsDouble(), 1e-12,
                "the saved SNN is the first method's (with its bias currents), at the largest T");
        for (String figure : List.of("firing-rates", "raster", "membrane", "operations", "energy")) {
            assertTrue(Files.size(dir.resolve("plots/" + figure + ".png")) > 1000, figure);
            assertTrue(Files.readString(dir.resolve("plots/" + figure + ".svg")).contains("<svg xmlns="), figure);
        }
        JsonObject eo = JsonParser.parseString(e.lastLine()).getAsJsonObject();
        assertTrue(eo.get("acs").getAsDouble() > 0 && eo.get("energy_snn_joules").getAsDouble() > 0
                && eo.get("energy_ann_joules").getAsDouble() > 0, eo.toString());
        assertEquals(eo.get("dense_macs").getAsDouble(), eo.getAsJsonArray("layers").asList().stream()
                .mapToDouble(l -> l.getAsJsonObject().get("dense_macs").getAsDouble()).sum(), 1e-6);

        Path never = dir.resolve("never");
        for (String[] bad : new String[][] {{"--T", "0"}, {"--method", "median"}, {"--method", "median+bias"}, {"--calibration", "0"},
                {"--model-file", snn.toString()}, {"--per-channel", "--method", "tuned"},
                {"--per-channel", "--method", "p99+tuned-network"}, {"--method", "tuned+tuned"}, {"--method", "spike-norm+tuned-network"}, {"--burst"}, {"--signed", "--reset", "zero"},
                {"--reset", "sometimes"}, {"--initial", "half"}, {"--threshold-scale", "-1"}}) {
            String[] args = with(new String[] {"convert", "--model-file", ann.toString(), "--limit-test", "64", "--table", never.toString()}, bad);
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
        }
        assertTrue(run("convert", "--model-file", snn.toString()).err().contains("holds an SNN"));
        assertTrue(run("convert", "--model-file", ann.toString(), "--method", "median").err().contains("unknown method 'median'"));
        assertFalse(Files.exists(dir.resolve("never.json")) || Files.exists(dir.resolve("never.md")));
    }

    @Test
    void qcfsAnnCarriesItsActivationAndConvertsWithItsTrainedBounds() throws IOException {
        Path ann = dir.resolve("qcfs.snn4j");
        Run t = run(with(with(new String[] {"train"}, SMALL), "--ann", "--activation", "qcfs", "--levels", "4", "--bound", "3",
                "--out", ann.toString(), "--json"));
        assertEquals(0, t.code(), t.err());
        JsonObject o = JsonParser.parseString(t.lastLine()).getAsJsonObject();
        JsonObject expected = JsonParser.parseString("{\"type\": \"qcfs\", \"levels\": 4, \"bound\": 3.0}").getAsJsonObject();
        assertEquals(expected, o.getAsJsonObject("ann_activation"));
        org.snn4j.io.Checkpoint saved = org.snn4j.io.Checkpoint.load(ann);
        assertEquals(expected, JsonParser.parseString(saved.modelSpec()).getAsJsonObject().getAsJsonObject("ann_activation"));
        float trained = saved.parameters().get("sn1.bound").data()[0];
        assertTrue(trained != 3f, "the bound is trained: " + trained);
        Run e = run("eval", "--model-file", ann.toString(), "--limit-test", "128", "--json");
        assertEquals(0, e.code(), e.err());
        assertEquals(o.get("test_accuracy").getAsDouble(), JsonParser.parseString(e.lastLine()).getAsJsonObject()
                .get("test_accuracy").getAsDouble(), 1e-12, "eval rebuilds the QCFS activation");
        // The same weights and trained bounds as a clip ANN (the floor removed): other logits, the same spec otherwise.
        Path qcfsLogits = dir.resolve("qcfs.npy"), clipLogits = dir.resolve("clip.npy");
        assertEquals(0, run("eval", "--model-file", ann.toString(), "--limit-test", "128", "--logits", qcfsLogits.toString()).code());
        Run clip = run("eval", "--model-file", ann.toString(), "--limit-test", "128", "--activation", "clip", "--logits",
                clipLogits.toString(), "--json");
        assertEquals(0, clip.code(), clip.err());
        assertTrue(JsonParser.parseString(clip.lastLine()).getAsJsonObject().get("test_accuracy").getAsDouble() > 0.2, clip.lastLine());
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(qcfsLogits), Files.readAllBytes(clipLogits)), "the floor is removed");

        Run c = run("convert", "--model-file", ann.toString(), "--limit-test", "128", "--calibration", "64", "--T", "4",
                "--method", "bound,p99.9", "--initial", "half-threshold", "--json");
        assertEquals(0, c.code(), c.err());
        JsonObject co = JsonParser.parseString(c.lastLine()).getAsJsonObject();
        assertEquals(2, co.getAsJsonArray("results").size());
        assertEquals("bound", co.getAsJsonArray("results").get(0).getAsJsonObject().get("method").getAsString());
        assertEquals(trained, co.getAsJsonArray("results").get(0).getAsJsonObject().getAsJsonObject("thresholds").get("sn1").getAsFloat(), 0f);
        assertEquals(expected, co.getAsJsonObject("ann_activation"));
        // Signed burst spikes at T = L: every layer quantizes its accumulated input as QCFS does, so the SNN
        // classifies every image as its ANN does.
        Run sb = run("convert", "--model-file", ann.toString(), "--limit-test", "128", "--calibration", "64", "--T", "4",
                "--method", "bound", "--initial", "half-threshold", "--signed", "--burst", "--json");
        assertEquals(0, sb.code(), sb.err());
        JsonObject so = JsonParser.parseString(sb.lastLine()).getAsJsonObject();
        assertTrue(so.get("signed").getAsBoolean() && so.get("burst").getAsBoolean());
        assertEquals(so.get("ann_accuracy").getAsDouble(), so.getAsJsonArray("results").get(0).getAsJsonObject().get("accuracy").getAsDouble(), 0);

        Path relu = dir.resolve("relu.snn4j");
        assertEquals(0, run(with(with(new String[] {"train"}, SMALL), "--ann", "--out", relu.toString())).code());
        Run r = run("convert", "--model-file", relu.toString(), "--method", "bound", "--limit-test", "64");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().contains("--method bound needs an ANN trained with --activation clip or qcfs; " + relu + " has relu"), r.err());
        Run notQcfs = run("eval", "--model-file", relu.toString(), "--activation", "clip", "--limit-test", "64");
        assertEquals(2, notQcfs.code(), notQcfs.err());
        assertTrue(notQcfs.err().contains("--activation clip needs an ANN trained with --activation qcfs; " + relu + " is an ANN with relu"),
                notQcfs.err());
    }

    @Test
    void badActivationFlagsExitTwoWithOneLine() {
        Object[][] cases = {
                {new String[] {"--ann", "--activation", "tanh"}, "--activation must be relu, clip or qcfs, was 'tanh'"},
                {new String[] {"--ann", "--activation", "qcfs", "--levels", "0"}, "--levels must be > 0, was 0"},
                {new String[] {"--ann", "--activation", "clip", "--bound", "-1"}, "--bound must be finite and > 0, was -1"},
                {new String[] {"--ann", "--activation", "clip", "--bound", "Infinity"}, "--bound must be finite and > 0, was Infinity"},
                {new String[] {"--ann", "--activation", "clip", "--levels", "4"}, "--levels applies to --activation qcfs only, not clip"},
                {new String[] {"--ann", "--activation", "relu", "--bound", "2"}, "--bound applies to --activation clip or qcfs only, not relu"},
                {new String[] {"--ann", "--levels", "4"}, "--levels needs --activation qcfs"},
                {new String[] {"--ann", "--bound", "4"}, "--bound needs --activation clip or qcfs"},
                {new String[] {"--activation", "qcfs"}, "--activation applies to ANN training only (add --ann)"},
                {new String[] {"--levels", "2"}, "--levels applies to ANN training only (add --ann)"},
                {new String[] {"--ann", "--activation", "qcfs", "--levels", "2.5"}, "--levels"},
        };
        assertTrainRefuses(cases);
    }

    @Test
    void finetuneTrainsAConvertedSnnWithOptionallyTrainableThresholds() throws IOException {
        Path ann = dir.resolve("ann.snn4j"), snn = dir.resolve("snn.snn4j"), tuned = dir.resolve("tuned.snn4j");
        assertEquals(0, run(with(with(new String[] {"train"}, SMALL), "--ann", "--out", ann.toString())).code());
        assertEquals(0, run("convert", "--model-file", ann.toString(), "--limit-test", "64", "--calibration", "64", "--T", "4",
                "--method", "p99.9", "--out", snn.toString()).code());
        Run f = run("finetune", "--model-file", snn.toString(), "--limit-train", "256", "--limit-test", "128", "--epochs", "1",
                "--lr", "1e-4", "--trainable", "--no-progress", "--out", tuned.toString(), "--json");
        assertEquals(0, f.code(), f.err());
        JsonObject o = JsonParser.parseString(f.lastLine()).getAsJsonObject();
        assertEquals("snn", o.get("mode").getAsString());
        assertTrue(o.getAsJsonObject("spikes_per_neuron_per_step").get("sn1").getAsDouble() > 0);
        org.snn4j.io.Checkpoint saved = org.snn4j.io.Checkpoint.load(tuned);
        float theta = saved.parameters().get("sn1.threshold").data()[0];
        float converted = org.snn4j.io.Checkpoint.load(snn).parameters().containsKey("sn1.threshold") ? -1f
                : JsonParser.parseString(org.snn4j.io.Checkpoint.load(snn).modelSpec()).getAsJsonObject()
                        .getAsJsonObject("neuron_by_layer").getAsJsonObject("sn1").get("threshold").getAsFloat();
        assertTrue(theta > 0 && theta != converted, "the threshold was trained: " + converted + " -> " + theta);
        Run e = run("eval", "--model-file", tuned.toString(), "--limit-test", "128", "--json");
        assertEquals(0, e.code(), e.err());
        assertEquals(o.get("test_accuracy").getAsDouble(), JsonParser.parseString(e.lastLine()).getAsJsonObject()
                .get("test_accuracy").getAsDouble(), 1e-12);
        Run bad = run("finetune", "--model-file", ann.toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("holds an ANN"), bad.err());
    }

    @Test
    void hybridWithStochasticSoftmaxTrainsSavesAndEvaluates() {
        Path out = dir.resolve("hybrid.snn4j");
        Run t = run(with(with(new String[] {"train"}, SMALL), "--hybrid", "1", "--loss", "stochmax:0.5:gumbel:cosine",
                "--out", out.toString(), "--json"));
        assertEquals(0, t.code(), t.err());
        JsonObject o = JsonParser.parseString(t.lastLine()).getAsJsonObject();
        assertEquals(java.util.Set.of("sn1"), o.getAsJsonObject("spikes_per_neuron_per_step").keySet());
        for (var layer : o.getAsJsonArray("layers")) {
            JsonObject l = layer.getAsJsonObject();
            if (l.get("layer").getAsString().equals("conv2")) {
                assertEquals(0, l.get("acs").getAsDouble(), 0, "an ANN layer after the rate boundary costs MACs only");
                assertEquals(l.get("dense_macs").getAsDouble(), l.get("macs").getAsDouble(), 0);
            }
        }
        Run e = run("eval", "--model-file", out.toString(), "--limit-test", "128", "--json");
        assertEquals(0, e.code(), e.err());
        assertEquals(o.get("test_accuracy").getAsDouble(), JsonParser.parseString(e.lastLine()).getAsJsonObject()
                .get("test_accuracy").getAsDouble(), 1e-12);
    }

    @Test
    void backwardResidualPresetTrains() {
        Run t = run("train", "--model", "backres-vgg2", "--width", "0.25", "--limit-train", "64", "--limit-test", "32", "--epochs", "1",
                "--T", "2", "--no-progress", "--out", dir.resolve("br.snn4j").toString(), "--json");
        assertEquals(0, t.code(), t.err());
        JsonObject rates = JsonParser.parseString(t.lastLine()).getAsJsonObject().getAsJsonObject("spikes_per_neuron_per_step");
        assertEquals(java.util.Set.of("sn1", "bres1.p1.sn1", "bres1.p1.sn2", "bres1.p2.sn1", "bres1.p2.sn2"), rates.keySet());
    }

    /** Each {flags, message}: train exits 2 with one line containing the message, writing nothing. */
    private void assertTrainRefuses(Object[][] cases) {
        Path never = dir.resolve("never.snn4j");
        for (Object[] c : cases) {
            String[] flags = (String[]) c[0];
            Run r = run(with(with(new String[] {"train"}, SMALL), with(flags, "--out", never.toString())));
            String what = String.join(" ", flags) + ": " + r.err();
            assertEquals(2, r.code(), what);
            assertEquals(1, r.err().strip().split("\n").length, what);
            assertTrue(r.err().contains((String) c[1]), what);
        }
        assertFalse(Files.exists(never));
    }

    @Test
    void badPandaFlagsExitTwoWithOneLine() {
        Object[][] cases = {
                {new String[] {"--hybrid", "-1"}, "--hybrid must be >= 0, was -1"},
                {new String[] {"--hybrid", "1", "--boundary", "spikes"}, "unknown hybrid boundary 'spikes' (valid: rate, membrane)"},
                {new String[] {"--hybrid", "1", "--boundary", "rate:0.5"}, "--boundary must be rate or membrane[:LEAK], was 'rate:0.5'"},
                {new String[] {"--hybrid", "1", "--boundary", "membrane:2"}, "hybrid boundary leak must be in (0, 1], was 2.0"},
                {new String[] {"--boundary", "membrane"}, "--boundary applies with --hybrid only"},
                {new String[] {"--hybrid", "1", "--ann"}, "--hybrid builds an SNN with ANN layers; drop --ann"},
                {new String[] {"--loss", "stochmax:x"}, "--loss: stochmax: noise scale 'x' is not a number"},
                {new String[] {"--loss", "stochmax:1:pink"}, "--loss: unknown logit noise 'pink'"},
        };
        assertTrainRefuses(cases);
    }

    @Test
    void badUsageExitsTwoWithOneLine() {
        for (String[] args : new String[][] {{"train", "--T", "0"}, {"train", "--batch", "-3"}, {"train", "--epochs", "0"},
                {"train", "--frobnicate"}, {"eval"}, {"train", "--block-variant", "pre-activation"},
                {"train", "--spike-penalty", "-1"}, {"train", "--spike-penalty-schedule", "cosine"}, {"eval", "--model-file", "x", "--energy", "7nm"},
                {"eval", "--model-file", "x", "--engine", "sparse"}, {"bench", "infer", "--model-file", "x", "--batch", "0"},
                {"bench", "infer", "--model-file", "x", "--engine", "gpu"}}) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
        }
        assertTrue(run("train", "--T", "0").err().contains("--T must be > 0, was 0"));
        assertTrue(run("eval", "--model-file", "x", "--engine", "sparse").err().contains("unknown engine 'sparse' (valid: dense, event, auto)"));
    }

    @Test
    void badInputsExitOneNamingTheProblemAndWriteNothing() throws IOException {
        Path out = dir.resolve("never.snn4j");
        // an unknown preset is bad usage (exit 2, issue 24); a spec file that does not load is a failure
        Path spec = Files.writeString(dir.resolve("broken-spec.json"), "{\"name\": \"x\", ");
        Run r = run(with(with(new String[] {"train"}, SMALL), "--model", spec.toString(), "--out", out.toString()));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("broken-spec.json: not valid JSON"), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());

        Path data = mnistCopy();
        byte[] images = Files.readAllBytes(data.resolve("train-images-idx3-ubyte"));
        Files.write(data.resolve("train-images-idx3-ubyte"), java.util.Arrays.copyOf(images, images.length / 2));
        assertDataError(data, out, "truncated");

        data = mnistCopy();
        Files.write(data.resolve("train-images-idx3-ubyte"), ByteBuffer.wrap(images).putInt(0, 2049).array());
        assertDataError(data, out, "magic number expected 2051, was 2049");

        data = mnistCopy();
        byte[] labels = Files.readAllBytes(data.resolve("train-labels-idx1-ubyte"));
        Files.write(data.resolve("train-labels-idx1-ubyte"), java.util.Arrays.copyOf(ByteBuffer.wrap(labels).putInt(4, 100).array(), 108));
        assertDataError(data, out, "labels");

        Path notAModel = dir.resolve("junk.snn4j");
        Files.writeString(notAModel, "junk");
        Run e = run("eval", "--model-file", notAModel.toString());
        assertEquals(1, e.code());
        assertTrue(e.err().contains("junk.snn4j"), e.err());
        assertFalse(Files.exists(out), "no output written by failed runs");
    }

    private void assertDataError(Path data, Path out, String expected) {
        Run r = run(with(with(new String[] {"train"}, SMALL), "--data", "mnist", "--data-dir", data.toString(), "--out", out.toString()));
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(Files.exists(out));
    }

    /** The bundled digits as raw (ungzipped) IDX files in a fresh directory, to be damaged by a test. */
    private Path mnistCopy() throws IOException {
        Path d = Files.createTempDirectory(dir, "mnist");
        for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            try (InputStream in = new GZIPInputStream(CliTest.class.getResourceAsStream("/org/snn4j/datasets/mnist-10k/" + f + ".gz"))) {
                Files.write(d.resolve(f), in.readAllBytes());
            }
        }
        return d;
    }
}
