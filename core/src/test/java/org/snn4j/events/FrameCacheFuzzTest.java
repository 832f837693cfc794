package org.snn4j.events;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.snn4j.FuzzContract;
import org.snn4j.SeedMutations;
import org.snn4j.io.FileFormatException;

/** Fuzz target of the frame cache's reader (seeds in FrameCacheFuzzTestInputs/parse/: bytes and floats storage). */
class FrameCacheFuzzTest {
    /** The key the seeds were written with. */
    static final String KEY = "toy|2|none|2 frames by number, 2 polarity channels|seed 5";

    @FuzzTest
    void parse(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> FrameCache.parse(file, "fuzz.frames", KEY), FileFormatException.class);
    }

    @Test
    void mutatedSeeds() throws Exception {
        SeedMutations.check(getClass(), "parse", 3000, this::parse);
    }
}
