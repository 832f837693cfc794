package org.snn4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.convert.BatchNormFolding;
import org.snn4j.io.FileFormatException;
import org.snn4j.model.AnnActivation;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Tensor;

/**
 * ONNX models exported by PyTorch (tests/interop/make_onnx_fixtures.py) with PyTorch's outputs on
 * four MNIST digits: the imported ANN must reproduce them within 1e-4.
 */
class OnnxImporterTest {
    @TempDir
    Path dir;

    @Test
    void residualCnnReproducesPyTorchOutputs() throws IOException {
        Model ann = importResource("residual_cnn");
        assertEquals(ModelBuilder.Mode.ANN, ann.mode());
        JsonArray layers = ann.spec().layers();
        assertEquals("conv", layers.get(0).getAsJsonObject().get("type").getAsString());
        assertTrue(ann.spec().toJson().contains("\"residual\""), ann.spec().toJson());
        assertEquals(AnnActivation.Kind.RELU, ann.spec().annActivation().kind());
        assertMatchesPyTorch(ann, "residual_cnn");
        // What convert runs: the batch norms folded into the convolutions, same outputs.
        Model folded = BatchNormFolding.fold(ann);
        assertTrue(!folded.spec().toJson().contains("batchnorm"));
        assertMatchesPyTorch(folded, "residual_cnn");
    }

    @Test
    void maxPoolClipGlobalPoolReshapeAndMatMulReproducePyTorchOutputs() throws IOException {
        Model ann = importResource("ops_cnn");
        assertEquals(AnnActivation.Kind.CLIP, ann.spec().annActivation().kind());
        assertEquals(6.0, ann.spec().annActivation().bound(), 0);
        String spec = ann.spec().toJson();
        for (String type : new String[] {"maxpool", "globalavgpool", "flatten", "linear"}) assertTrue(spec.contains("\"" + type + "\""), type);
        assertMatchesPyTorch(ann, "ops_cnn");
    }

    @Test
    void unsupportedOperatorIsRejectedByName() throws IOException {
        byte[] bytes = resource("ops_cnn.onnx");
        // Same byte length: turn the MaxPool operator into a "MaxPoox" the importer does not know.
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("\"\u0007MaxPool", "\"\u0007MaxPoox");
        Path f = dir.resolve("bad-op.onnx");
        Files.write(f, text.getBytes(StandardCharsets.ISO_8859_1));
        FileFormatException e = assertThrows(FileFormatException.class, () -> OnnxImporter.importAnn(f));
        assertTrue(e.getMessage().contains("operator 'MaxPoox'") && e.getMessage().contains("is not supported"), e.getMessage());
    }

    @Test
    void corruptFilesGiveOneLineErrors() throws IOException {
        byte[] good = resource("residual_cnn.onnx");
        Path truncated = dir.resolve("truncated.onnx");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
        assertOneLine(assertThrows(FileFormatException.class, () -> OnnxImporter.importAnn(truncated)), "does not parse");
        Path text = dir.resolve("text.onnx");
        Files.writeString(text, "this is not a protobuf\n");
        assertOneLine(assertThrows(FileFormatException.class, () -> OnnxImporter.importAnn(text)), "not an ONNX model");
        Path empty = dir.resolve("empty.onnx");
        Files.write(empty, new byte[0]);
        assertOneLine(assertThrows(FileFormatException.class, () -> OnnxImporter.importAnn(empty)), "no graph");
    }

    private static void assertOneLine(FileFormatException e, String expected) {
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    private Model importResource(String name) throws IOException {
        Path f = dir.resolve(name + ".onnx");
        Files.write(f, resource(name + ".onnx"));
        return OnnxImporter.importAnn(f);
    }

    /** Runs the ANN on the stored inputs (one step) and compares with PyTorch's stored outputs. */
    static void assertMatchesPyTorch(Model ann, String name) throws IOException {
        JsonObject expected = JsonParser.parseString(new String(resource(name + ".json"), StandardCharsets.UTF_8)).getAsJsonObject();
        int[] inShape = ints(expected.getAsJsonArray("input_shape"));
        float[] x = floats(expected.getAsJsonArray("inputs"));
        float[] y = floats(expected.getAsJsonArray("outputs"));
        Tensor input = new Tensor(x, 1, inShape[0], inShape[1], inShape[2], inShape[3]);
        Tensor out = ann.forward(input, ForwardContext.evaluation()).output();
        assertEquals(y.length, out.size());
        for (int i = 0; i < y.length; i++) assertEquals(y[i], out.data()[i], 1e-4, name + " output " + i);
    }

    static byte[] resource(String file) throws IOException {
        try (InputStream in = OnnxImporterTest.class.getResourceAsStream(file)) {
            if (in == null) throw new IOException("missing test resource " + file);
            return in.readAllBytes();
        }
    }

    private static int[] ints(JsonArray a) {
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = a.get(i).getAsInt();
        return r;
    }

    private static float[] floats(JsonArray a) {
        float[] r = new float[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = a.get(i).getAsFloat();
        return r;
    }
}
