package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;
import org.snn4j.events.EventDataset;
import org.snn4j.events.Events;

class EventDatasetsTest {
    @Test
    void nDigitsAreEmulatedRecordingsOfTheBundledDigits() {
        assertEquals(List.of("n-digits", "nmnist", "ncaltech101", "dvs-gesture", "cifar10-dvs", "shd", "ssc"), EventDatasets.names());
        assertTrue(EventDatasets.isEventData("n-digits"));
        assertEquals(new EventDatasets.Layout(34, 34, 10), EventDatasets.layout("n-digits"));
        EventDataset test = EventDatasets.open("n-digits", null, false);
        Dataset digits = Datasets.loadBundled(false);
        assertEquals(digits.size(), test.size());
        assertEquals("n-digits-test (emulated)", test.name());
        assertEquals(34, test.width());
        assertEquals(34, test.height());
        assertEquals(10, test.numClasses());
        for (int i = 0; i < 3; i++) {
            assertEquals(digits.label(i), test.label(i));
            Events e = test.recording(i);
            assertEquals(e, test.recording(i), "deterministic");
            assertTrue(e.size() > 500 && e.lastTimeUs() < 300_000, e.toString());
        }
        Events train0 = EventDatasets.open("n-digits", null, true).recording(0);
        assertEquals(train0, NDigits.open(true).recording(0));
        assertTrue(EventDatasets.open("n-digits", null, true).name().contains("emulated"));
    }

    @Test
    void thePublishedSetsAreOpenedFromTheDataDirectoryWithTheLayoutsTheyDeclare() throws Exception {
        for (int d = 0; d < 10; d++) {
            Path file = dir.resolve("Train/" + d + "/00001.bin");
            Files.createDirectories(file.getParent());
            Files.write(file, EventFileWriters.nmnist(EventSamples.random(d, 5, 34, 34, 0, 10)));
        }
        EventDataset nmnist = EventDatasets.open("nmnist", dir, true);
        EventDatasets.Layout declared = EventDatasets.layout("nmnist");
        assertEquals(new EventDatasets.Layout(nmnist.width(), nmnist.height(), nmnist.numClasses()), declared);
        assertEquals(10, nmnist.size());
        assertEquals(new EventDatasets.Layout(700, 1, 20), EventDatasets.layout("shd"));
        assertEquals(new EventDatasets.Layout(240, 180, 101), EventDatasets.layout("ncaltech101"));
        Snn4jException e = assertThrows(Snn4jException.class, () -> EventDatasets.open("dvs-gesture", null, true));
        assertTrue(e.getMessage().contains("'dvs-gesture' needs --data-dir"), e.getMessage());
    }

    @TempDir
    Path dir;

    @Test
    void unknownNamesListTheValidOnes() {
        Snn4jException e = assertThrows(Snn4jException.class, () -> EventDatasets.open("nmnist-x", null, true));
        assertTrue(e.getMessage().contains("n-digits"), e.getMessage());
        assertThrows(Snn4jException.class, () -> EventDatasets.layout("mnist"));
        assertTrue(!EventDatasets.isEventData("mnist-10k"));
    }
}
