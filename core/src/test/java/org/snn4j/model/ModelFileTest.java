package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.io.FileFormatException;
import org.snn4j.tensor.Tensor;

/** {@link ModelFile}: one format and one set of checks from a path, a stream and a byte array. */
class ModelFileTest {
    @TempDir
    Path dir;

    /** A small SNN with weights, biases and BatchNorm buffers, its weights drawn from {@code seed}. */
    static Model network(long seed) {
        ModelSpec spec = ModelSpec.parse("""
                {"name": "file-net", "input": [1, 12, 12], "classes": 10,
                 "neuron": {"model": "lif", "leak": 0.9},
                 "layers": [{"type": "conv", "out": 4, "kernel": 3, "padding": 1}, {"type": "batchnorm"}, {"type": "spike"},
                            {"type": "avgpool", "kernel": 2}, {"type": "flatten"}, {"type": "linear", "out": 10, "bias": true},
                            {"type": "readout"}]}""", "file-net.json");
        Model model = ModelBuilder.build(spec, ModelBuilder.Mode.SNN, seed);
        float[] mean = model.bufferTensors().values().iterator().next().data();
        for (int i = 0; i < mean.length; i++) mean[i] = 0.125f * (i + 1);  // buffers that are not their initial values
        return model;
    }

    @Test
    void pathBytesAndStreamRoundTripGiveTheSameModel() throws IOException {
        Model original = network(7);
        Path file = dir.resolve("models/net.snn4j");
        ModelFile.of(original, 6).save(file);

        ModelFile fromPath = ModelFile.read(file);
        byte[] bytes = fromPath.toBytes();
        assertArrayEquals(Files.readAllBytes(file), bytes, "a file read and written again is the same bytes");
        ModelFile fromBytes = ModelFile.read(bytes);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        fromBytes.write(streamed);
        assertArrayEquals(bytes, streamed.toByteArray());
        ModelFile fromStream = ModelFile.read(new ByteArrayInputStream(streamed.toByteArray()), "net from a stream");

        for (ModelFile m : new ModelFile[] {fromPath, fromBytes, fromStream}) {
            assertEquals(original.spec(), m.model().spec());
            assertEquals(ModelBuilder.Mode.SNN, m.model().mode());
            assertSameTensors(original.parameterTensors(), m.model().parameterTensors());
            assertSameTensors(original.bufferTensors(), m.model().bufferTensors());
            assertEquals(6, m.steps(8));
            assertEquals("direct", m.encoder());
            assertEquals(1.0, m.encoderGain());
            assertFalse(m.isAnn());
        }
        assertFalse(Arrays.equals(original.parameterTensors().get("conv1.weight").data(),
                network(8).parameterTensors().get("conv1.weight").data()), "another seed, other weights: the file's weights were loaded");
    }

    @Test
    void aDamagedStreamGivesThePathLoadersMessage() throws IOException {
        byte[] good = ModelFile.of(network(1), 4).toBytes();
        byte[][] damaged = {Arrays.copyOf(good, good.length - 5), Arrays.copyOf(good, 5), "not a model".getBytes(), new byte[0]};
        for (byte[] bad : damaged) {
            Path file = dir.resolve("bad.snn4j");
            Files.write(file, bad);
            String fromPath = assertThrows(FileFormatException.class, () -> ModelFile.read(file)).getMessage();
            String problem = fromPath.substring(file.toString().length());
            assertTrue(fromPath.startsWith(file + ": "), fromPath);
            assertEquals("bad.snn4j" + problem, assertThrows(FileFormatException.class,
                    () -> ModelFile.read(new ByteArrayInputStream(bad), "bad.snn4j")).getMessage());
            assertEquals(ModelFile.BYTES + problem, assertThrows(FileFormatException.class, () -> ModelFile.read(bad)).getMessage());
            assertEquals(ModelFile.STREAM + problem,
                    assertThrows(FileFormatException.class, () -> ModelFile.read(new ByteArrayInputStream(bad))).getMessage());
        }
    }

    @Test
    void aFailingOrMissingStreamIsAFormatErrorNamingIt() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertEquals("s3://bucket/net.snn4j: cannot read: connection reset",
                assertThrows(FileFormatException.class, () -> ModelFile.read(failing, "s3://bucket/net.snn4j")).getMessage());
        String missing = assertThrows(FileFormatException.class,
                () -> ModelFile.read(ModelFileTest.class.getResourceAsStream("no-such-model.snn4j"), "no-such-model.snn4j")).getMessage();
        assertTrue(missing.startsWith("no-such-model.snn4j: no such stream"), missing);
    }

    @Test
    void stepsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> ModelFile.of(network(1), 0));
    }

    private static void assertSameTensors(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name).shape(), actual.get(name).shape(), name);
            assertArrayEquals(expected.get(name).data(), actual.get(name).data(), name);
        }
    }
}
