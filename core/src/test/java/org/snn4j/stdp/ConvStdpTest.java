package org.snn4j.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.data.Dataset;
import org.snn4j.tensor.Rng;

/** Convolutional STDP (Kheradpisheh et al. 2018) against hand-worked values. */
class ConvStdpTest {
    private static final int N = SpikeMap.NONE;

    @Test
    void theRuleIsAPlusOrAMinusTimesWTimesOneMinusW() {
        ConvStdpRule rule = new ConvStdpRule(0.004f, -0.003f);
        assertEquals(0.8 + 0.004 * 0.8 * 0.2, rule.update(0.8f, 2, 5), 1e-6); // pre before post
        assertEquals(0.8 + 0.004 * 0.8 * 0.2, rule.update(0.8f, 5, 5), 1e-6); // together counts as before
        assertEquals(0.3 - 0.003 * 0.3 * 0.7, rule.update(0.3f, 6, 5), 1e-6); // after
        assertEquals(0.3 - 0.003 * 0.3 * 0.7, rule.update(0.3f, N, 5), 1e-6); // never
        assertEquals(0f, rule.update(0f, 0, 5), 0f); // the bounds are fixed points
        assertEquals(1f, rule.update(1f, 0, 5), 0f);
        assertThrows(IllegalArgumentException.class, () -> new ConvStdpRule(0.1f, 0.1f));
        assertThrows(IllegalArgumentException.class, () -> new ConvStdpRule(0f, -0.1f));
    }

    @Test
    void theScheduleDoublesTheRatesUpToTheCap() {
        ConvStdpLearning l = new ConvStdpLearning(new ConvStdpRule(0.004f, -0.003f), 5, 3, 500, 0.02f);
        assertEquals(0.004f, l.ruleAt(499).aPlus(), 0f);
        assertEquals(0.008f, l.ruleAt(500).aPlus(), 0f);
        assertEquals(-0.006f, l.ruleAt(500).aMinus(), 0f);
        assertEquals(0.016f, l.ruleAt(1000).aPlus(), 0f);
        assertEquals(0.016f, l.ruleAt(100_000).aPlus(), 0f); // 0.032 would pass the cap
    }

    /** A layer with the given weights in place of its random ones. */
    private static ConvStdpLayer layer(int in, int maps, int k, float threshold, float... w) {
        ConvStdpLayer layer = new ConvStdpLayer(in, maps, k, threshold, new Rng(1));
        System.arraycopy(w, 0, layer.weights(), 0, w.length);
        return layer;
    }

    @Test
    void aNeuronFiresAtTheFirstStepItsPotentialReachesTheThreshold() {
        // one map, kernel 2 on a 2x3 input: two positions. Inputs at t = 0, 1, 3 / never, 2, 1.
        ConvStdpLayer l = layer(1, 1, 2, 1.0f, 0.5f, 0.25f, 0.5f, 0.5f);
        SpikeMap in = new SpikeMap(1, 2, 3, new int[] {0, 1, 3, N, 2, 1});
        ConvStdpLayer.Response r = l.fire(in, 4);
        // position 0 (x 0..1): 0.5 at t0, +0.25 at t1, +0.5 at t2 = 1.25 -> fires at 2
        // position 1 (x 1..2): 0.5 at t1 (from x=1, weight 0.5? no: kernel (0,0) = 0.5 sees input (0,1)), see below
        //   t1: input (0,1) at kernel (0,0) 0.5, input (1,2) at kernel (1,1) 0.5 -> 1.0 -> fires at 1
        assertArrayEquals(new int[] {2, 1}, r.spikes().times());
        assertEquals(1.25f, r.potentials()[0], 1e-6f);
        assertEquals(1.0f, r.potentials()[1], 1e-6f);
    }

