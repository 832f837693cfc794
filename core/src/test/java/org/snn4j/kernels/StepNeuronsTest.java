package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Rng;

class StepNeuronsTest {
    private static final SurrogateSpec TRIANGLE = new SurrogateSpec(SurrogateKind.TRIANGLE, 1f, 0f);

    private static StepNeuronSpec spec(float alpha, float beta, float rho, float jump, boolean subtract) {
        return new StepNeuronSpec(alpha, beta, rho, jump, 1f, true, subtract, false, TRIANGLE);
    }

    /** Runs one neuron over the currents, returning its spikes. */
    private static float[] run(StepNeuronSpec spec, float... currents) {
        float[] spikes = new float[currents.length];
        StepNeurons.State state = StepNeurons.State.zeros(1);
        for (int t = 0; t < currents.length; t++) {
            float[] c = new float[currents.length];
            c[t] = currents[t];
            float[] out = new float[currents.length];
            StepNeurons.forward(spec, c, out, t, state, null, null);
            spikes[t] = out[t];
        }
        return spikes;
    }

    @Test
    void cubaLifCurrentDecaysIntoTheMembrane() {
        // α = 0.5, β = 0.5, θ = 1, one input 0.6 at t1: I = 0.6, 0.3, 0.15; H = 0.6, 0.5·0.6 + 0.3 = 0.6,
        // 0.5·0.6 + 0.15 = 0.45, no spike (a plain LIF would give H = 0.6, 0.3, 0.15)
        StepNeurons.State state = StepNeurons.State.zeros(1);
        float[] h = new float[3], th = new float[3], s = new float[3];
        float[] c = {0.6f, 0f, 0f};
        for (int t = 0; t < 3; t++) StepNeurons.forward(spec(0.5f, 0.5f, 0f, 0f, true), c, s, t, state, h, th);
        assertArrayEquals(new float[] {0.6f, 0.6f, 0.45f}, h, 1e-6f);
        assertArrayEquals(new float[] {1f, 1f, 1f}, th);
        assertEquals(0.15f, state.syn()[0], 1e-6f);
        assertArrayEquals(new float[] {0, 0, 0}, s);
        // β = 0.9 keeps the current: input 0.7 gives I = 0.7, 0.63, 0.567 and H = 0.7, 0.35 + 0.63 = 0.98,
        // 0.49 + 0.567 = 1.057: a spike at t3; input 0.6 gives H = 0.6, 0.84, 0.906: none
        assertArrayEquals(new float[] {0, 0, 1}, run(spec(0.5f, 0.9f, 0f, 0f, true), 0.7f, 0f, 0f));
        assertArrayEquals(new float[] {0, 0, 0}, run(spec(0.5f, 0.9f, 0f, 0f, true), 0.6f, 0f, 0f));
    }

    @Test
    void alifThresholdJumpsWithEachSpikeAndDecays() {
        // α = 1, b = 0.5, ρ = 0.5, θ = 1, constant input 1.2, subtract reset by the current threshold:
        // t1: H 1.2 > Θ 1 → spike, V 0.2, A 1;  t2: Θ 1.5, H 1.4 → none, A 0.5;  t3: Θ 1.25, H 2.6 → spike, V 1.35, A 1.25
        // t4: Θ 1.625, H 2.55 → spike, V 0.925, A 1.625;  t5: Θ 1.8125, H 2.125 → spike
        assertArrayEquals(new float[] {1, 0, 1, 1, 1}, run(spec(1f, 0f, 0.5f, 0.5f, true), 1.2f, 1.2f, 1.2f, 1.2f, 1.2f));
        // the same neuron without adaptation fires at every step
        assertArrayEquals(new float[] {1, 1, 1, 1, 1}, run(spec(1f, 0f, 0f, 0f, true), 1.2f, 1.2f, 1.2f, 1.2f, 1.2f));
    }

