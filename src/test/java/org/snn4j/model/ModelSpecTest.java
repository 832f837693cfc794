package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSpecTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsThroughSaveAndLoad() {
        ModelSpec s = Presets.byName("lenet", new int[] {1, 28, 28}, 10, Presets.Options.defaults());
        Path f = dir.resolve("lenet.json");
        s.save(f);
        ModelSpec back = ModelSpec.load(f);
        assertEquals(s, back);
        assertEquals(s.toJson(), back.toJson());
        ModelBuilder.build(back, ModelBuilder.Mode.SNN, 1);
    }

    @Test
    void invalidSpecsNameTheirFieldAndLayer() {
        assertMessage("{", "not valid JSON");
        assertMessage("[]", "must be a JSON object");
        assertMessage("{\"name\":\"x\",\"input\":[1,4,4],\"classes\":0,\"layers\":[{}]}", "'classes' must be a positive integer");
        assertMessage("{\"name\":\"x\",\"input\":[1,4,4],\"classes\":2,\"layers\":[]}", "'layers' is empty");
        assertMessage("{\"name\":\"x\",\"input\":[1,4,4],\"classes\":2,\"colour\":1,\"layers\":[{}]}", "unknown field 'colour'");
        assertBuildMessage("{\"name\":\"x\",\"input\":[1,4,4],\"classes\":2,\"layers\":[{\"type\":\"conv\",\"out\":2}]}",
                "layers[0] (conv): field 'kernel' must be an integer");
        assertBuildMessage("{\"name\":\"x\",\"input\":[1,4,4],\"classes\":2,\"layers\":[{\"type\":\"linear\",\"out\":2}]}",
                "add a flatten layer first");
        assertBuildMessage("{\"name\":\"x\",\"input\":[1,4,4],\"classes\":2,\"layers\":[{\"type\":\"warp\"}]}", "unknown layer type 'warp'");
        assertBuildMessage("{\"name\":\"x\",\"input\":[1,4,4],\"classes\":2,\"layers\":[{\"type\":\"conv\",\"out\":2,\"kernel\":9}]}",
                "layers[0] (conv)");
        assertBuildMessage("{\"name\":\"x\",\"input\":[4],\"classes\":2,\"layers\":[{\"type\":\"spike\",\"reset\":\"sideways\"}]}",
                "unknown reset 'sideways'");
        assertBuildMessage("{\"name\":\"x\",\"input\":[4],\"classes\":2,\"layers\":[{\"type\":\"linear\",\"out\":3},{\"type\":\"readout\"}]}",
                "expected [2]");
    }

    private static void assertMessage(String json, String expected) {
        SpecException e = assertThrows(SpecException.class, () -> ModelSpec.parse(json, "m.json"));
        assertTrue(e.getMessage().startsWith("m.json") && e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertBuildMessage(String json, String expected) {
        SpecException e = assertThrows(SpecException.class, () -> ModelBuilder.build(ModelSpec.parse(json, "m.json"), ModelBuilder.Mode.SNN, 1));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
