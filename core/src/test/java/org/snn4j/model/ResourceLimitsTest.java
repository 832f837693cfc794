package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;

/**
 * Specs and runs too large for the machine are refused from their numbers, before anything is built or
 * allocated (issue 24): a preset or a backward residual block that unrolls to billions of layers, and a
 * run whose activations over T and the batch exceed the heap. (The preemptive timeout only keeps a
 * regression from hanging the suite; the checks are arithmetic.)
 */
class ResourceLimitsTest {
    private static final int[] DIGIT = {1, 28, 28};
    private static final Duration HANG = Duration.ofSeconds(30);

    @Test
    void presetsDeeperThanTheLayerLimitAreRefusedBeforeTheirLayerListIsMade() {
        for (String name : List.of("resnet600000002", "backres-vgg2000000000", "plain-vgg2000000000")) {
            SpecException e = assertTimeoutPreemptively(HANG, () -> assertThrows(SpecException.class,
                    () -> Presets.byName(name, DIGIT, 10, Presets.Options.defaults())));
            String depth = name.substring(name.startsWith("resnet") ? 6 : name.lastIndexOf("vgg") + 3);
            assertEquals(name + ": " + depth + " layers, more than the limit of 10000 (the system property snn4j.maxLayers raises it)",
                    e.getMessage());
        }
    }

    @Test
    void aBackwardResidualBlockOfTwoBillionPassesIsRefusedBeforeAnyPassIsBuilt() {
        ModelSpec spec = ModelSpec.parse("""
                {"name": "huge", "input": [1, 8, 8], "classes": 10,
                 "layers": [{"type": "conv", "out": 4, "kernel": 3, "padding": 1}, {"type": "spike"},
                            {"type": "backres", "passes": 2000000000,
                             "body": [{"type": "conv", "out": 4, "kernel": 3, "padding": 1}, {"type": "spike"}]},
                            {"type": "flatten"}, {"type": "linear", "out": 10}, {"type": "readout"}]}""", "huge.json");
        SpecException e = assertTimeoutPreemptively(HANG, () -> assertThrows(SpecException.class,
                () -> ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 1)));
        assertEquals("huge layers[2] (backres): the network unrolls to more than 10000 layers (the limit; the system property"
                + " snn4j.maxLayers raises it)", e.getMessage());
    }

    @Test
    void aRunWhoseActivationsExceedTheHeapIsRefusedWithTheNumbers() {
        Model w1 = ModelBuilder.build(Presets.byName("w1", DIGIT, 10, Presets.Options.defaults()), ModelBuilder.Mode.SNN, 1);
        long[] perStep = w1.activationsPerSampleAndStep();
        assertTrue(perStep[0] > perStep[1] && perStep[1] > 0);
        assertEquals(2L * perStep[0] * 8 * 64 * 4, RunBudget.activationBytes(w1, 8, 64, true));
        assertEquals(4L * perStep[1] * 8 * 64 * 4, RunBudget.activationBytes(w1, 8, 64, false));
        RunBudget.require(w1, 8, 64, true);  // the benchmark run fits
        assertEquals(Long.MAX_VALUE, RunBudget.activationBytes(w1, 1_000_000_000, Integer.MAX_VALUE, true), "saturates, no overflow");
        Snn4jException e = assertThrows(Snn4jException.class, () -> RunBudget.require(w1, 1_000_000_000, 64, true));
        assertTrue(e.getMessage().startsWith("training w1 at T=1000000000 with batch 64 needs about "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" GB of activations, more than the JVM's maximum heap of "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MB"), e.getMessage());
    }
}
