package org.snn4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.engine.Executor;
import org.snn4j.io.FileFormatException;
import org.snn4j.io.SafeTensors;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.Presets;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class SafeTensorsModelTest {
    @TempDir
    Path dir;

    @Test
    void saveThenLoadGivesTheSameTensorsAndOutputs() {
        ModelSpec spec = Presets.byName("resnet8", new int[] {1, 12, 12}, 10, new Presets.Options(true, 0, 0.25));
        Model model = ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 3);
        new Rng(2).fillUniform(model.bufferTensors().values().iterator().next().data(), 0.5f, 1.5f);
        Path weights = dir.resolve("resnet8.safetensors");
        SafeTensorsModel.save(model, weights);
        assertTrue(Files.isRegularFile(dir.resolve("resnet8.json")));
        // Plain PyTorch-style names, parameters then buffers.
        assertTrue(SafeTensors.load(weights).tensors().containsKey("bn1.running_mean"));
        Model back = SafeTensorsModel.load(weights);
        assertEquals(ModelBuilder.Mode.SNN, back.mode());
        for (var e : model.parameterTensors().entrySet()) assertArrayEquals(e.getValue().data(), back.parameterTensors().get(e.getKey()).data(), e.getKey());
        for (var e : model.bufferTensors().entrySet()) assertArrayEquals(e.getValue().data(), back.bufferTensors().get(e.getKey()).data(), e.getKey());
        Tensor x = Tensor.zeros(1, 2, 1, 12, 12);
        new Rng(9).fillUniform(x.data(), 0, 1);
        assertArrayEquals(Executor.dense(model).forward(x, ForwardContext.evaluation().withSteps(4)).output().data(),
                Executor.dense(back).forward(x, ForwardContext.evaluation().withSteps(4)).output().data());
    }

    @Test
    void weightsWithoutTheirSpecAreRejected() {
        Path weights = dir.resolve("alone.safetensors");
        SafeTensors.save(weights, java.util.Map.of("w", Tensor.zeros(2)), java.util.Map.of());
        FileFormatException e = assertThrows(FileFormatException.class, () -> SafeTensorsModel.load(weights));
        assertTrue(e.getMessage().contains("no model spec"), e.getMessage());
    }
}
