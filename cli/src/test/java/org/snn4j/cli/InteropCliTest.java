package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.interop.SafeTensorsModel;
import org.snn4j.model.Model;

/** The interop commands end to end: import, convert --ann, export (nir, safetensors), and their errors. */
class InteropCliTest {
    @TempDir
    Path dir;

    private Path onnx() throws IOException {
        Path f = dir.resolve("residual_cnn.onnx");
        try (InputStream in = InteropCliTest.class.getResourceAsStream("/org/snn4j/interop/residual_cnn.onnx")) {
            Files.copy(in, f);
        }
        return f;
    }

    private static JsonObject json(CliTest.Run r) {
        assertEquals(0, r.code(), r.err());
        return JsonParser.parseString(r.lastLine()).getAsJsonObject();
    }

    @Test
    void onnxImportConvertNirRoundTripAndSafetensors() throws IOException {
        Path onnx = onnx(), ann = dir.resolve("ann.snn4j"), snn = dir.resolve("snn.snn4j");
        assertEquals(0, CliTest.run("import", "--format", "onnx", onnx.toString(), "--out", ann.toString()).code());
        String[] convert = {"--limit-test", "200", "--calibration", "64", "--T", "8", "--method", "p99.9", "--threads", "1", "--json"};
        JsonObject direct = json(CliTest.run(concat(new String[] {"convert", "--ann", onnx.toString(), "--out", snn.toString()}, convert)));
        JsonObject viaFile = json(CliTest.run(concat(new String[] {"convert", "--model-file", ann.toString()}, convert)));
        assertEquals(direct.get("ann_accuracy"), viaFile.get("ann_accuracy"));
        assertEquals(direct.get("results"), viaFile.get("results"));
        assertTrue(direct.get("ann_accuracy").getAsDouble() > 0.8, direct.toString());

        Path nir = dir.resolve("snn.nir"), back = dir.resolve("back.snn4j");
        CliTest.Run export = CliTest.run("export", "--format", "nir", "--model-file", snn.toString(), "--out", nir.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(export.err().contains("warning: sn1: NIR cannot express reset by subtraction"), export.err());
        assertEquals(0, CliTest.run("import", "--format", "nir", nir.toString(), "--T", "8", "--out", back.toString()).code());
        String[] eval = {"--limit-test", "200", "--threads", "1", "--json"};
        JsonObject a = json(CliTest.run(concat(new String[] {"eval", "--model-file", snn.toString()}, eval)));
        JsonObject b = json(CliTest.run(concat(new String[] {"eval", "--model-file", back.toString()}, eval)));
        assertEquals(a.get("test_accuracy"), b.get("test_accuracy"));
        assertEquals(a.get("spikes_per_neuron_per_step"), b.get("spikes_per_neuron_per_step"));

        Path weights = dir.resolve("snn.safetensors");
        assertEquals(0, CliTest.run("export", "--format", "safetensors", "--model-file", snn.toString(), "--out", weights.toString()).code());
        assertTrue(Files.isRegularFile(dir.resolve("snn.json")));
        Model loaded = SafeTensorsModel.load(weights);
        assertEquals(org.snn4j.model.ModelFile.read(snn).model().parameterTensors().keySet(), loaded.parameterTensors().keySet());
    }

    @Test
    void badUsageAndCorruptFilesGiveOneLine() throws IOException {
        Path onnx = onnx(), ann = dir.resolve("ann.snn4j");
        assertEquals(0, CliTest.run("import", "--format", "onnx", onnx.toString(), "--out", ann.toString()).code());
        assertUsage(CliTest.run("export", "--format", "tflite", "--model-file", ann.toString(), "--out", dir.resolve("x").toString()), "unknown format 'tflite'");
        assertUsage(CliTest.run("export", "--format", "nir", "--model-file", ann.toString(), "--out", dir.resolve("x").toString()), "holds an ANN");
        assertUsage(CliTest.run("convert", "--ann", onnx.toString(), "--model-file", ann.toString()), "give one of --model-file");
        assertUsage(CliTest.run("import", "--format", "onnx", onnx.toString(), "--out", dir.resolve("y").toString(), "--dt", "0"), "--dt");

        Path garbage = dir.resolve("garbage.onnx");
        Files.writeString(garbage, "\u0000\u00ff not protobuf");
        CliTest.Run r = CliTest.run("import", "--format", "onnx", garbage.toString(), "--out", dir.resolve("z").toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("garbage.onnx: not an ONNX model"), r.err());
        CliTest.Run n = CliTest.run("import", "--format", "nir", onnx.toString(), "--out", dir.resolve("z").toString());
        assertEquals(1, n.code(), n.err());
        assertTrue(n.err().contains("not a readable HDF5 file"), n.err());
        assertTrue(!Files.exists(dir.resolve("x")) && !Files.exists(dir.resolve("y")) && !Files.exists(dir.resolve("z")));
    }

    private static void assertUsage(CliTest.Run r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