    @Test
    void atEachPositionOnlyTheFirstMapFires() {
        // two maps, kernel 1, one input that fires at t0: both reach the threshold at once; the higher potential fires
        ConvStdpLayer l = layer(1, 2, 1, 0.5f, 0.6f, 0.9f);
        ConvStdpLayer.Response r = l.fire(new SpikeMap(1, 1, 2, new int[] {0, 3}), 4);
        assertArrayEquals(new int[] {N, N, 0, 3}, r.spikes().times());
        ConvStdpLayer two = layer(2, 2, 1, 1.0f, 0.6f, 0.6f, 0.1f, 1.0f);
        ConvStdpLayer.Response s = two.fire(new SpikeMap(2, 1, 1, new int[] {0, 1}), 3);
        assertArrayEquals(new int[] {1, N}, s.spikes().times()); // map 0: 0.6 then 1.2 at t1; map 1: 0.1 then 1.1 at t1 -> map 0 higher
        // map 0 reaching it a step earlier wins even though map 1 would end higher
        ConvStdpLayer three = layer(2, 2, 1, 1.0f, 1.0f, 0.0f, 0.1f, 1.0f);
        assertArrayEquals(new int[] {0, N}, three.fire(new SpikeMap(2, 1, 1, new int[] {0, 1}), 3).spikes().times());
    }

    @Test
    void theWinnerTakeAllPicksTheEarliestSpikeAndInhibitsTheRest() {
        // two maps of 1x6 positions. Map 0 fires at x=4 (t3) and x=1 (t1); map 1 at x=2 (t2) and x=5 (t5).
        int[] times = {N, 1, N, N, 3, N, N, N, 2, N, N, 5};
        float[] pot = new float[12];
        ConvStdpLayer.Response r = new ConvStdpLayer.Response(new SpikeMap(2, 1, 6, times), pot);
        // radius 1: map 0's winner is its earliest (x=1); map 1 at x=2 is within 1 of it, inhibited; x=5 is not
        assertArrayEquals(new int[] {1, 11}, ConvStdpLayer.winners(r, 5, 1));
        // radius 0: map 1's earliest, x=2, wins
        assertArrayEquals(new int[] {1, 8}, ConvStdpLayer.winners(r, 5, 0));
        // one winner: the earliest spike of all
        assertArrayEquals(new int[] {1}, ConvStdpLayer.winners(r, 1, 0));
        // equal times: the higher potential first
        int[] tie = {2, N, N, 2};
        ConvStdpLayer.Response t = new ConvStdpLayer.Response(new SpikeMap(2, 1, 2, tie), new float[] {1.1f, 0, 0, 1.3f});
        assertArrayEquals(new int[] {3}, ConvStdpLayer.winners(t, 1, 0));
    }

    @Test
    void learningUpdatesOnlyTheWinnersKernelFromItsInputWindow() {
        // one map, kernel 2 on 2x3, as in the firing test: position 1 fires first (t1), position 0 at t2
        float[] w = {0.5f, 0.25f, 0.5f, 0.5f};
        ConvStdpLayer l = layer(1, 2, 2, 1.0f, w[0], w[1], w[2], w[3], 0f, 0f, 0f, 0f);
        SpikeMap in = new SpikeMap(1, 2, 3, new int[] {0, 1, 3, N, 2, 1});
        ConvStdpLayer.Response r = l.fire(in, 4);
        int[] won = l.learn(in, r, new ConvStdpRule(0.1f, -0.05f), 5, 0);
        assertArrayEquals(new int[] {1}, won); // map 1 (weights 0) never fires
        // window of position 1: inputs (0,1) t1, (0,2) t3, (1,1) t2, (1,2) t1; post t1
        double p = 0.1, m = -0.05;
        assertEquals(0.5 + p * 0.5 * 0.5, l.weights()[0], 1e-6);
        assertEquals(0.25 + m * 0.25 * 0.75, l.weights()[1], 1e-6);
        assertEquals(0.5 + m * 0.5 * 0.5, l.weights()[2], 1e-6);
        assertEquals(0.5 + p * 0.5 * 0.5, l.weights()[3], 1e-6);
        for (int i = 4; i < 8; i++) assertEquals(0f, l.weights()[i], 0f);
    }

    @Test
    void poolingKeepsTheEarliestSpikeAndEarlinessIsLargerForEarlierSpikes() {
        SpikeMap m = new SpikeMap(1, 2, 4, new int[] {5, 3, N, N, 4, 7, N, 9});
        SpikeMap p = m.pool(2);
        assertArrayEquals(new int[] {3, 9}, p.times());
        assertArrayEquals(new float[] {0.7f, 0.1f}, p.earliness(10), 1e-6f);
        assertArrayEquals(new float[] {0f}, new SpikeMap(1, 1, 1, new int[] {N}).earliness(10), 0f);
        assertEquals(5, m.spikes());
    }

