package org.snn4j.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.snn4j.FuzzContract;
import org.snn4j.SeedMutations;
import org.snn4j.io.Checkpoint;
import org.snn4j.io.FileFormatException;
import org.snn4j.model.SpecException;

/**
 * Fuzz target of model and checkpoint files as {@code eval}, {@code convert} and {@code finetune} read
 * them: the checkpoint layout, the embedded spec, the train state and the tensors loaded into the
 * rebuilt model (seeds in SavedModelFuzzTestInputs/modelFile/: small SNN and ANN files and a checkpoint).
 */
class SavedModelFuzzTest {
    @FuzzTest
    void modelFile(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> {
            SavedModel m = SavedModel.of(Checkpoint.read(file, "fuzz.snn4j"), "fuzz.snn4j", 1);
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
