package org.snn4j.stdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.snn4j.FuzzContract;
import org.snn4j.SeedMutations;
import org.snn4j.io.FileFormatException;

/** Fuzz target of the Diehl &amp; Cook network file reader (seeds in DiehlCookFileFuzzTestInputs/read/). */
class DiehlCookFileFuzzTest {
    @FuzzTest
    void read(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> DiehlCookFile.read(file, "fuzz.safetensors"), FileFormatException.class);
    }

    @Test
    void mutatedReadSeeds() throws Exception {
        SeedMutations.check(getClass(), "read", 3000, this::read);
    }
}
