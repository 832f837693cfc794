package org.snn4j.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.snn4j.FuzzContract;
import org.snn4j.SeedMutations;
import org.snn4j.io.FileFormatException;

/**
 * Fuzz target of model and checkpoint files as {@code eval}, {@code convert} and {@code finetune} read
 * them (through {@link ModelFile}, which the path, stream and byte-array loaders share): the checkpoint
 * layout, the embedded spec, the train state and the tensors loaded into the rebuilt model (seeds in
 * ModelFileFuzzTestInputs/modelFile/: small SNN and ANN files and a checkpoint).
 */
class ModelFileFuzzTest {
    @FuzzTest
    void modelFile(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> {
            ModelFile m = ModelFile.read(new ByteArrayInputStream(file), "fuzz.snn4j");
            m.steps(8);
            m.encoder();
            m.encoderGain();
        }, FileFormatException.class, SpecException.class);
    }

    @Test
    void mutatedModelFileSeeds() throws Exception {
        SeedMutations.check(getClass(), "modelFile", 2000, this::modelFile);
    }
}
