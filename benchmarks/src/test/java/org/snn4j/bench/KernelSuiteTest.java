package org.snn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The suite runs a benchmark through JMH in a forked JVM and reads its figure back; no timing asserted. */
class KernelSuiteTest {
    @BeforeAll
    static void ignoreOtherJmhRuns() {
        // JMH refuses to start while another JMH run on the machine holds its lock file (another module's tests)
        System.setProperty("jmh.ignoreLock", "true");
    }

    @Test
    void aForkedRunGivesOneFigurePerThreadCountAndPrintsNothing() {
        ByteArrayOutputStream failures = new ByteArrayOutputStream();
        SortedMap<Integer, Double> ms = new KernelSuite(0, 1, 1, new PrintStream(failures)).lifForwardBackwardMillis(1);
        assertEquals(1, ms.size());
        assertTrue(ms.get(1) > 0 && Double.isFinite(ms.get(1)), "ms " + ms);
        assertEquals("", failures.toString(), "JMH's output is kept when the run succeeds");
    }

    @Test
    void refusesBadSettings() {
        PrintStream err = System.err;
        assertThrows(IllegalArgumentException.class, () -> new KernelSuite(-1, 1, 1, err));
        assertThrows(IllegalArgumentException.class, () -> new KernelSuite(0, 0, 1, err));
        assertThrows(IllegalArgumentException.class, () -> new KernelSuite(0, 1, -1, err));
        assertThrows(IllegalArgumentException.class, () -> new KernelSuite(0, 1, 0, err).lifForwardBackwardMillis());
        assertThrows(IllegalArgumentException.class, () -> new KernelSuite(0, 1, 0, err).lifForwardBackwardMillis(0));
    }
}
