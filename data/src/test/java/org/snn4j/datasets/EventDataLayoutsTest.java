package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.events.EventDataset;
import org.snn4j.events.Events;
import org.snn4j.events.EventsBuilder;

/** The published folder layouts, laid out in a temporary directory with files from the test writers. */
class EventDataLayoutsTest {
    @TempDir
    Path dir;

    private static void write(Path file, byte[] bytes) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    @Test
    void nmnistReadsTrainAndTestDigitFolders() throws Exception {
        for (String split : List.of("Train", "Test")) {
            for (int d = 0; d < 10; d++) {
                for (int k = 0; k < (split.equals("Train") ? 2 : 1); k++) {
                    Events e = EventSamples.random(d * 10L + k, 20 + d, 34, 34, 0, 2000);
                    write(dir.resolve("NMNIST/" + split + "/" + d + "/0000" + k + ".bin"), EventFileWriters.nmnist(e));
                }
            }
        }
        EventDataset train = EventDataLayouts.open("nmnist", dir, true);
        assertEquals("nmnist-train", train.name());
        assertEquals(20, train.size());
        assertEquals(10, train.numClasses());
        assertEquals(34, train.width());
        assertEquals(7, train.label(14));
        assertEquals(EventSamples.random(71, 27, 34, 34, 0, 2000), train.recording(15));
        EventDataset test = EventDataLayouts.open("nmnist", dir.resolve("NMNIST"), false);
        assertEquals(10, test.size());
        assertEquals(9, test.label(9));
    }

    @Test
    void nCaltechAndCifarDvsSplitEachClassNinetyTen() throws Exception {
        for (String c : List.of("BACKGROUND_Google", "accordion", "airplanes")) {
            for (int k = 0; k < 10; k++) {
                write(dir.resolve("Caltech101/" + c + "/image_" + String.format("%04d", k) + ".bin"),
                        EventFileWriters.nmnist(EventSamples.random(k, 5, 240, 180, 0, 100)));
            }
        }
        EventDataset train = EventDataLayouts.open("ncaltech101", dir, true);
        EventDataset test = EventDataLayouts.open("ncaltech101", dir, false);
        assertEquals(27, train.size());
        assertEquals(3, test.size());
        assertEquals(3, train.numClasses());
        assertEquals(2, test.label(2));
        assertEquals(EventSamples.random(9, 5, 240, 180, 0, 100), test.recording(2));

        Path cifar = dir.resolve("cifar");
        String[] classes = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
        for (String c : classes) {
            for (int k = 0; k < 2; k++) {
                Events e = EventSamples.random(k, 8, 128, 128, 0, 100);
                write(cifar.resolve(c + "/cifar10_" + c + "_" + k + ".aedat"), EventFileWriters.aedat2Dvs128(e));
            }
        }
        EventDataset ctrain = EventDataLayouts.open("cifar10-dvs", cifar, true);
        assertEquals(10, ctrain.size());
        assertEquals(10, ctrain.numClasses());
        assertEquals(3, ctrain.label(3));
        assertEquals(8, ctrain.recording(3).size());
    }

    @Test
    void dvsGestureCutsTrialsIntoLabelledWindows() throws Exception {
        Path g = dir.resolve("DvsGesture");
        Events rec = new EventsBuilder(128, 128, 6).add(10, 1, 1, 1).add(150, 2, 2, 0).add(160, 3, 3, 1).add(300, 4, 4, 1)
                .add(450, 5, 5, 0).add(999, 6, 6, 1).build();
        write(g.resolve("user01_fluorescent.aedat"), EventFileWriters.concat(EventFileWriters.aedat31Header(),
                EventFileWriters.aedat31Polarity(rec, 0, 6, 0, -1)));
        write(g.resolve("user01_fluorescent_labels.csv"),
                "class,startTime_usec,endTime_usec\n3,100,300\n7,300,500\n".getBytes(StandardCharsets.US_ASCII));
        write(g.resolve("trials_to_train.txt"), "user01_fluorescent.aedat\n\n".getBytes(StandardCharsets.US_ASCII));
        write(g.resolve("trials_to_test.txt"), "user29_led.aedat\n".getBytes(StandardCharsets.US_ASCII));
        EventDataset train = EventDataLayouts.open("dvs-gesture", dir, true);
        assertEquals(2, train.size());
        assertEquals(11, train.numClasses());
        assertEquals(2, train.label(0));
        assertEquals(6, train.label(1));
        assertEquals(rec.between(100, 300), train.recording(0));
        assertEquals(rec.between(300, 500), train.recording(1));
        DataFormatException x = assertThrows(DataFormatException.class, () -> EventDataLayouts.open("dvs-gesture", dir, false));
        assertEquals(g.resolve("user29_led.aedat") + ": file not found (listed as a trial)", x.getMessage());
    }

    @Test
    void shdFindsItsSplitFiles() throws Exception {
        Path f = SpikeAudioReaderTest.written(dir, "float32");
        Files.move(f, dir.resolve("shd_train.h5"));
        EventDataset train = EventDataLayouts.open("shd", dir, true);
        assertEquals(4, train.size());
        assertEquals(700, train.width());
        Files.write(dir.resolve("shd_test.h5.gz"), new byte[] {0x1f, (byte) 0x8b});
        DataFormatException x = assertThrows(DataFormatException.class, () -> EventDataLayouts.open("shd", dir, false));
        assertEquals(dir.resolve("shd_test.h5") + ": file not found (shd_test.h5.gz is there: gunzip it)", x.getMessage());
    }

    @Test
    void missingLayoutsAreNamed() {
        DataFormatException x = assertThrows(DataFormatException.class, () -> EventDataLayouts.open("nmnist", dir, true));
        assertEquals(dir.resolve("Train") + ": folder not found (N-MNIST's Train.zip extracted: Train/<digit>/*.bin)", x.getMessage());
        x = assertThrows(DataFormatException.class, () -> EventDataLayouts.open("cifar10-dvs", dir, true));
        assertEquals(dir.resolve("airplane") + ": class folder not found", x.getMessage());
        x = assertThrows(DataFormatException.class, () -> EventDataLayouts.open("ssc", dir.resolve("nowhere"), true));
        assertEquals(dir.resolve("nowhere") + ": data directory not found", x.getMessage());
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> EventDataLayouts.open("mnist-dvs", dir, true));
        assertTrue(u.getMessage().contains("expected one of nmnist, ncaltech101"), u.getMessage());
    }

    @Test
    void aSha256SumsFileIsVerified() throws Exception {
        byte[] bin = EventFileWriters.nmnist(EventSamples.random(1, 5, 34, 34, 0, 10));
        for (int d = 0; d < 10; d++) write(dir.resolve("Train/" + d + "/1.bin"), bin);
        String sum = Checksums.sha256(bin);
        Files.writeString(dir.resolve(EventDataLayouts.SUMS), sum + "  Train/3/1.bin\n" + sum + " *Train/4/1.bin\n");
        assertEquals(10, EventDataLayouts.open("nmnist", dir, true).size());
        write(dir.resolve("Train/4/1.bin"), new byte[5]);
        DataFormatException x = assertThrows(DataFormatException.class, () -> EventDataLayouts.open("nmnist", dir, true));
        assertTrue(x.getMessage().startsWith(dir.resolve("Train/4/1.bin") + ": SHA-256 expected " + sum), x.getMessage());
    }
}
