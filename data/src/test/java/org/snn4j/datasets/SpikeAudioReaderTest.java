package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.snn4j.PythonScripts;
import org.snn4j.events.EventDataset;
import org.snn4j.events.Events;

/** SHD/SSC files written by h5py (tests/make_spike_audio.py) in the published layout. */
class SpikeAudioReaderTest {
    /** Writes the script's file, or skips the test where no python3 has h5py. */
    static Path written(Path dir, String dtype) throws Exception {
        String python = PythonScripts.pythonWith("h5py");
        assumeTrue(python != null, "no python3 with h5py");
        Path out = dir.resolve("shd_" + dtype + ".h5");
        PythonScripts.Result r = PythonScripts.run(python, "make_spike_audio.py", out.toString(), dtype);
        assertEquals(0, r.exitCode(), r.output());
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"float16", "float32", "float64"})
    void readsTheLayoutAsTimeOrderedSpikes(String dtype, @TempDir Path dir) throws Exception {
        EventDataset set = SpikeAudioReader.read(written(dir, dtype), "shd-test", SpikeAudioReader.SHD_CLASSES);
        assertEquals(4, set.size());
        assertEquals(20, set.numClasses());
        assertEquals(700, set.width());
        assertEquals(1, set.height());
        for (int i = 0; i < 4; i++) {
            assertEquals(3 * i % 20, set.label(i));
            Events e = set.recording(i);
            assertEquals(5 + i, e.size());
            for (int j = 0; j < e.size(); j++) {
                assertEquals((7 * j + i) % 700, e.x(j), "sample " + i + " spike " + j);
                assertEquals(0, e.y(j));
                assertEquals(1, e.polarity(j));
                double seconds = dtype.equals("float16") ? (float) half(0.001 * j + 0.0005 * i) : 0.001 * j + 0.0005 * i;
                assertEquals(Math.round(seconds * 1e6), e.timeUs(j), 1, "sample " + i + " spike " + j);
            }
        }
    }

    /** The float16 nearest to v, as h5py stores it. */
    private static double half(double v) {
        return Float.float16ToFloat(Float.floatToFloat16((float) v));
    }

    @Test
    void labelsOutsideTheClassesAreRefused(@TempDir Path dir) throws Exception {
        Path f = written(dir, "float32");
        DataFormatException x = assertThrows(DataFormatException.class, () -> SpikeAudioReader.read(f, "x", 4));
        assertEquals(f + ": labels[2] expected in [0, 4), was 6", x.getMessage());
    }

    @Test
    void whateverJhdfThrowsOnADamagedFileIsAFormatError() throws Exception {
        // a fuzzer finding: jHDF divides by zero on this damaged variable-length dataset; after many such
        // throws the JIT drops their stack traces, so the reader wraps each call into jHDF, not by stack
        byte[] bytes;
        try (var in = getClass().getResourceAsStream("EventReaderFuzzTestInputs/spikeAudio/regression-jhdf-divide-by-zero")) {
            bytes = in.readAllBytes();
        }
        for (int i = 0; i < 3_000; i++) {
            DataFormatException x = assertThrows(DataFormatException.class, () -> SpikeAudioReader.read(bytes, "d.h5", "d", 20));
            if (i == 0) assertEquals("d.h5: not a readable HDF5 file (ArithmeticException: / by zero)", x.getMessage());
        }
    }

    @Test
    void notHdf5AndMissingFilesAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path junk = Files.write(dir.resolve("shd_train.h5"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        DataFormatException x = assertThrows(DataFormatException.class, () -> SpikeAudioReader.read(junk, "x", 20));
        assertTrue(x.getMessage().startsWith(junk + ": not a readable HDF5 file"), x.getMessage());
        x = assertThrows(DataFormatException.class, () -> SpikeAudioReader.read(dir.resolve("none.h5"), "x", 20));
        assertTrue(x.getMessage().endsWith("none.h5: file not found"), x.getMessage());
    }
}
