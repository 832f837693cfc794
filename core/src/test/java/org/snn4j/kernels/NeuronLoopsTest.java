package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NeuronLoopsTest {
    private static final SurrogateSpec TRIANGLE = new SurrogateSpec(SurrogateKind.TRIANGLE, 0.3f, 0f);

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    private static List<NeuronSpec> specs() {
        List<NeuronSpec> specs = new ArrayList<>();
        SurrogateSpec[] surrogates = {
            new SurrogateSpec(SurrogateKind.RECTANGULAR, 1f, 0f), TRIANGLE,
            new SurrogateSpec(SurrogateKind.FAST_SIGMOID, 4f, 0f), new SurrogateSpec(SurrogateKind.ARCTAN, 2f, 0f),
            new SurrogateSpec(SurrogateKind.STDB, 0.3f, 0.01f), new SurrogateSpec(SurrogateKind.LEE, 0f, 0f),
            new SurrogateSpec(SurrogateKind.LEE_NO_LEAK_FACTOR, 0f, 0f), new SurrogateSpec(SurrogateKind.LEE_POOL, 0f, 0f)};
        int k = 0;
        for (SurrogateSpec s : surrogates) {
            for (int variant = 0; variant < 4; variant++, k++) {
                specs.add(new NeuronSpec(variant % 2 == 0 ? 0.9f : 1f, variant < 2 ? 1f : 0.7f, k % 3 == 0,
                        k % 2 == 0, variant % 2 == 0 ^ k % 5 == 0, variant >= 2, s));
            }
        }
        return specs;
    }

    /**
     * For the triangle and rectangular surrogates the vector reverse loop runs the twin's float operations in its
     * order, so ∂L/∂X agrees bit for bit: at θ = 1 (where the vector loop skips the exact products with θ and 1/θ),
     * at other thresholds, with H exactly at the triangle's ends (0 and 2θ, where 1 − |x| is +0 or −1) and at NaN;
     * in tasks of 64 neurons and in one task (the vector loop's pairs of blocks, pipelined, an odd last block, the tail).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 16, 17, 48, 257, 1000})
    void vectorReverseIsTheTwinsBitForBitForPiecewiseLinearSurrogates(int neurons) {
        assumeTrue(KernelProvider.whyNotVector().isEmpty(), "Vector API not available");
        int steps = 5;
        SplittableRandom rng = new SplittableRandom(7 + neurons);
        for (float theta : new float[] {1f, 0.7f, 2f}) {
            float[] input = new float[steps * neurons], gradSpikes = new float[steps * neurons];
            for (int i = 0; i < input.length; i++) {
                int kind = rng.nextInt(12);
                // H = X at the first step (V[0] = 0): exactly 0, θ, 2θ, NaN, or anything around
                input[i] = i < neurons && kind < 4 ? new float[] {0f, theta, 2 * theta, Float.NaN}[kind]
                        : (float) rng.nextDouble(-0.6, 2.4) * theta;
                gradSpikes[i] = (float) rng.nextDouble(-1, 1);
            }
            for (SurrogateSpec sur : new SurrogateSpec[] {TRIANGLE, new SurrogateSpec(SurrogateKind.RECTANGULAR, 1f, 0f)}) {
                for (boolean subtract : new boolean[] {true, false}) {
                    for (boolean detach : new boolean[] {false, true}) {
                        NeuronSpec spec = new NeuronSpec(0.9f, theta, false, true, subtract, detach, sur);
                        for (boolean held : new boolean[] {false, true}) {
                            float[] x = held ? java.util.Arrays.copyOf(input, neurons) : input;
                            float[] g1 = new float[x.length];
                            NeuronLoops.reverse(ScalarNeuronLoops.INSTANCE, spec, x, gradSpikes, g1, steps, neurons, null, 1, held);
                            // blocks of 64 neurons per task, and all in one task (pairs of blocks, an odd one, the tail)
                            for (int grain : new int[] {1, Integer.MAX_VALUE}) {
                                float[] g2 = new float[x.length];
                                NeuronLoops.reverse(PanamaNeuronLoops.INSTANCE, spec, x, gradSpikes, g2, steps, neurons, null, grain, held);
                                assertArrayEquals(g1, g2, spec + (held ? " held" : "") + " grain " + grain);
                            }
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 15, 16, 17, 33, 257, 1000})
    void vectorKernelMatchesScalarTwin(int neurons) {
        assumeTrue(KernelProvider.whyNotVector().isEmpty(), "Vector API not available");
        int steps = 6;
        SplittableRandom rng = new SplittableRandom(neurons);
        float[] input = new float[steps * neurons], gradSpikes = new float[steps * neurons];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) rng.nextDouble(-0.6, 1.4);
            gradSpikes[i] = (float) rng.nextDouble(-1, 1);
        }
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            for (NeuronSpec spec : specs()) {
                float[] s1 = new float[input.length], s2 = new float[input.length];
                long c1 = NeuronLoops.forward(ScalarNeuronLoops.INSTANCE, spec, input, s1, steps, neurons, 1);
                long c2 = NeuronLoops.forward(PanamaNeuronLoops.INSTANCE, spec, input, s2, steps, neurons, 1);
                assertEquals(c1, c2, spec.toString());
                assertArrayEquals(s1, s2, spec.toString());
                boolean params = !spec.surrogate().kind().isLee();
                float[] g1 = new float[input.length], g2 = new float[input.length];
                double[] p1 = params ? new double[2] : null, p2 = params ? new double[2] : null;
                NeuronLoops.reverse(ScalarNeuronLoops.INSTANCE, spec, input, gradSpikes, g1, steps, neurons, p1, 1);
                NeuronLoops.reverse(PanamaNeuronLoops.INSTANCE, spec, input, gradSpikes, g2, steps, neurons, p2, 1);
                assertArrayEquals(g1, g2, 1e-6f, spec.toString());
                if (params) {
                    assertEquals(p1[0], p2[0], 1e-5 * (1 + Math.abs(p1[0])) * Math.sqrt(neurons), spec.toString());
                    assertEquals(p1[1], p2[1], 1e-5 * (1 + Math.abs(p1[1])) * Math.sqrt(neurons), spec.toString());
                }
                // the public facade (default grain) gives the same as the explicit kernel
                float[] s3 = new float[input.length], g3 = new float[input.length];
                assertEquals(c1, NeuronLoops.chargeFireResetForward(spec, input, s3, steps, neurons));
                assertArrayEquals(s1, s3, spec.toString());
                NeuronLoops.bpttReverse(spec, input, gradSpikes, g3, steps, neurons, null);
                assertArrayEquals(g1, g3, 1e-6f);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 17, 64, 257})
    void aRunInChunksOfStepsCarryingTheMembraneEqualsOneRunInBothKernels(int neurons) {
        int steps = 7, chunk = 3;                      // chunks of 3, 3 and 1 steps
        SplittableRandom rng = new SplittableRandom(11L * neurons);
        float[] input = new float[steps * neurons];
        for (int i = 0; i < input.length; i++) input[i] = (float) rng.nextDouble(-0.4, 1.1);
        List<NeuronKernel> kernels = new ArrayList<>(List.of(ScalarNeuronLoops.INSTANCE));
        if (KernelProvider.whyNotVector().isEmpty()) kernels.add(PanamaNeuronLoops.INSTANCE);
        long fired = 0;
        for (NeuronKernel kernel : kernels) {
            for (boolean held : new boolean[] {false, true}) {
                for (NeuronSpec spec : specs()) {
                    String what = kernel.getClass().getSimpleName() + " held " + held + " " + spec;
                    float[] whole = new float[steps * neurons], chunked = new float[steps * neurons];
                    long expected = NeuronLoops.forward(kernel, spec, input, whole, steps, neurons, 1, held, null);
                    float[] membrane = new float[neurons], part = new float[chunk * neurons], in = new float[chunk * neurons];
                    java.util.Arrays.fill(membrane, spec.initialMembrane());
                    long count = 0;
                    for (int t0 = 0; t0 < steps; t0 += chunk) {
                        int k = Math.min(chunk, steps - t0);
                        System.arraycopy(input, held ? 0 : t0 * neurons, in, 0, (held ? 1 : k) * neurons);
                        count += NeuronLoops.forward(kernel, spec, in, part, k, neurons, 1, held, membrane);
                        System.arraycopy(part, 0, chunked, t0 * neurons, k * neurons);
                    }
                    assertEquals(expected, count, what);
                    assertArrayEquals(whole, chunked, what);
                    fired += expected;
                }
            }
        }
        assertTrue(fired > 0, "no neuron fired");
        // the facade: the same
        NeuronSpec spec = specs().get(0);
        float[] whole = new float[steps * neurons], membrane = new float[neurons];
        long expected = NeuronLoops.chargeFireResetForward(spec, input, whole, steps, neurons), count = 0;
        java.util.Arrays.fill(membrane, spec.initialMembrane());
        for (int t0 = 0; t0 < steps; t0 += chunk) {
            int k = Math.min(chunk, steps - t0);
            float[] part = new float[k * neurons];
            count += NeuronLoops.chargeFireResetContinue(spec, java.util.Arrays.copyOfRange(input, t0 * neurons, (t0 + k) * neurons),
                    part, k, neurons, false, membrane);
            assertArrayEquals(java.util.Arrays.copyOfRange(whole, t0 * neurons, (t0 + k) * neurons), part);
        }
        assertEquals(expected, count);
        assertThrows(IllegalArgumentException.class,
                () -> NeuronLoops.chargeFireResetContinue(spec, input, new float[neurons], steps, neurons, false, membrane));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 17, 64, 257})
    void heldInputEqualsItsTFoldCopyInBothKernels(int neurons) {
        int steps = 5;
        SplittableRandom rng = new SplittableRandom(7L * neurons);
        float[] once = new float[neurons], repeated = new float[steps * neurons], gradSpikes = new float[steps * neurons];
        for (int j = 0; j < neurons; j++) once[j] = (float) rng.nextDouble(-0.3, 0.9);
        for (int t = 0; t < steps; t++) System.arraycopy(once, 0, repeated, t * neurons, neurons);
        for (int i = 0; i < gradSpikes.length; i++) gradSpikes[i] = (float) rng.nextDouble(-1, 1);
        List<NeuronKernel> kernels = new ArrayList<>(List.of(ScalarNeuronLoops.INSTANCE));
        if (KernelProvider.whyNotVector().isEmpty()) kernels.add(PanamaNeuronLoops.INSTANCE);
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            for (NeuronKernel kernel : kernels) {
                for (NeuronSpec spec : specs()) {
                    String what = kernel.getClass().getSimpleName() + " " + spec;
                    float[] sRef = new float[repeated.length], sHeld = new float[repeated.length];
                    long cRef = NeuronLoops.forward(kernel, spec, repeated, sRef, steps, neurons, 1);
                    assertEquals(cRef, NeuronLoops.forward(kernel, spec, once, sHeld, steps, neurons, 1, true, null), what);
                    assertArrayEquals(sRef, sHeld, what);
                    boolean params = !spec.surrogate().kind().isLee();
                    float[] gRef = new float[repeated.length], gHeld = new float[neurons];
                    double[] pRef = params ? new double[2] : null, pHeld = params ? new double[2] : null;
                    NeuronLoops.reverse(kernel, spec, repeated, gradSpikes, gRef, steps, neurons, pRef, 1);
                    NeuronLoops.reverse(kernel, spec, once, gradSpikes, gHeld, steps, neurons, pHeld, 1, true);
                    float[] sum = new float[neurons];                  // Σ_t in the kernels' order, t = T..1
                    for (int t = steps - 1; t >= 0; t--) {
                        for (int j = 0; j < neurons; j++) sum[j] += gRef[t * neurons + j];
                    }
                    assertArrayEquals(sum, gHeld, what);
                    if (params) assertArrayEquals(pRef, pHeld, what);
                }
            }
        }
        // public facade: the same, and its size checks
        NeuronSpec lif = new NeuronSpec(0.9f, 1f, false, true, true, false, TRIANGLE);
        float[] sRef = new float[repeated.length], sHeld = new float[repeated.length];
        assertEquals(NeuronLoops.chargeFireResetForward(lif, repeated, sRef, steps, neurons),
                NeuronLoops.chargeFireResetForwardHeld(lif, once, sHeld, steps, neurons));
        assertArrayEquals(sRef, sHeld);
        float[] gHeld = new float[neurons], gFacade = new float[neurons];
        NeuronLoops.reverse(ScalarNeuronLoops.INSTANCE, lif, once, gradSpikes, gHeld, steps, neurons, null, 1, true);
        NeuronLoops.bpttReverseHeld(lif, once, gradSpikes, gFacade, steps, neurons, null);
        assertArrayEquals(gHeld, gFacade, 1e-6f);
        assertThrows(IllegalArgumentException.class,
                () -> NeuronLoops.chargeFireResetForwardHeld(lif, repeated, sHeld, steps, neurons));
        assertThrows(IllegalArgumentException.class,
                () -> NeuronLoops.bpttReverseHeld(lif, once, gradSpikes, new float[repeated.length], steps, neurons, null));
    }

    /**
     * A tile read and written in place in larger {@code [T, stride]} arrays ({@link NeuronLoops#bpttReverseTile}) gets
     * bit for bit the gradient of its columns copied out, in both kernels, held and not; the other columns are untouched.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 17, 48, 130})
    void aTileInPlaceEqualsItsColumnsCopiedOut(int neurons) {
        int steps = 4, base = 37, stride = base + neurons + 11;
        SplittableRandom rng = new SplittableRandom(3L * neurons);
        float[] input = new float[steps * stride], gradSpikes = new float[steps * neurons];
        for (int i = 0; i < input.length; i++) input[i] = (float) rng.nextDouble(-0.6, 1.6);
        for (int i = 0; i < gradSpikes.length; i++) gradSpikes[i] = (float) rng.nextDouble(-1, 1);
        List<NeuronKernel> kernels = new ArrayList<>(List.of(ScalarNeuronLoops.INSTANCE));
        if (KernelProvider.whyNotVector().isEmpty()) kernels.add(PanamaNeuronLoops.INSTANCE);
        for (NeuronKernel kernel : kernels) {
            for (NeuronSpec spec : specs()) {
                for (boolean held : new boolean[] {false, true}) {
                    int rows = held ? 1 : steps;
                    float[] x = java.util.Arrays.copyOf(input, rows * stride), column = new float[rows * neurons];
                    for (int t = 0; t < rows; t++) System.arraycopy(x, t * stride + base, column, t * neurons, neurons);
                    float[] expected = new float[rows * neurons], inPlace = new float[rows * stride];
                    java.util.Arrays.fill(inPlace, 7f);
                    NeuronLoops.reverse(kernel, spec, column, gradSpikes, expected, steps, neurons, null, 1, held);
                    NeuronLoops.reverse(kernel, spec, x, gradSpikes, inPlace, steps, neurons, null, 1, held, base, stride);
                    String what = kernel.getClass().getSimpleName() + " " + spec + (held ? " held" : "");
                    for (int t = 0; t < rows; t++) {
                        for (int j = 0; j < stride; j++) {
                            float want = j < base || j >= base + neurons ? 7f : expected[t * neurons + j - base];
                            assertEquals(want, inPlace[t * stride + j], 0f, what + " at " + t + ", " + j);
                        }
                    }
                }
            }
        }
        NeuronSpec lif = new NeuronSpec(0.9f, 1f, false, true, true, false, TRIANGLE);
        float[] g = new float[steps * stride], expected = new float[steps * stride];
        NeuronLoops.bpttReverseTile(lif, input, gradSpikes, g, base, stride, steps, neurons, false);
        NeuronLoops.reverse(ScalarNeuronLoops.INSTANCE, lif, input, gradSpikes, expected, steps, neurons, null, 1, false, base, stride);
        assertArrayEquals(expected, g);
        assertThrows(IllegalArgumentException.class,
                () -> NeuronLoops.bpttReverseTile(lif, input, gradSpikes, g, stride - neurons + 1, stride, steps, neurons, false));
    }

    @Test
    void handWorkedLifSubtract() {
        // α = 0.5, θ = 1, strict, subtract; X = 0.8, 0.8, 0.8, 0.0 → H = 0.8, 1.2, 0.9, 0.45; S = 0, 1, 0, 0
        NeuronSpec spec = new NeuronSpec(0.5f, 1f, false, true, true, false, TRIANGLE);
        float[] x = {0.8f, 0.8f, 0.8f, 0f}, s = new float[4];
        assertEquals(1, NeuronLoops.chargeFireResetForward(spec, x, s, 4, 1));
        assertArrayEquals(new float[] {0, 1, 0, 0}, s);
        // ∂L/∂S = e_t picks ∂L/∂X through triangle 0.3·max(0, 1 − |H − 1|): at t = 3 only H[3] = 0.9 counts
        float[] gx = new float[4];
        NeuronLoops.bpttReverse(spec, x, new float[] {0, 0, 1, 0}, gx, 4, 1, null);
        assertEquals(0.3f * 0.9f, gx[2], 1e-6f);
        // through soft reset, ∂V[2]/∂H[2] = 1 − θ·0.3·0.8 = 0.76, then ∂H[3]/∂V[2] = α
        assertEquals(0.76f * 0.5f * 0.27f, gx[1], 1e-6f);
    }

    @Test
    void stdbReverseMatchesHandUnrolledReference() {
        // IF, θ = 1, soft reset, detached: ∂L/∂H[t] = ∂L/∂S[t]·g'[t] + ∂L/∂H[t+1]; g'[t] = α_s·exp(−β_s·Δt)
        NeuronSpec spec = new NeuronSpec(1f, 1f, false, true, true, true, new SurrogateSpec(SurrogateKind.STDB, 0.3f, 0.5f));
        float[] x = {0.6f, 0.6f, 0.3f, 0.9f, 0.1f}, s = new float[5];
        NeuronLoops.chargeFireResetForward(spec, x, s, 5, 1);
        assertArrayEquals(new float[] {0, 1, 0, 1, 0}, s);   // H = 0.6, 1.2, 0.5, 1.4, 0.5
        int[] dt = {1, 2, 1, 2, 1};                         // steps since the previous spike (step 0 counts)
        float[] gradS = {0.5f, -1f, 2f, 0.25f, 1f}, gx = new float[5];
        NeuronLoops.bpttReverse(spec, x, gradS, gx, 5, 1, null);
        double next = 0;
        for (int t = 4; t >= 0; t--) {
            next = gradS[t] * 0.3 * Math.exp(-0.5 * dt[t]) + next;
            assertEquals(next, gx[t], 1e-6, "t = " + t);
        }
    }

    @Test
    void leeReverseMatchesHandUnrolledReference() {
        // α = 0.9, θ = 2, hard reset: spikes at steps 2 and 4 of 5
        NeuronSpec spec = new NeuronSpec(0.9f, 2f, false, true, false, false, new SurrogateSpec(SurrogateKind.LEE, 0, 0));
        float[] x = {1.5f, 1.0f, 1.9f, 0.5f, 0.3f}, s = new float[5];
        NeuronLoops.chargeFireResetForward(spec, x, s, 5, 1);
        assertArrayEquals(new float[] {0, 1, 0, 1, 0}, s);   // H = 1.5, 2.35, 1.9, 2.21, 0.3
        double lf = 0.9 * 0.9 * 0.9 + 0.9;                  // α^{T−2} + α^{T−4}
        double ng = 1 + Math.log(0.9) * lf / 2;
        float[] gradS = {0.5f, -1f, 2f, 0.25f, 1f}, gx = new float[5];
        NeuronLoops.bpttReverse(spec, x, gradS, gx, 5, 1, null);
        double g5 = 0 + 1.0 * 0;                            // t=5: no spike, ∂L/∂H[6] = 0
        double g4 = 0.25 * ng / 2;                          // t=4: spike, straight-through only
        double g3 = g4;                                     // t=3: no spike, gradient passes unscaled
        double g2 = -1 * ng / 2;                            // t=2: spike cuts the temporal path
        double g1 = g2;
        assertArrayEquals(new float[] {(float) g1, (float) g2, (float) g3, (float) g4, (float) g5}, gx, 1e-6f);
    }

    @Test
    void leePoolReverseIsStraightThroughAtSpikesWithoutThresholdFactor() {
        // Lee's pooling neuron: IF, θ = 0.75, hard reset; spikes at steps 2 and 4 of 5. Gradient: ∂L/∂S at a
        // spike unscaled (no NG, no 1/θ), carried unchanged through steps without a spike.
        NeuronSpec pool = new NeuronSpec(1f, 0.75f, false, true, false, false, new SurrogateSpec(SurrogateKind.LEE_POOL, 0, 0));
        float[] x = {0.5f, 0.5f, 0.25f, 0.75f, 0.25f}, s = new float[5];
        NeuronLoops.chargeFireResetForward(pool, x, s, 5, 1);
        assertArrayEquals(new float[] {0, 1, 0, 1, 0}, s);   // H = 0.5, 1.0, 0.25, 1.0, 0.25
        float[] gradS = {0.5f, -1f, 2f, 0.25f, 1f}, gx = new float[5];
        NeuronLoops.bpttReverse(pool, x, gradS, gx, 5, 1, null);
        assertArrayEquals(new float[] {-1f, -1f, 0.25f, 0.25f, 0f}, gx, 0f);
        // The same train with lee-no-leak-factor: the same gradient divided by θ.
        NeuronSpec scaled = new NeuronSpec(1f, 0.75f, false, true, false, false, new SurrogateSpec(SurrogateKind.LEE_NO_LEAK_FACTOR, 0, 0));
        float[] gs = new float[5];
        NeuronLoops.bpttReverse(scaled, x, gradS, gs, 5, 1, null);
        for (int t = 0; t < 5; t++) assertEquals(gx[t] / 0.75f, gs[t], 1e-6f, "t = " + t);
    }

    @Test
    void refusesBadSizesAliasingAndThresholds() {
        float[] a = new float[6], b = new float[6], c = new float[6];
        NeuronSpec spec = new NeuronSpec(1f, 1f, false, true, true, false, TRIANGLE);
        assertThrows(IllegalArgumentException.class, () -> NeuronLoops.chargeFireResetForward(spec, a, new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> NeuronLoops.chargeFireResetForward(spec, a, a, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> NeuronLoops.bpttReverse(spec, a, b, b, 2, 3, null));
        assertThrows(IllegalArgumentException.class, () -> NeuronLoops.bpttReverse(spec, a, b, c, 2, 3, new double[1]));
        NeuronSpec zeroTheta = new NeuronSpec(1f, 0f, false, true, true, false, TRIANGLE);
        assertThrows(IllegalArgumentException.class, () -> NeuronLoops.chargeFireResetForward(zeroTheta, a, b, 2, 3));
        NeuronSpec lee = new NeuronSpec(1f, 1f, false, true, true, false, new SurrogateSpec(SurrogateKind.LEE, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> NeuronLoops.bpttReverse(lee, a, b, c, 2, 3, new double[2]));
    }

    @Test
    void emptyShapesDoNothing() {
        NeuronSpec spec = new NeuronSpec(1f, 1f, false, true, true, false, TRIANGLE);
        assertEquals(0, NeuronLoops.chargeFireResetForward(spec, new float[0], new float[0], 0, 5));
        assertEquals(0, NeuronLoops.chargeFireResetForward(spec, new float[0], new float[0], 4, 0));
        NeuronLoops.bpttReverse(spec, new float[0], new float[0], new float[0], 3, 0, new double[2]);
    }
}
