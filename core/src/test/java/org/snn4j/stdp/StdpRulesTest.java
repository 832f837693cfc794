package org.snn4j.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Every rule on one synapse (one input, one output) against the change worked out by hand from its Javadoc's
 * formulas, dt = 1 ms and τ = 10 ms (one step's decay e^(−0.1)) unless said otherwise, w₀ = 0.5 in [0, 1].
 */
class StdpRulesTest {
    private static final double TOL = 1e-6;
    private static final WeightDependence ADDITIVE = WeightDependence.additive(0f, 1f);

    /** Runs {@code rule} on one synapse of weight w₀ for the steps; pre and post list the steps with a spike. */
    private static float run(StdpRule rule, float w0, int steps, int[] preSteps, int[] postSteps) {
        float[] w = {w0};
        Plasticity p = rule.start(Synapses.outByIn(w, 1, 1), 1.0);
        int[] zero = {0};
        for (int t = 0; t < steps; t++) p.step(zero, contains(preSteps, t) ? 1 : 0, zero, contains(postSteps, t) ? 1 : 0);
        return w[0];
    }

    private static boolean contains(int[] a, int t) {
        for (int x : a) if (x == t) return true;
        return false;
    }

    private static double e(double x) {
        return Math.exp(x);
    }

    @Test
    void additivePairStdpPotentiatesByThePreTraceAndDepressesByThePostTrace() {
        // pre at 0, post at 3, pre at 5; A+ = 0.1, A- = 0.12.
        // step 3: x_pre = e^-0.3 = 0.740818 -> w = 0.5 + 0.1·0.740818 = 0.574082
        // step 5: x_post = e^-0.2 = 0.818731 -> w = 0.574082 − 0.12·0.818731 = 0.475834
        // (step 0's pre spike sees x_post = 0: no change)
        PairStdp rule = new PairStdp(0.1f, 0.12f, 10, 10, Trace.Kind.ALL_TO_ALL, ADDITIVE);
        double expected = 0.5 + 0.1 * e(-0.3) - 0.12 * e(-0.2);
        assertEquals(0.475834, expected, 1e-6);
        assertEquals(expected, run(rule, 0.5f, 6, new int[] {0, 5}, new int[] {3}), TOL);
    }

    @Test
    void softBoundedPairStdpScalesByTheDistanceToTheBound() {
        // μ = 1, same trains. step 3: w = 0.5 + 0.1·0.740818·(1 − 0.5) = 0.537041
        // step 5: w = 0.537041 − 0.12·0.818731·(0.537041 − 0) = 0.537041 − 0.052763 = 0.484278
        PairStdp rule = new PairStdp(0.1f, 0.12f, 10, 10, Trace.Kind.ALL_TO_ALL, WeightDependence.softBounded(0f, 1f, 1f));
        double w3 = 0.5 + 0.1 * e(-0.3) * (1 - 0.5);
        double expected = w3 - 0.12 * e(-0.2) * w3;
        assertEquals(0.484278, expected, 1e-6);
        assertEquals(expected, run(rule, 0.5f, 6, new int[] {0, 5}, new int[] {3}), TOL);
    }

    @Test
    void softBoundsWithAnExponentBetweenAdditiveAndMultiplicative() {
        // μ = 0.5, post at 0 then pre at 0 in the same step: x_pre = x_post = 1.
        // potentiation first: w = 0.5 + 0.1·(1 − 0.5)^0.5 = 0.570711; then w = 0.570711 − 0.12·(0.570711)^0.5 = 0.480056
        PairStdp rule = new PairStdp(0.1f, 0.12f, 10, 10, Trace.Kind.ALL_TO_ALL, WeightDependence.softBounded(0f, 1f, 0.5f));
        double w0 = 0.5 + 0.1 * Math.sqrt(0.5);
        double expected = w0 - 0.12 * Math.sqrt(w0);
        assertEquals(0.480056, expected, 1e-6);
        assertEquals(expected, run(rule, 0.5f, 1, new int[] {0}, new int[] {0}), TOL);
    }

    @Test
    void nearestSpikeTracesForgetAllButTheLatestSpike() {
        // pre at 0 and 2, post at 4; A+ = 0.1, no depression (A- = 0).
        // nearest:    x_pre(4) = e^-0.2                     -> w = 0.5 + 0.1·0.818731            = 0.581873
        // all-to-all: x_pre(4) = e^-0.4 + e^-0.2 = 1.489051 -> w = 0.5 + 0.1·1.489051            = 0.648905
        int[] pre = {0, 2}, post = {4};
        PairStdp nearest = new PairStdp(0.1f, 0f, 10, 10, Trace.Kind.NEAREST, ADDITIVE);
        PairStdp all = new PairStdp(0.1f, 0f, 10, 10, Trace.Kind.ALL_TO_ALL, ADDITIVE);
        assertEquals(0.5 + 0.1 * e(-0.2), run(nearest, 0.5f, 5, pre, post), TOL);
        assertEquals(0.5 + 0.1 * (e(-0.4) + e(-0.2)), run(all, 0.5f, 5, pre, post), TOL);
    }

    @Test
    void nearestSpikeDepressionResetsThePostTrace() {
        // post at 0 and 1, pre at 3; A- = 0.2. nearest: x_post(3) = e^-0.2 -> w = 0.5 − 0.2·0.818731 = 0.336254
        // (all-to-all would be e^-0.3 + e^-0.2 = 1.559549)
        PairStdp rule = new PairStdp(0f, 0.2f, 10, 10, Trace.Kind.NEAREST, ADDITIVE);
        assertEquals(0.5 - 0.2 * e(-0.2), run(rule, 0.5f, 4, new int[] {3}, new int[] {0, 1}), TOL);
    }

    @Test
    void tripletStdpAddsThePostPrePostAndPrePostPreTerms() {
        // A2+ = 0.05, A3+ = 0.2, A2- = 0.04, A3- = 0.1; τ+ = τ- = 10, τx = τy = 20 (decay e^-0.05 per step).
        // post at 0, pre at 2, post at 5, pre at 7.
        // step 0: r1 = 0: no potentiation; then o2 = 1.
        // step 2: o1 = e^-0.2, r2(before) = 0: w = 0.5 − 0.04·0.818731 = 0.467251; then r2 = 1.
        // step 5: r1 = e^-0.3, o2(before) = e^-0.25 = 0.778801:
        //         w += 0.740818·(0.05 + 0.2·0.778801) = 0.740818·0.205760 = 0.152431 -> 0.619682
        // step 7: o1 = (e^-0.5 + 1)·e^-0.2 = 1.315316, r2(before) = e^-0.25:
        //         w −= 1.315316·(0.04 + 0.1·0.778801) = 1.315316·0.117880 = 0.155050 -> 0.464632
        TripletStdp rule = new TripletStdp(0.05f, 0.2f, 0.04f, 0.1f, 10, 20, 10, 20, Trace.Kind.ALL_TO_ALL, ADDITIVE);
        double expected = 0.5 - 0.04 * e(-0.2) + e(-0.3) * (0.05 + 0.2 * e(-0.25))
                - (e(-0.7) + e(-0.2)) * (0.04 + 0.1 * e(-0.25));
        assertEquals(0.464632, expected, 1e-6);
        assertEquals(expected, run(rule, 0.5f, 8, new int[] {2, 7}, new int[] {0, 5}), TOL);
    }

    @Test
    void tripletWithoutTripletTermsIsPairStdp() {
        int[] pre = {1, 4, 6}, post = {2, 3, 6, 9};
        PairStdp pair = new PairStdp(0.03f, 0.02f, 15, 25, Trace.Kind.ALL_TO_ALL, ADDITIVE);
        TripletStdp triplet = new TripletStdp(0.03f, 0f, 0.02f, 0f, 15, 50, 25, 50, Trace.Kind.ALL_TO_ALL, ADDITIVE);
        assertEquals(run(pair, 0.4f, 10, pre, post), run(triplet, 0.4f, 10, pre, post), 0.0);
    }

    @Test
    void diehlCooksRuleIsTheReferenceCodesUpdate() {
        // dt = 1 ms; pre (τ 20), post1 (τ 20), post2 (τ 40), nearest. post at 0, pre at 10, post at 30.
        // step 10: w −= 1e-4·post1 = 1e-4·e^-0.5;  step 30: w += 1e-2·pre·post2(before) = 1e-2·e^-1·e^-0.75
        double expected = 0.5 - 1e-4 * e(-0.5) + 1e-2 * e(-1) * e(-0.75);
        assertEquals(expected, run(TripletStdp.diehlCook(), 0.5f, 31, new int[] {10}, new int[] {0, 30}), TOL);
    }

    @Test
    void additiveUpdatesStopAtTheBounds() {
        PairStdp rule = new PairStdp(0.1f, 0.3f, 10, 10, Trace.Kind.ALL_TO_ALL, ADDITIVE);
        // pre at 0, post at 1: 0.95 + 0.1·e^-0.1 > 1 -> 1
        assertEquals(1f, run(rule, 0.95f, 2, new int[] {0}, new int[] {1}), 0f);
        // pre after post: 0.2 − 0.3·e^-0.1 < 0 -> 0
        assertEquals(0f, run(rule, 0.2f, 2, new int[] {1}, new int[] {0}), 0f);
    }

    @Test
    void bothLayoutsLearnTheSameWeights() {
        int in = 3, out = 2;
        float[] a = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}; // [out, in]
        float[] b = new float[6]; // [in, out]
        for (int j = 0; j < out; j++) for (int i = 0; i < in; i++) b[i * out + j] = a[j * in + i];
        PairStdp rule = new PairStdp(0.05f, 0.04f, 10, 10, Trace.Kind.ALL_TO_ALL, WeightDependence.softBounded(0f, 1f, 1f));
        Plasticity pa = rule.start(Synapses.outByIn(a, in, out), 1), pb = rule.start(Synapses.inByOut(b, in, out), 1);
        int[][] pre = {{0, 2}, {}, {1}, {0}}, post = {{1}, {0}, {}, {0, 1}};
        for (int t = 0; t < pre.length; t++) {
            pa.step(pre[t], pre[t].length, post[t], post[t].length);
            pb.step(pre[t], pre[t].length, post[t], post[t].length);
        }
        for (int j = 0; j < out; j++) for (int i = 0; i < in; i++) assertEquals(a[j * in + i], b[i * out + j], 0f);
    }

    @Test
    void resetForgetsTheTraces() {
        float[] w = {0.5f};
        Plasticity p = new PairStdp(0.1f, 0f, 10, 10, Trace.Kind.ALL_TO_ALL, ADDITIVE).start(Synapses.outByIn(w, 1, 1), 1);
        p.step(new int[] {0}, 1, new int[0], 0);
        p.reset();
        p.step(new int[0], 0, new int[] {0}, 1);
        assertEquals(0.5f, w[0], 0f);
    }
}
