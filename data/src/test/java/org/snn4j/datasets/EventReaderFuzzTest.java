package org.snn4j.datasets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.snn4j.FuzzContract;
import org.snn4j.SeedMutations;
import org.snn4j.events.EventDataset;

/**
 * Fuzz targets of the event readers (seeds in EventReaderFuzzTestInputs/{nmnist,aedat,aedat4,gestureLabels,spikeAudio}/):
 * whatever the bytes, a reader returns or throws its one-line {@link DataFormatException}.
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
    void mutatedGestureLabelsSeeds() throws Exception {
        SeedMutations.check(getClass(), "gestureLabels", 1000, this::gestureLabels);
    }

    @Test
    void mutatedSpikeAudioSeeds() throws Exception {
        SeedMutations.check(getClass(), "spikeAudio", 1000, this::spikeAudio);
    }
}
