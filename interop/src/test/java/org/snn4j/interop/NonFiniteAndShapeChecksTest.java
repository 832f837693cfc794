package org.snn4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.Snn4jException;
import org.snn4j.io.FileFormatException;
import org.snn4j.io.SafeTensors;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.tensor.Tensor;

/**
 * Issue 24's parser and non-finite cases for the interop doors, one test each with the exact message:
 * NIR windows of stride or kernel 0, NIR shapes beyond an int, NaN or infinity in NIR, ONNX and
 * safetensors imports, and exports of a model holding one.
 */
class NonFiniteAndShapeChecksTest {
    @TempDir
    Path dir;

    private static final String TINY = """
            {"name": "tiny", "input": [1, 2, 2], "classes": 2,
             "layers": [{"type": "flatten"}, {"type": "linear", "out": 3}, {"type": "spike"},
                        {"type": "linear", "out": 2}, {"type": "readout"}]}""";

    private String importError(Path nir) {
        return assertThrows(FileFormatException.class, () -> NirImporter.importSnn(nir, 1e-4)).getMessage();
    }

    @Test
    void nirConvWithStrideZeroNamesTheNodeAndField() {
        Path f = NirFiles.conv(dir.resolve("c.nir"), 0);
        assertEquals(f + ": Conv2d node 'conv': 'stride' must be >= 1, was 0", importError(f));
    }

    @Test
    void nirAvgPoolWithStrideZeroNamesTheNodeAndField() {
        Path f = NirFiles.avgPool(dir.resolve("p.nir"), 2, 0);
        assertEquals(f + ": AvgPool2d node 'pool': 'stride' must be >= 1, was 0", importError(f));
    }

    @Test
    void nirAvgPoolWithKernelZeroNamesTheNodeAndField() {
        Path f = NirFiles.avgPool(dir.resolve("k.nir"), 0, 1);
        assertEquals(f + ": AvgPool2d node 'pool': 'kernel_size' must be >= 1, was 0", importError(f));
    }

    @Test
    void nirNegativeStrideNamesTheNodeAndField() {
        Path f = NirFiles.avgPool(dir.resolve("n.nir"), 2, -1);
        assertEquals(f + ": AvgPool2d node 'pool': 'stride' [-1.0, -1.0] (one non-negative integer, or equal height and width)",
                importError(f));
    }

    @Test
    void nirShapeBeyondAnIntIsReportedWithItsRealNumbers() {
        Path f = NirFiles.flattenAffine(dir.resolve("h.nir"), new long[] {1, 1_000_000_000L, 1_000_000_000L});
        assertEquals(f + ": Input node: shape [1, 1000000000, 1000000000] holds more than 2^31-1 values per sample", importError(f));
    }

    @Test
    void nirNanThresholdIsNonFiniteNotUneven() {
        Path f = NirFiles.affineLif(dir.resolve("t.nir"), new float[][] {{1, 0, 0}, {0, 1, 0}}, Float.NaN);
        assertEquals(f + ": LIF node 'lif': parameter 'v_threshold' holds a non-finite value NaN at index 0", importError(f));
    }

    @Test
    void nirInfiniteWeightNamesTheNodeAndIndex() {
        Path f = NirFiles.affineLif(dir.resolve("w.nir"), new float[][] {{1, 0, 0}, {0, Float.POSITIVE_INFINITY, 0}}, 1);
        assertEquals(f + ": Affine node 'fc': parameter 'weight' holds a non-finite value Infinity at index 4", importError(f));
    }

    @Test
    void onnxInitializerWithNanIsRefused() {
        byte[] model = new OnnxBytes().input("x", -1, 1, 2, 2).output("y")
                .initializer("B", new float[] {1, 0, 0, 1, 0, 0, 0, 1, 0, 0, Float.NaN, 1}, 4, 3)
                .initializer("C", new float[] {1, 2, 3}, 3)
                .node("Flatten", List.of("x"), List.of("f"), OnnxBytes.integer("axis", 1))
                .node("Gemm", List.of("f", "B", "C"), List.of("y"))
                .build();
        String m = assertThrows(FileFormatException.class, () -> OnnxImporter.importAnn(OnnxReader.read(model, "nan.onnx"), "nan"))
                .getMessage();
        assertEquals("nan.onnx: Gemm node 'gemm1': tensor for 'fc1.weight' holds a non-finite value NaN at index 7", m);
    }

    @Test
    void safetensorsImportWithAnInfiniteWeightIsRefused() {
        Model m = tiny();
        Path w = dir.resolve("m.safetensors");
        SafeTensorsModel.save(m, w);
        Map<String, Tensor> tensors = new java.util.LinkedHashMap<>(SafeTensors.load(w).tensors());
        tensors.get("fc2.weight").data()[5] = Float.NEGATIVE_INFINITY;
        SafeTensors.save(w, tensors, Map.of("snn4j.mode", "snn"));
        assertEquals(w + ": tensor 'fc2.weight' holds a non-finite value -Infinity at index 5",
                assertThrows(FileFormatException.class, () -> SafeTensorsModel.load(w)).getMessage());
    }

    @Test
    void safetensorsExportOfANanModelIsRefusedAndWritesNothing() {
        Model m = tiny();
        m.parameterTensors().get("fc2.weight").data()[2] = Float.NaN;
        Path w = dir.resolve("nan.safetensors");
        assertEquals("tiny: tensor 'fc2.weight' holds a non-finite value NaN at index 2; a model with non-finite weights is not exported",
                assertThrows(Snn4jException.class, () -> SafeTensorsModel.save(m, w)).getMessage());
        assertFalse(Files.exists(w));
        assertFalse(Files.exists(SafeTensorsModel.specFile(w)));
    }

    @Test
    void nirExportOfANanModelIsRefusedAndWritesNothing() {
        Model m = tiny();
        m.parameterTensors().get("fc1.weight").data()[3] = Float.POSITIVE_INFINITY;
        Path f = dir.resolve("inf.nir");
        assertEquals("tiny: tensor 'fc1.weight' holds a non-finite value Infinity at index 3; a model with non-finite weights is not exported",
                assertThrows(Snn4jException.class, () -> NirExporter.export(m, f, 1e-4)).getMessage());
        assertFalse(Files.exists(f));
    }

    @Test
    void handMadeFuzzSeedsAreTheseCases() throws Exception {
        String base = "NirImporterFuzzTestInputs/nir/";
        Map<String, String> expected = Map.of(
                "conv-stride-0", "seed: Conv2d node 'conv': 'stride' must be >= 1, was 0",
                "avgpool-stride-0", "seed: AvgPool2d node 'pool': 'stride' must be >= 1, was 0",
                "huge-shape", "seed: Input node: shape [1, 1000000000, 1000000000] holds more than 2^31-1 values per sample");
        for (var e : expected.entrySet()) {
            byte[] bytes = getClass().getResourceAsStream(base + e.getKey()).readAllBytes();
            assertEquals(e.getValue(), assertThrows(FileFormatException.class, () -> NirImporter.importSnn(bytes, "seed", 1e-4)).getMessage());
        }
    }

    private static Model tiny() {
        return ModelBuilder.build(ModelSpec.parse(TINY, "tiny"), ModelBuilder.Mode.SNN, 1);
    }
}
