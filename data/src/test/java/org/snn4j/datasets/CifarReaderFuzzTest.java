package org.snn4j.datasets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.snn4j.FuzzContract;
import org.snn4j.SeedMutations;

/**
 * Fuzz targets of the CIFAR binary reader, on a file held in memory (the path-based reader shares the
 * record parsing and differs only in how it opens files); seeds in CifarReaderFuzzTestInputs/{cifar10,cifar100}/.
 */
class CifarReaderFuzzTest {
    @FuzzTest
    void cifar10(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> CifarReader.read("fuzz", file, "fuzz.bin", CifarReader.Labels.CIFAR10), DataFormatException.class);
    }

    @FuzzTest
    void cifar100(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> CifarReader.read("fuzz", file, "fuzz.bin", CifarReader.Labels.FINE), DataFormatException.class);
    }

    @Test
    void mutatedCifar10Seeds() throws Exception {
        SeedMutations.check(getClass(), "cifar10", 3000, this::cifar10);
    }

    @Test
    void mutatedCifar100Seeds() throws Exception {
        SeedMutations.check(getClass(), "cifar100", 3000, this::cifar100);
    }
}
