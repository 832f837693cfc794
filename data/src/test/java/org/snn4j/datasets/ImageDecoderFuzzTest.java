package org.snn4j.datasets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.snn4j.FuzzContract;
import org.snn4j.SeedMutations;

/**
 * Fuzz target of the image decoding of {@link ImageFolder}: ImageIO's JPEG and PNG readers on a file
 * held in memory, whose odd runtime exceptions must come out as {@link DataFormatException}; seeds in
 * ImageDecoderFuzzTestInputs/decode/.
 */
class ImageDecoderFuzzTest {
    @FuzzTest
    void decode(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> ImageCrop.centre(ImageDecoder.decode("fuzz.png", file), 4, new float[48], 0),
                DataFormatException.class);
    }

    @Test
    void mutatedSeeds() throws Exception {
        SeedMutations.check(getClass(), "decode", 2000, this::decode);
    }
}
