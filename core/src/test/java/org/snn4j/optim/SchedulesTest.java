package org.snn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.Snn4jException;

class SchedulesTest {
    private static final double LR = 0.0033;

    @Test
    void constant() {
        LearningRateSchedule s = Schedules.parse("constant", LR, 10);
        assertEquals(LR, s.rate(0, 0, 5));
        assertEquals(LR, s.rate(9, 4, 5));
        assertEquals(LR, s.rate(50, 0, 1));
    }

    @Test
    void leeMultiStep() {
        LearningRateSchedule s = Schedules.parse("multistep:70,100,125:0.2", LR, 150);
        assertInstanceOf(MultiStepSchedule.class, s);
        assertEquals(LR, s.rate(0, 0, 3125), 1e-15);
        assertEquals(LR, s.rate(69, 3124, 3125), 1e-15);
        assertEquals(LR * 0.2, s.rate(70, 0, 3125), 1e-15);
        assertEquals(LR * 0.2, s.rate(99, 7, 3125), 1e-15);
        assertEquals(LR * 0.04, s.rate(100, 0, 3125), 1e-15);
        assertEquals(LR * 0.04, s.rate(124, 0, 3125), 1e-15);
        assertEquals(LR * 0.008, s.rate(125, 0, 3125), 1e-15);
        assertEquals(LR * 0.008, s.rate(149, 3124, 3125), 1e-15);
        assertEquals(LR * 0.1, Schedules.parse("multistep:3", LR, 5).rate(3, 0, 1), 1e-15);
    }

    @Test
    void cosineAnnealsPerStepToTheMinimum() {
        LearningRateSchedule s = Schedules.parse("cosine", 0.1, 4); // 4 epochs × 10 steps = 40 steps
        assertEquals(0.1, s.rate(0, 0, 10), 1e-15);
        assertEquals(0.05, s.rate(2, 0, 10), 1e-15);
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI * 13 / 40)), s.rate(1, 3, 10), 1e-15);
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI * 39 / 40)), s.rate(3, 9, 10), 1e-15);
        assertEquals(0, s.rate(4, 0, 10));
        LearningRateSchedule m = Schedules.parse("cosine:1e-3", 0.1, 4);
        assertEquals(0.0505, m.rate(2, 0, 10), 1e-15);
        assertEquals(1e-3, m.rate(7, 0, 10), 1e-15);
    }

    @Test
    void warmupRampsLinearlyPerStepIntoTheInnerSchedule() {
        LearningRateSchedule s = Schedules.parse("warmup:2:cosine", 0.1, 10); // W = 2 epochs × 4 steps = 8
        LearningRateSchedule inner = new CosineSchedule(0.1, 0, 10);
        assertEquals(inner.rate(0, 0, 4) / 8, s.rate(0, 0, 4), 1e-15);
        assertEquals(inner.rate(0, 3, 4) * 4 / 8, s.rate(0, 3, 4), 1e-15);
        assertEquals(inner.rate(1, 3, 4), s.rate(1, 3, 4), 1e-15);
        assertEquals(inner.rate(2, 0, 4), s.rate(2, 0, 4), 1e-15);
        assertEquals(inner.rate(7, 2, 4), s.rate(7, 2, 4), 1e-15);
        LearningRateSchedule half = Schedules.parse("WARMUP:0.5:multistep:5:0.5", 1, 10); // W = 0.5 × 4 = 2 steps
        assertEquals(0.5, half.rate(0, 0, 4), 1e-15);
        assertEquals(1, half.rate(0, 1, 4), 1e-15);
        assertEquals(0.5, half.rate(5, 0, 4), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "linear", "constant:1", "cosine:x", "cosine:0.5", "cosine:-1", "multistep", "multistep:",
            "multistep:a,b", "multistep:100,70", "multistep:0,5", "multistep:5:0", "multistep:5:0.1:3", "warmup:2",
            "warmup:0:cosine", "warmup:x:cosine", "warmup:1:", "warmup:1:warmup:1:cosine", "cosine:NaN"})
    void badSpecsAreExplained(String spec) {
        String m = assertThrows(Snn4jException.class, () -> Schedules.parse(spec, 0.1, 10)).getMessage();
        assertTrue(m.startsWith("learning-rate schedule '") && m.contains("expected one of: constant"), m);
    }

    @Test
    void badBaseRateOrEpochs() {
        assertThrows(Snn4jException.class, () -> Schedules.parse("constant", 0, 10));
        assertThrows(Snn4jException.class, () -> Schedules.parse("constant", 0.1, 0));
        assertThrows(Snn4jException.class, () -> Schedules.parse(null, 0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> new ConstantSchedule(0.1).rate(0, 5, 5));
        assertThrows(IllegalArgumentException.class, () -> new MultiStepSchedule(0.1, new int[] {5, 5}, 0.1));
    }
}
