package org.snn4j.datasets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.FuzzContract;
import org.snn4j.SeedMutations;

/**
 * Fuzz target of the MAT v5 reader and the SVHN reader on top of it: parse, read every variable's
 * values, build the data set (seeds in SvhnReaderFuzzTestInputs/mat/: files written by SciPy's savemat,
 * plain and compressed).
 */
class SvhnReaderFuzzTest {
    @FuzzTest
    void mat(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> {
            Map<String, MatArray> vars = MatFile.read(ByteBuffer.wrap(file), "fuzz.mat");
            for (MatArray a : vars.values()) {
                FuzzContract.parseOrReject(a::doubles, DataFormatException.class);
            }
            SvhnReader.read("fuzz", vars, "fuzz.mat");
        }, DataFormatException.class);
    }

    @Test
    void mutatedMatSeeds() throws Exception {
        SeedMutations.check(getClass(), "mat", 3000, this::mat);
    }
}
