package org.snn4j.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One step of Diehl &amp; Cook's conductance-based neurons, by hand. */
class ExcitatoryLayerTest {
    private static ExcitatoryLayer layer(int n) {
        return new ExcitatoryLayer(n, 0.5, new AdaptiveThreshold(n, 0f, 0.05f, 1e7, 0.5));
    }

    @Test
    void aSmallConductanceMovesThePotentialByOneEulerStep() {
        ExcitatoryLayer l = layer(1);
        l.excitation()[0] = 0.2f;
        assertEquals(0, l.step(new int[1]));
        // -65 + 0.5/100 · (0 + 0.2 · 65)
        assertEquals(-65f + 0.005f * 0.2f * 65f, l.potential(0), 1e-5f);
    }

    @Test
    void theInhibitionOfManySimultaneousSpikesStopsAtTheReversalPotential() {
        // g_i = 17 · 399: one Euler step would take v to about -1,250 mV, the next far above threshold
        ExcitatoryLayer l = layer(2);
        l.inhibition()[0] = 17f * 399;
        int[] spikes = new int[2];
        assertEquals(0, l.step(spikes));
        assertEquals(ExcitatoryLayer.E_INH, l.potential(0), 0f);
        for (int t = 0; t < 20; t++) assertEquals(0, l.step(spikes));
    }

    @Test
    void aHugeExcitationFiresOnceAndResets() {
        ExcitatoryLayer l = layer(1);
        l.excitation()[0] = 1e4f;
        int[] spikes = new int[1];
        assertEquals(1, l.step(spikes));
        assertEquals(ExcitatoryLayer.V_RESET, l.potential(0), 0f);
    }

    @Test
    void eulerConductancesDecayByOneMinusDtOverTau() {
        ExcitatoryLayer l = new ExcitatoryLayer(1, 0.5, new AdaptiveThreshold(1, 0f, 0.05f, 1e7, 0.5), 0, true);
        l.excitation()[0] = 0.2f;
        l.inhibition()[0] = 1f;
        l.step(new int[1]);
        assertEquals(0.2f * (1 - 0.5f / 1), l.excitation()[0], 1e-7f);   // tau_ge 1 ms
        assertEquals(1f * (1 - 0.5f / 2), l.inhibition()[0], 1e-7f);     // tau_gi 2 ms
        ExcitatoryLayer exact = layer(1);
        exact.excitation()[0] = 0.2f;
        exact.step(new int[1]);
        assertEquals(0.2f * (float) Math.exp(-0.5), exact.excitation()[0], 1e-7f);
    }

    @Test
    void aLockoutDelaysTheNextSpikeBeyondTheRefractoryPeriod() {
        // driven hard every step: without a lock-out the neuron fires again right after its 10 refractory steps (step 11);
        // locked out for 50 ms = 100 steps it fires again at step 101, as Brian 2's timer > 5 ms at 0.05 ms per step
        assertEquals(java.util.List.of(0, 11, 22), spikeSteps(0, 30));
        assertEquals(java.util.List.of(0, 11, 22), spikeSteps(5, 30));
        assertEquals(java.util.List.of(0, 101, 202), spikeSteps(50, 210));
    }

    private static java.util.List<Integer> spikeSteps(double lockoutMs, int steps) {
        ExcitatoryLayer l = new ExcitatoryLayer(1, 0.5, new AdaptiveThreshold(1, 0f, 0f, 1e7, 0.5), lockoutMs, false);
        java.util.List<Integer> at = new java.util.ArrayList<>();
        for (int t = 0; t < steps; t++) {
            l.excitation()[0] = 1e4f;
            if (l.step(new int[1]) == 1) at.add(t);
        }
        return at;
    }
}
