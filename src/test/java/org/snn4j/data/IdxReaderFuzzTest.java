package org.snn4j.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import org.snn4j.FuzzContract;

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
}
