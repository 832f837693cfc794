package org.snn4j.datasets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.snn4j.FuzzContract;
import org.snn4j.SeedMutations;
import org.snn4j.events.EventDataset;

/**
 * Fuzz targets of the event readers (seeds in EventReaderFuzzTestInputs/{nmnist,aedat,aedat4,gestureLabels,spikeAudio}/):
 * whatever the bytes, a reader returns or throws its one-line {@link DataFormatException}; and the chunked
 * decoders ({@code chunked*}, replayed on the same seeds' mutants): fed the bytes in random chunks, they give the
 * reader's events or its error, word for word.
 */
class EventReaderFuzzTest {
    @FuzzTest
    void nmnist(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> NmnistReader.read(file, "fuzz.bin", 34, 34), DataFormatException.class);
    }

    @FuzzTest
    void aedat(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> AedatReader.read(file, "fuzz.aedat"), DataFormatException.class);
        FuzzContract.parseOrReject(() -> AedatReader.read(file, "fuzz.aedat", 128, 128, Aedat2Address.CIFAR10_DVS),
                DataFormatException.class);
    }

    @FuzzTest
    void aedat4(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> Aedat4Reader.read(file, "fuzz.aedat4"), DataFormatException.class);
    }

    /** The chunked decoders: any chunking of the bytes gives the whole-file reader's events or its error. */
    @FuzzTest
    void chunkedNmnist(byte[] file) {
        ChunkedDecoding.check(f -> NmnistReader.read(f, "fuzz.bin", 34, 34), () -> EventDecoders.nmnist("fuzz.bin", 34, 34), file,
                java.util.Arrays.hashCode(file), 13);
    }

    @FuzzTest
    void chunkedAedat(byte[] file) {
        ChunkedDecoding.check(f -> AedatReader.read(f, "fuzz.aedat"), () -> EventDecoders.aedat("fuzz.aedat", Aedat2Address.DVS128), file,
                java.util.Arrays.hashCode(file), 41);
        ChunkedDecoding.check(f -> Aedat4Reader.read(f, "fuzz.aedat"), () -> EventDecoders.aedat4("fuzz.aedat"), file,
                java.util.Arrays.hashCode(file) + 1, 97);
    }

    @FuzzTest
    void gestureLabels(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> GestureLabels.parse(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1),
                "fuzz_labels.csv"), DataFormatException.class);
    }

    @FuzzTest
    void spikeAudio(byte[] file) throws Exception {
        FuzzContract.parseOrReject(() -> {
            EventDataset set = SpikeAudioReader.read(file, "fuzz.h5", "fuzz", SpikeAudioReader.SHD_CLASSES);
            for (int i = 0; i < set.size(); i++) set.recording(i);
        }, DataFormatException.class);
    }

    @Test
    void mutatedNmnistSeeds() throws Exception {
        SeedMutations.check(getClass(), "nmnist", 3000, this::nmnist);
    }

    @Test
    void mutatedAedatSeeds() throws Exception {
        SeedMutations.check(getClass(), "aedat", 3000, this::aedat);
    }

    @Test
    void mutatedAedat4Seeds() throws Exception {
        SeedMutations.check(getClass(), "aedat4", 3000, this::aedat4);
    }

    @Test
    void mutatedSeedsDecodeAlikeInChunks() throws Exception {
        SeedMutations.check(getClass(), "nmnist", 2000, this::chunkedNmnist);
        SeedMutations.check(getClass(), "aedat", 2000, this::chunkedAedat);
        SeedMutations.check(getClass(), "aedat4", 2000, this::chunkedAedat);
    }

    @Test
    void mutatedGestureLabelsSeeds() throws Exception {
        SeedMutations.check(getClass(), "gestureLabels", 1000, this::gestureLabels);
    }

    @Test
    void mutatedSpikeAudioSeeds() throws Exception {
        SeedMutations.check(getClass(), "spikeAudio", 1000, this::spikeAudio);
    }
}