    @Test
    void withoutSynapseOrAdaptationItIsTheFusedLif() {
        Rng rng = new Rng(3);
        int steps = 20, m = 37;
        float[] x = new float[steps * m];
        rng.fillUniform(x, -0.5f, 1.2f);
        for (boolean subtract : new boolean[] {true, false}) {
            NeuronSpec fused = new NeuronSpec(0.9f, 1f, false, true, subtract, false, TRIANGLE);
            float[] expected = new float[x.length];
            NeuronLoops.chargeFireResetForward(fused, x, expected, steps, m);
            float[] spikes = new float[x.length];
            StepNeurons.State state = StepNeurons.State.zeros(m);
            for (int t = 0; t < steps; t++) StepNeurons.forward(spec(0.9f, 0f, 0f, 0f, subtract), x, spikes, t * m, state, null, null);
            assertArrayEquals(expected, spikes);
            float[] gradS = new float[x.length], g1 = new float[x.length], g2 = new float[x.length];
            rng.fillUniform(gradS, -1f, 1f);
            NeuronLoops.bpttReverse(fused, x, gradS, g1, steps, m, null);
            float[] h = new float[x.length], th = new float[x.length];
            state = StepNeurons.State.zeros(m);
            for (int t = 0; t < steps; t++) StepNeurons.forward(spec(0.9f, 0f, 0f, 0f, subtract), x, spikes, t * m, state, h, th);
            StepNeurons.State carried = StepNeurons.State.zeros(m);
            for (int t = steps - 1; t >= 0; t--) StepNeurons.reverse(spec(0.9f, 0f, 0f, 0f, subtract), h, th, gradS, g2, t * m, carried);
            assertArrayEquals(g1, g2, 1e-5f);
        }
    }

    @Test
    void vectorKernelMatchesItsScalarTwin() {
        assumeTrue(KernelProvider.whyNotVector().isEmpty(), "Vector API not available");
        Rng rng = new Rng(7);
        int m = 61;   // a vector body and a scalar tail
        for (SurrogateKind kind : new SurrogateKind[] {SurrogateKind.TRIANGLE, SurrogateKind.RECTANGULAR,
                SurrogateKind.FAST_SIGMOID, SurrogateKind.ARCTAN}) {
            for (boolean subtract : new boolean[] {true, false}) {
                for (boolean detach : new boolean[] {false, true}) {
                    StepNeuronSpec spec = new StepNeuronSpec(0.9f, 0.7f, 0.8f, 0.3f, 1f, !detach, subtract, detach,
                            new SurrogateSpec(kind, 1.5f, 0f));
                    float[][] a = randomState(rng, m), b = copy(a);
                    float[] c = new float[2 * m];
                    rng.fillUniform(c, -0.5f, 2f);
                    float[] s1 = new float[2 * m], s2 = new float[2 * m], h1 = new float[2 * m], h2 = new float[2 * m];
                    float[] t1 = new float[2 * m], t2 = new float[2 * m];
                    long n1 = ScalarStepNeurons.INSTANCE.forward(spec, c, s1, m, a[0], a[1], a[2], h1, t1, 0, m);
                    long n2 = PanamaStepNeurons.INSTANCE.forward(spec, c, s2, m, b[0], b[1], b[2], h2, t2, 0, m);
                    assertEquals(n1, n2);
                    assertArrayEquals(s1, s2);
                    assertArrayEquals(h1, h2);
                    assertArrayEquals(t1, t2);
                    for (int k = 0; k < 3; k++) assertArrayEquals(a[k], b[k]);
                    float[] gs = new float[2 * m], g1 = new float[2 * m], g2 = new float[2 * m];
                    rng.fillUniform(gs, -1f, 1f);
                    float[][] ca = randomState(rng, m), cb = copy(ca);
                    ScalarStepNeurons.INSTANCE.reverse(spec, h1, t1, gs, g1, m, ca[0], ca[1], ca[2], 0, m);
                    PanamaStepNeurons.INSTANCE.reverse(spec, h2, t2, gs, g2, m, cb[0], cb[1], cb[2], 0, m);
                    assertArrayEquals(g1, g2, 1e-6f);
                    for (int k = 0; k < 3; k++) assertArrayEquals(ca[k], cb[k], 1e-6f);
                }
            }
        }
    }

    @Test
    void refusesSurrogatesWithoutAFormulaAndBadArrays() {
        assertThrows(IllegalArgumentException.class, () -> new StepNeuronSpec(0.9f, 0f, 0f, 0f, 1f, true, true, false,
                new SurrogateSpec(SurrogateKind.STDB, 1f, 1f)));
        StepNeurons.State state = StepNeurons.State.zeros(4);
        assertThrows(IllegalArgumentException.class,
                () -> StepNeurons.forward(spec(1f, 0f, 0f, 0f, true), new float[4], new float[4], 2, state, null, null));
    }

    private static float[][] randomState(Rng rng, int m) {
        float[][] s = new float[3][m];
        for (float[] a : s) rng.fillUniform(a, -0.5f, 1f);
        return s;
    }

    private static float[][] copy(float[][] a) {
        return new float[][] {a[0].clone(), a[1].clone(), a[2].clone()};
    }
}
