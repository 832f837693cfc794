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
    void theThresholdDecaysTowardsItsRestLevel() {
        // θ_rest = -20, τ_θ = 10 ms, dt = 1 ms, from θ = 0: spike -> 0.5; 2 decays -> -20 + 20.5·e^-0.2 = -3.216020;
        // a rest of 8 steps -> -20 + 20.5·e^-1 = -12.458471
        AdaptiveThreshold theta = new AdaptiveThreshold(1, 0f, 0.5f, 10, 1, -20);
        theta.spiked(new int[] {0}, 1);
        theta.decay();
        theta.decay();
        assertEquals(-3.216020, theta.get(0), 1e-6);
        theta.rest(8);
        assertEquals(-12.458471, theta.get(0), 1e-6);
    }

    @Test
    void theSlowDecayOfTheDiehlCookSettingKeepsItsTimeConstant() {
        // τ_θ = 1e7 ms, dt = 0.5 ms: 1,000 steps (one 500 ms sample) take θ = 9 mV to 9·e^-5e-5 = 8.9995500112 mV,
        // a drop of 4.49989e-4 mV (hand: 9·(1 − e^-5e-5)). In float the step factor rounds to 1 - 2^-24 and each product to θ's last place,
        // which drops 1,000 · 2^-20 = 9.54e-4 mV: twice the decay.
        AdaptiveThreshold theta = new AdaptiveThreshold(1, 9f, 0.05f, 1e7, 0.5);
        for (int t = 0; t < 1000; t++) theta.decay();
        assertEquals(9 - 4.49989e-4, theta.get(0), 2e-6);
        // towards the reference code's rest level, -20 mV: the drop is (9 + 20)·(1 - e^-5e-5) = 1.449964e-3 mV
        AdaptiveThreshold towards = new AdaptiveThreshold(1, 9f, 0.05f, 1e7, 0.5, -20);
        for (int t = 0; t < 1000; t++) towards.decay();
        assertEquals(9 - 1.449964e-3, towards.get(0), 2e-6);
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
