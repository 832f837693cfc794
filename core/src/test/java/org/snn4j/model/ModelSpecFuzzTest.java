package org.snn4j.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.snn4j.FuzzContract;
import org.snn4j.SeedMutations;

/**
 * Fuzz target of the JSON model spec: parse it and build both networks it describes, which validates
 * every layer entry (seeds in ModelSpecFuzzTestInputs/spec/: the presets and a small MLP).
 */
class ModelSpecFuzzTest {
    @FuzzTest
    void spec(byte[] file) throws Exception {
        String text = new String(file, StandardCharsets.UTF_8);
        FuzzContract.parseOrReject(() -> {
            ModelSpec spec = ModelSpec.parse(text, "fuzz.json");
            ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 1);
            ModelBuilder.build(spec, ModelBuilder.Mode.ANN, 1);
        }, SpecException.class);
    }

    @Test
    void mutatedSpecSeeds() throws Exception {
        SeedMutations.check(getClass(), "spec", 500, this::spec);
    }
}
