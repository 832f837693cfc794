package org.snn4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.convert.BatchNormFolding;
import org.snn4j.engine.Executor;
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
        assertEquals("conv", ann.spec().layers().get(0).type());
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

    /** Gemm with transB 0, alpha 2, beta 0.5 on a flattened 1×2×2 input: y = 2·x·B + 0.5·C, by hand. */
    @Test
    void gemmAttributesFollowTheOnnxDefinition() {
        byte[] model = new OnnxBytes().input("x", -1, 1, 2, 2).output("y")
                .initializer("B", new float[] {1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1}, 4, 3)
                .initializer("C", new float[] {1, 2, 3}, 3)
                .node("Flatten", List.of("x"), List.of("f"), OnnxBytes.integer("axis", 1))
                .node("Gemm", List.of("f", "B", "C"), List.of("y"), OnnxBytes.real("alpha", 2), OnnxBytes.real("beta", 0.5f))
                .build();
        Model ann = OnnxImporter.importAnn(OnnxReader.read(model, "gemm.onnx"), "gemm");
        Tensor x = new Tensor(new float[] {1, 2, 3, 4}, 1, 1, 1, 2, 2);
        // B's rows: [1,0,0], [1,0,0], [0,1,0], [0,0,1]: x·B = [1 + 2, 3, 4]; 2·[3, 3, 4] + 0.5·[1, 2, 3] = [6.5, 7, 9.5]
        assertArrayEquals(new float[] {6.5f, 7, 9.5f}, Executor.dense(ann).forward(x, ForwardContext.evaluation()).output().data(), 1e-6f);
    }

    @Test
    void graphsSnn4jCannotExpressAreRefusedByNode() {
        float[] w = new float[2 * 1 * 1 * 1];
        assertRefused(new OnnxBytes().input("x", -1, 2, 2, 2).output("y").initializer("W", w, 2, 1, 1, 1)
                .node("Conv", List.of("x", "W"), List.of("y"), OnnxBytes.integer("group", 2)), "grouped convolution (group 2)");
        assertRefused(new OnnxBytes().input("x", -1, 1, 2, 2).output("y")
                .initializer("lo", new float[] {-1}).initializer("hi", new float[] {1})
                .node("Clip", List.of("x", "lo", "hi"), List.of("c"))
                .node("Flatten", List.of("c"), List.of("y")), "Clip(-1.0, 1.0)");
        assertRefused(new OnnxBytes().input("x", -1, 1, 2, 2).output("y")
                .initializer("lo", new float[] {0}).initializer("hi", new float[] {6})
                .node("Relu", List.of("x"), List.of("r"))
                .node("Clip", List.of("r", "lo", "hi"), List.of("c"))
                .node("Flatten", List.of("c"), List.of("y")), "mixes Relu");
        assertRefused(new OnnxBytes().input("x", -1, 1, 2, 2).output("y")
                .node("Relu", List.of("x"), List.of("a")).node("Relu", List.of("x"), List.of("b")).node("Relu", List.of("x"), List.of("c"))
                .node("Flatten", List.of("a"), List.of("y")), "feeds 3 nodes");
        assertRefused(new OnnxBytes().input("x", -1, 1, 2, 2).output("y")
                .node("Sigmoid", List.of("x"), List.of("s")).node("Flatten", List.of("s"), List.of("y")), "operator 'Sigmoid'");
        assertRefused(new OnnxBytes().input("x", -1, 4).output("y").node("Relu", List.of("x"), List.of("y")), "expected [N, C, H, W]");
    }

    private static void assertRefused(OnnxBytes model, String expected) {
        FileFormatException e = assertThrows(FileFormatException.class,
                () -> OnnxImporter.importAnn(OnnxReader.read(model.build(), "bad.onnx"), "bad"));
        assertOneLine(e, expected);
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
        Tensor out = Executor.dense(ann).forward(input, ForwardContext.evaluation()).output();
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
