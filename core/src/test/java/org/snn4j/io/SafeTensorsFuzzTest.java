package org.snn4j.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.snn4j.FuzzContract;
import org.snn4j.SeedMutations;

/** Fuzz target of the safetensors reader (seeds in SafeTensorsFuzzTestInputs/read/). */
class SafeTensorsFuzzTest {
    @FuzzTest
    void read(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> SafeTensors.read(file, "fuzz.safetensors"), FileFormatException.class);
    }

    @Test
    void mutatedReadSeeds() throws Exception {
        SeedMutations.check(getClass(), "read", 3000, this::read);
    }
}
