package org.snn4j.datasets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.snn4j.FuzzContract;
import org.snn4j.SeedMutations;

/** Fuzz targets of the IDX reader, raw and gzip (seeds in IdxReaderFuzzTestInputs/{images,labels}/). */
class IdxReaderFuzzTest {
    @FuzzTest
    void images(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> IdxReader.readImages(new ByteArrayInputStream(file), "fuzz-images"),
                DataFormatException.class);
    }

    @FuzzTest
    void labels(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> IdxReader.readLabels(new ByteArrayInputStream(file), "fuzz-labels", 10),
                DataFormatException.class);
    }

    @Test
    void mutatedImagesSeeds() throws Exception {
        SeedMutations.check(getClass(), "images", 3000, this::images);
    }

    @Test
    void mutatedLabelsSeeds() throws Exception {
        SeedMutations.check(getClass(), "labels", 3000, this::labels);
    }
}
