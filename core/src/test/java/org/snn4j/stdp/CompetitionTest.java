package org.snn4j.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Adaptive thresholds, lateral inhibition and weight normalisation against hand-worked values. */
class CompetitionTest {
    @Test
    void theThresholdRisesAtEachSpikeAndDecays() {
        // θ₊ = 0.5, τ_θ = 10 ms, dt = 1 ms: spike, 3 decays, spike -> 0.5·e^-0.3 + 0.5 = 0.870409
        AdaptiveThreshold theta = new AdaptiveThreshold(2, 0f, 0.5f, 10, 1);
        theta.spiked(new int[] {1}, 1);
        for (int t = 0; t < 3; t++) theta.decay();
        theta.spiked(new int[] {1}, 1);
        assertEquals(0.5 * Math.exp(-0.3) + 0.5, theta.get(1), 1e-6);
        assertEquals(0f, theta.get(0), 0f);
        // a rest of 10 steps at once: × e^-1
        float before = theta.get(1);
        theta.rest(10);
        assertEquals(before * Math.exp(-1), theta.get(1), 1e-6);
    }

    @Test
    void aFrozenThresholdNeitherRisesNorDecays() {
        AdaptiveThreshold theta = new AdaptiveThreshold(1, 2f, 0.5f, 10, 1);
        theta.freeze(true);
        theta.spiked(new int[] {0}, 1);
        theta.decay();
        theta.rest(5);
        assertEquals(2f, theta.get(0), 0f);
        theta.freeze(false);
        theta.decay();
        assertEquals(2 * Math.exp(-0.1), theta.get(0), 1e-6);
    }

    @Test
    void eachSpikeInhibitsEveryOtherNeuron() {
        LateralInhibition inhibition = new LateralInhibition(17f);
        float[] gi = new float[3];
        inhibition.apply(new int[] {1}, 1, gi);
        assertArrayEquals(new float[] {17f, 0f, 17f}, gi);
        inhibition.apply(new int[] {0, 2}, 2, gi);
        assertArrayEquals(new float[] {34f, 34f, 34f}, gi);
        assertThrows(IllegalArgumentException.class, () -> new LateralInhibition(-1f));
    }

    @Test
    void normalisationScalesEachNeuronsInputWeightsToTheTarget() {
        // [in = 3, out = 2]: column 0 = 1, 2, 5 (sum 8) -> × 78/8; column 1 all zero: left alone.
        float[] w = {1f, 0f, 2f, 0f, 5f, 0f};
        new WeightNormalisation(78f).apply(Synapses.inByOut(w, 3, 2));
        assertArrayEquals(new float[] {9.75f, 0f, 19.5f, 0f, 48.75f, 0f}, w, 1e-5f);
        // the same weights as a linear layer's [out, in]
        float[] v = {1f, 2f, 5f, 0f, 0f, 0f};
        new WeightNormalisation(78f).apply(Synapses.outByIn(v, 3, 2));
        assertArrayEquals(new float[] {9.75f, 19.5f, 48.75f, 0f, 0f, 0f}, v, 1e-5f);
    }
}
