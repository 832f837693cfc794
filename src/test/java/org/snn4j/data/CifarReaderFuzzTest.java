package org.snn4j.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.FuzzContract;
import org.snn4j.SeedMutations;

/**
 * Fuzz targets of the CIFAR binary reader, which reads files by path: each input is written to one
 * scratch file first (seeds in CifarReaderFuzzTestInputs/{cifar10,cifar100}/).
 */
class CifarReaderFuzzTest {
    private static final Path FILE = scratch();

    @FuzzTest
    void cifar10(byte[] file) throws Exception {
        parse(file, CifarReader.Labels.CIFAR10);
    }

    @FuzzTest
    void cifar100(byte[] file) throws Exception {
        parse(file, CifarReader.Labels.FINE);
    }

    private static void parse(byte[] file, CifarReader.Labels labels) throws Exception {
        Files.write(FILE, file);
        FuzzContract.parseOrReject(() -> CifarReader.read("fuzz", List.of(FILE), labels), DataFormatException.class);
    }

    private static Path scratch() {
        try {
            Path p = Files.createTempFile("snn4j-cifar-fuzz", ".bin");
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void mutatedCifar10Seeds() throws Exception {
        SeedMutations.check(getClass(), "cifar10", 1000, this::cifar10);
    }

    @Test
    void mutatedCifar100Seeds() throws Exception {
        SeedMutations.check(getClass(), "cifar100", 1000, this::cifar100);
    }
}
