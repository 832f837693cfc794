package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "auto"'s measured choice with a fake clock: the kernels "take" set times, so which kernel each call runs and
 * the crossover are exact.
 */
class CrossoverTest {
    /** A fake clock the kernels advance, and the kernels run, in order ("e" or "d"). */
    private static final class Kernels {
        long now;
        final List<String> ran = new ArrayList<>();
        /** Nanoseconds of the event kernel per unit of density, and of the dense kernel. */
        double eventPerDensity = 1_000_000;
        long dense = 300_000;

        String call(Crossover c, double density) {
            return c.run(density, () -> {
                now += Math.round(eventPerDensity * density);
                ran.add("e");
                return "e";
            }, () -> {
                now += dense;
                ran.add("d");
                return "d";
            });
        }
    }

    @Test
    void warmsUpWithTheInitialCrossoverThenAlternatesTheKernelsAndKeepsTheLeastTimes() {
        Kernels k = new Kernels();
        Crossover c = new Crossover(0.16, () -> k.now);
        // calls 1 and 2: the initial crossover, untimed
        assertEquals("d", k.call(c, 0.2));
        assertEquals("e", k.call(c, 0.1));
        assertFalse(c.measured());
        // calls 3 to 10: events, dense, events, ... whatever the density; the first of each slowed (the JIT)
        for (int call = Crossover.FIRST_MEASURED_CALL; call <= Crossover.LAST_MEASURED_CALL; call++) {
            boolean first = call < Crossover.FIRST_MEASURED_CALL + 2;
            k.eventPerDensity = first ? 5_000_000 : 1_000_000;
            k.dense = first ? 900_000 : 300_000;
            assertEquals((call - Crossover.FIRST_MEASURED_CALL) % 2 == 0 ? "e" : "d", k.call(c, call % 3 == 0 ? 0.5 : 0.25), "call " + call);
            assertEquals(call == Crossover.LAST_MEASURED_CALL, c.measured(), "call " + call);
        }
        assertEquals(10, Crossover.LAST_MEASURED_CALL);
        // 0.9 × 300 µs / (1 ms per unit of density): events up to 27 % non-zero
        assertEquals(0.27, c.density(), 1e-12);
        assertEquals("e", k.call(c, 0.26));
        assertEquals("d", k.call(c, 0.28));
        assertEquals(0.27, c.density(), 1e-12);   // measured once
    }

    @Test
    void aCallWithoutEventsRunsByEventsUntimedAndNoEventsAtAllKeepsTheInitialCrossover() {
        Kernels k = new Kernels();
        Crossover silent = new Crossover(0.16, () -> k.now);
        for (int call = 1; call <= Crossover.LAST_MEASURED_CALL + 1; call++) assertEquals("e", k.call(silent, 0));
        assertFalse(silent.measured());
        assertEquals(0.16, silent.density());

        // one call without events in the window: the others still measure
        Crossover c = new Crossover(0.16, () -> k.now);
        k.ran.clear();
        for (int call = 1; call <= Crossover.LAST_MEASURED_CALL; call++) k.call(c, call == Crossover.FIRST_MEASURED_CALL ? 0 : 0.3);
        assertEquals(List.of("d", "d", "e", "d", "e", "d", "e", "d", "e", "d"), k.ran);
        assertTrue(c.measured());
        assertEquals(0.27, c.density(), 1e-12);
    }

    @Test
    void aDenseKernelThatIsFasterEvenAtTheMeasuredDensityGivesACrossoverBelowIt() {
        Kernels k = new Kernels();
        k.eventPerDensity = 4_000_000;   // 1.2 ms at 30 % against 0.3 ms dense
        Crossover c = new Crossover(0.5, () -> k.now);
        for (int call = 1; call <= Crossover.LAST_MEASURED_CALL; call++) k.call(c, 0.3);
        assertEquals(0.9 * 0.3 / 4, c.density(), 1e-12);
        assertEquals("d", k.call(c, 0.3));
        assertEquals("e", k.call(c, 0.05));
    }
    @Test
    void aSparseLayerTimesTheDenseKernelOnceAndRunsTheRestOfTheWindowByEvents() {
        Kernels k = new Kernels();   // events 20 µs at 2 %, dense 300 µs
        Crossover c = new Crossover(0.16, () -> k.now);
        for (int call = 1; call <= Crossover.LAST_MEASURED_CALL; call++) k.call(c, 0.02);
        // calls 1, 2 initial; 3 events, 4 dense, then the dense turns run by events: 2 × 20 µs < 300 µs
        assertEquals(List.of("e", "e", "e", "d", "e", "e", "e", "e", "e", "e"), k.ran);
        assertTrue(c.measured());
        assertEquals(0.27, c.density(), 1e-12);
        // as dense as the window, or less than twice it: the crossover's choice, untimed
        k.ran.clear();
        k.call(c, 0.02);
        k.call(c, 0.04);
        assertEquals(List.of("e", "e"), k.ran);

        // events 1.5× faster (200 µs at 20 %): not a clear win, so every dense turn is timed
        Crossover near = new Crossover(0.16, () -> k.now);
        k.ran.clear();
        for (int call = 1; call <= Crossover.LAST_MEASURED_CALL; call++) k.call(near, 0.2);
        assertEquals(List.of("d", "d", "e", "d", "e", "d", "e", "d", "e", "d"), k.ran);
    }

    @Test
    void aFirstDenseTimingSlowedByTheJitIsTimedAgainWhenTheLayerGrowsDenser() {
        Kernels k = new Kernels();
        Crossover c = new Crossover(0.16, () -> k.now);
        for (int call = 1; call <= Crossover.LAST_MEASURED_CALL; call++) {
            k.dense = call == Crossover.FIRST_MEASURED_CALL + 1 ? 3_000_000 : 300_000;
            k.call(c, 0.02);
        }
        assertEquals(2.7, c.density(), 1e-12);   // 0.9 × 3 ms / (1 ms per unit of density): events everywhere
        // denser than twice the window's densest call: dense, timed, until four dense timings
        k.ran.clear();
        for (int i = 0; i < 3; i++) k.call(c, 0.5);
        assertEquals(List.of("d", "d", "d"), k.ran);
        assertEquals(0.27, c.density(), 1e-12);
        assertEquals("d", k.call(c, 0.5));   // the crossover's choice now, untimed
        assertEquals("e", k.call(c, 0.2));
        assertEquals(0.27, c.density(), 1e-12);
    }
}
