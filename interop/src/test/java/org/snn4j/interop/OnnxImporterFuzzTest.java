package org.snn4j.interop;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.snn4j.FuzzContract;
import org.snn4j.SeedMutations;
import org.snn4j.io.FileFormatException;
import org.snn4j.model.SpecException;

/**
 * Fuzz target of the ONNX import: the protobuf reader and the graph-to-model builder on top of it
 * (seeds in OnnxImporterFuzzTestInputs/onnx/: the two PyTorch-exported test models).
 */
class OnnxImporterFuzzTest {
    @FuzzTest
    void onnx(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> OnnxImporter.importAnn(OnnxReader.read(file, "fuzz.onnx"), "fuzz"),
                FileFormatException.class, SpecException.class);
    }

    @Test
    void mutatedOnnxSeeds() throws Exception {
        SeedMutations.check(getClass(), "onnx", 2000, this::onnx);
    }

    /** Fuzz finding (seed regression-no-such-element): a node without outputs made the importer's getFirst() throw. */
    @Test
    void nodeWithoutOutputIsAFormatError() throws Exception {
        byte[] file = getClass().getResourceAsStream("OnnxImporterFuzzTestInputs/onnx/regression-no-such-element").readAllBytes();
        FileFormatException e = org.junit.jupiter.api.Assertions.assertThrows(FileFormatException.class,
                () -> OnnxImporter.importAnn(OnnxReader.read(file, "bad.onnx"), "bad"));
        org.junit.jupiter.api.Assertions.assertEquals("bad.onnx: Pad node '/3/Pad' has no output", e.getMessage());
    }

    /** Fuzz finding (seed regression-dims-product): a tensor's dims whose running product passes 2^31 before a 0. */
    @Test
    void dimsBeyondAnArrayAreAFormatError() throws Exception {
        byte[] file = getClass().getResourceAsStream("OnnxImporterFuzzTestInputs/onnx/regression-dims-product").readAllBytes();
        FileFormatException e = org.junit.jupiter.api.Assertions.assertThrows(FileFormatException.class,
                () -> OnnxImporter.importAnn(OnnxReader.read(file, "bad.onnx"), "bad"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("bad.onnx: tensor '1.running_var' dims [8, 1179145, 61, ")
                && e.getMessage().endsWith("] hold more than 2^31-1 elements"), e.getMessage());
    }

    /** Fuzz finding (seed regression-empty-array): an empty strides/pads attribute was read at index 0. */
    @Test
    void emptyIntsAttributeIsAFormatError() throws Exception {
        byte[] file = getClass().getResourceAsStream("OnnxImporterFuzzTestInputs/onnx/regression-empty-array").readAllBytes();
        FileFormatException e = org.junit.jupiter.api.Assertions.assertThrows(FileFormatException.class,
                () -> OnnxImporter.importAnn(OnnxReader.read(file, "bad.onnx"), "bad"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("bad.onnx: ") && e.getMessage().contains(" is empty"),
                e.getMessage());
    }
}