    @Test
    void intensityCodingFiresTheBrightestFirst() {
        SpikeMap m = SpikeMap.firstSpike(new float[] {1f, 0.5f, 0.05f, 0f}, 1, 1, 4, 10, 0f);
        assertArrayEquals(new int[] {0, 5, 9, N}, m.times());
    }

    @Test
    void dogCodingGivesOnAtABrightDotAndOffAroundIt() {
        float[] k = FirstSpikeCoding.dog(7, 1, 2);
        double sum = 0;
        for (float v : k) sum += v;
        assertEquals(0, sum, 1e-6);
        float[] image = new float[11 * 11];
        image[5 * 11 + 5] = 1f;
        FirstSpikeCoding c = new FirstSpikeCoding(new int[] {1, 11, 11}, 10, true);
        SpikeMap m = c.encode(image);
        assertEquals(2, m.channels());
        assertEquals(0, m.time(0, 5, 5)); // ON at the dot, the largest response: the first step
        assertEquals(N, m.time(1, 5, 5));
        assertTrue(m.time(1, 5, 8) < 10 && m.time(0, 5, 8) == N, "OFF three pixels away"); // surround
        assertEquals(N, m.time(0, 0, 0));
        assertEquals(N, m.time(1, 0, 0));
    }

    @Test
    void layerByLayerTrainingLearnsTheBarItSees() {
        // 6x6 images with a vertical bar at column 2 or 3; one map, kernel 3: it fires first where the bar lies in the
        // column of its kernel with the largest weights, which is potentiated and the rest depressed: one column learned
        int n = 300;
        float[] px = new float[n * 36];
        Rng rng = new Rng(3);
        for (int i = 0; i < n; i++) {
            int x = 2 + rng.nextInt(2);
            for (int y = 0; y < 6; y++) px[i * 36 + y * 6 + x] = 1f;
        }
        Dataset bars = Dataset.ofFloats("bars", px, new int[n], 1, 1, 6, 6);
        ConvStdpNetwork net = ConvStdpNetwork.of(new FirstSpikeCoding(new int[] {1, 6, 6}, 4, false), new int[] {1}, 3, new float[] {2f}, 1, 7);
        ConvStdpNetwork.Training t = net.trainLayer(0, bars, 200, new ConvStdpLearning(new ConvStdpRule(0.1f, -0.075f), 1, 0, 0, 0.1f),
                new Rng(5));
        assertEquals(200, t.samples());
        assertEquals(200, t.winners());
        float[] w = net.stages().get(0).layer().weights();
        int column = w[0] > 0.5f ? 0 : w[1] > 0.5f ? 1 : 2;
        for (int ky = 0; ky < 3; ky++) {
            for (int kx = 0; kx < 3; kx++) {
                float v = w[ky * 3 + kx];
                assertTrue(kx == column ? v > 0.95f : v < 0.05f, "weight (" + ky + ", " + kx + ") = " + v);
            }
        }
        assertEquals(16, net.featureSize()); // 1 map of 4x4
        assertThrows(IllegalArgumentException.class, () -> net.trainLayer(1, bars, 1, ConvStdpLearning.defaults(), new Rng(1)));
    }

    @Test
    void stagesMustChainTheirChannels() {
        FirstSpikeCoding c = new FirstSpikeCoding(new int[] {1, 8, 8}, 4, true);
        List<ConvStdpNetwork.Stage> bad = List.of(new ConvStdpNetwork.Stage(new ConvStdpLayer(1, 4, 3, 1f, new Rng(1)), 1));
        assertThrows(IllegalArgumentException.class, () -> new ConvStdpNetwork(c, bad)); // DoG gives 2 channels
        ConvStdpNetwork ok = ConvStdpNetwork.of(c, new int[] {4, 3}, 3, new float[] {1f, 1f}, 1, 1);
        assertEquals(3 * 4 * 4, ok.featureSize()); // 8 -> 6 -> 4
    }
}
