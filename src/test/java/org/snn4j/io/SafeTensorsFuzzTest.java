package org.snn4j.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.snn4j.FuzzContract;

/** Fuzz target of the safetensors reader (seeds in SafeTensorsFuzzTestInputs/read/). */
class SafeTensorsFuzzTest {
    @FuzzTest
    void read(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> SafeTensors.read(file, "fuzz.safetensors"), FileFormatException.class);
    }
}
