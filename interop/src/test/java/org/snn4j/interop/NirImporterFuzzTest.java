package org.snn4j.interop;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.snn4j.FuzzContract;
import org.snn4j.SeedMutations;
import org.snn4j.io.FileFormatException;
import org.snn4j.model.SpecException;

/**
 * Fuzz target of the NIR import: jhdf's HDF5 reader and the NIR graph reader on top of it (seeds in
 * NirImporterFuzzTestInputs/nir/: small SNNs written by {@link NirExporter}, and the hand-made ones of
 * {@link NirFiles#main}, a recurrent CubaLIF graph among them).
 */
class NirImporterFuzzTest {
    @FuzzTest
    void nir(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> NirImporter.importSnn(file, "fuzz.nir", 1e-4), FileFormatException.class, SpecException.class);
    }

    @Test
    void mutatedNirSeeds() throws Exception {
        SeedMutations.check(getClass(), "nir", 1000, this::nir);
    }

    /** Fuzz finding (seed regression-jhdf-illegal-argument): jhdf throws IllegalArgumentException on a damaged superblock. */
    @Test
    void damagedSuperblockIsAFormatError() throws Exception {
        byte[] file = getClass().getResourceAsStream("NirImporterFuzzTestInputs/nir/regression-jhdf-illegal-argument").readAllBytes();
        FileFormatException e = org.junit.jupiter.api.Assertions.assertThrows(FileFormatException.class,
                () -> NirImporter.importSnn(file, "bad.nir", 1e-4));
        org.junit.jupiter.api.Assertions.assertEquals("bad.nir: not a readable HDF5 file (IllegalArgumentException: Couldn't read 127 bytes as int)",
                e.getMessage());
    }

    /** Where an exception comes from decides whether it is the file's fault: jhdf's frames yes, the importer's own no, none (trace omitted by the JIT) yes. */
    @Test
    void exceptionsArePlacedByTheirStackTrace() {
        var fromJhdf = new IllegalArgumentException("damaged");
        fromJhdf.setStackTrace(new StackTraceElement[] {new StackTraceElement("io.jhdf.Superblock", "read", null, 1),
                new StackTraceElement("org.snn4j.interop.NirImporter", "read", null, 2)});
        var fromImporter = new IllegalArgumentException("bug");
        fromImporter.setStackTrace(new StackTraceElement[] {new StackTraceElement("org.snn4j.interop.NirImporter", "read", null, 2),
                new StackTraceElement("io.jhdf.HdfFile", "close", null, 1)});
        var omitted = new NullPointerException();
        omitted.setStackTrace(new StackTraceElement[0]);
        org.junit.jupiter.api.Assertions.assertTrue(NirImporter.thrownByJhdf(fromJhdf));
        org.junit.jupiter.api.Assertions.assertFalse(NirImporter.thrownByJhdf(fromImporter));
        org.junit.jupiter.api.Assertions.assertTrue(NirImporter.thrownByJhdf(omitted));
        org.junit.jupiter.api.Assertions.assertFalse(NirImporter.thrownByJhdf(new FileFormatException("f", "bad")));
    }
}
