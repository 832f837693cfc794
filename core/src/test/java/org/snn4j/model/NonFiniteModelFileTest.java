package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.io.Checkpoint;
import org.snn4j.io.FileFormatException;
import org.snn4j.tensor.Tensor;

/** A model or checkpoint file holding a NaN or infinity is refused on load, naming the tensor and the first bad index. */
class NonFiniteModelFileTest {
    private static final String SPEC = """
            {"name": "tiny", "input": [1, 2, 2], "classes": 2,
             "layers": [{"type": "flatten"}, {"type": "linear", "out": 3}, {"type": "spike"},
                        {"type": "linear", "out": 2}, {"type": "readout"}]}""";

    private static byte[] file(Checkpoint.Kind kind, Model m, Map<String, Tensor> optimizer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Checkpoint(kind, m.spec().toJson(), Map.of(), m.parameterTensors(), m.bufferTensors(), optimizer).write(out);
        return out.toByteArray();
    }

    private static Model tiny() {
        return ModelBuilder.build(ModelSpec.parse(SPEC, "tiny"), ModelBuilder.Mode.SNN, 1);
    }

    @Test
    void anInfiniteWeightIsRefused() throws IOException {
        Model m = tiny();
        m.parameterTensors().get("fc1.weight").data()[7] = Float.POSITIVE_INFINITY;
        byte[] bytes = file(Checkpoint.Kind.MODEL, m, Map.of());
        assertEquals("inf.snn4j: tensor 'fc1.weight' holds a non-finite value Infinity at index 7",
                assertThrows(FileFormatException.class, () -> ModelFile.read(bytes, "inf.snn4j")).getMessage());
    }

    @Test
    void aNanInTheOptimizerStateOfACheckpointIsRefused() throws IOException {
        Model m = tiny();
        Checkpoint c = Checkpoint.read(file(Checkpoint.Kind.CHECKPOINT, m,
                Map.of("adam.m.fc2.weight", new Tensor(new float[] {0, 0, Float.NaN, 0, 0, 0}, 2, 3))), "c.ckpt");
        assertEquals("c.ckpt: tensor 'adam.m.fc2.weight' holds a non-finite value NaN at index 2",
                assertThrows(FileFormatException.class, () -> tiny().load(c, "c.ckpt")).getMessage());
    }
}
