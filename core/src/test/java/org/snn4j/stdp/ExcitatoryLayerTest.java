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
}
