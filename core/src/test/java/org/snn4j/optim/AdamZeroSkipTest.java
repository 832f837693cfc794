package org.snn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.nn.Parameter;
import org.snn4j.tensor.Tensor;

/**
 * Adam's skipping of blocks that have never had a gradient gives the bits of the plain per-element update:
 * blocks all zero, partly zero, zero for some steps and then not, signed zeros in gradients and weights,
 * with and without weight decay (L2 and decoupled), across several steps.
 */
class AdamZeroSkipTest {
    private static final int N = 3 * Adam.SKIP_BLOCK + 77;

    @Test
    void sameBitsAsUpdatingEveryElement() {
        for (double decay : new double[] {0, 0.01}) {
            for (boolean decoupled : new boolean[] {false, true}) {
                for (boolean decayed : new boolean[] {false, true}) check(decay, decoupled, decayed);
            }
        }
    }

    @Test
    void theSameBitsAtAnyThreadCount() {
        int n = 40 * Adam.SKIP_BLOCK + 5;   // blocks split over the threads
        float[][] weights = new float[3][];
        for (int threads = 1; threads <= 2; threads++) {
            SplittableRandom random = new SplittableRandom(3);
            float[] w0 = new float[n];
            for (int i = 0; i < n; i++) w0[i] = (float) random.nextDouble(-1, 1);
            Parameter p = new Parameter("w", new Tensor(w0, n), false);
            Adam adam = new Adam(List.of(p), 0);
            try (org.snn4j.kernels.ComputePool pool = org.snn4j.kernels.ComputePool.of(threads)) {
                for (int step = 0; step < 3; step++) {
                    float[] g = p.grad().data();
                    // zero blocks (skipped) among live ones, which the split puts on both threads
                    for (int i = 0; i < n; i++) g[i] = (i / Adam.SKIP_BLOCK) % 3 == step ? 0f : (float) random.nextDouble(-1, 1);
                    pool.run(() -> adam.step(1e-3));
                }
            }
            weights[threads] = p.value().data();
        }
        assertArrayEquals(weights[1], weights[2]);
    }

    @Test
    void aLoadedStateIsSkippedOnlyWhereItsMomentsAreZero() {
        // moments loaded: block 0 all +0 (skippable), block 1 nonzero, block 2 +0 but for one −0 (which the plain
        // update turns into +0, so it must not be skipped); zero gradients for three steps, against the reference
        SplittableRandom random = new SplittableRandom(12);
        float[] w = new float[N], m = new float[N], v = new float[N];
        for (int i = 0; i < N; i++) w[i] = (float) random.nextDouble(-1, 1);
        for (int i = Adam.SKIP_BLOCK; i < 2 * Adam.SKIP_BLOCK; i++) {
            m[i] = (float) random.nextDouble(-1e-3, 1e-3);
            v[i] = (float) random.nextDouble(0, 1e-6);
        }
        v[2 * Adam.SKIP_BLOCK + 9] = -0f;
        Parameter p = new Parameter("w", new Tensor(w.clone(), N), false);
        Adam adam = new Adam(List.of(p), 0);
        java.util.Map<String, Tensor> state = new java.util.LinkedHashMap<>();
        state.put("step", new Tensor(new float[] {5}, 1));
        state.put("exp_avg/w", new Tensor(m.clone(), N));
        state.put("exp_avg_sq/w", new Tensor(v.clone(), N));
        adam.loadState(state);
        for (int step = 6; step <= 8; step++) {
            float[] g = new float[N];
            reference(w, g, m, v, step, 1e-3, 0, false, false);
            adam.step(1e-3);
            assertArrayEquals(w, p.value().data(), "weights, step " + step);
            assertArrayEquals(m, adam.state().get("exp_avg/w").data(), "m, step " + step);
            assertArrayEquals(v, adam.state().get("exp_avg_sq/w").data(), "v, step " + step);
        }
    }

    private static void check(double decay, boolean decoupled, boolean decayed) {
        SplittableRandom random = new SplittableRandom(11);
        float[] w0 = new float[N];
        for (int i = 0; i < N; i++) w0[i] = i % 97 == 0 ? -0f : (float) random.nextDouble(-1, 1);
        Parameter p = new Parameter("w", new Tensor(w0.clone(), N), decayed);
        Adam adam = new Adam(List.of(p), 0.9, 0.999, 1e-8, decay, decoupled);
        float[] w = w0.clone(), m = new float[N], v = new float[N];
        for (int step = 1; step <= 4; step++) {
            float[] g = p.grad().data();
            java.util.Arrays.fill(g, 0f);
            // block 0 never has a gradient; block 1 from step 3 on; block 2 has one element, some −0 gradients; the tail always
            for (int i = Adam.SKIP_BLOCK; i < 2 * Adam.SKIP_BLOCK; i++) if (step >= 3) g[i] = (float) random.nextDouble(-1, 1);
            g[2 * Adam.SKIP_BLOCK + 5] = (float) random.nextDouble(-1, 1);
            for (int i = 2 * Adam.SKIP_BLOCK + 100; i < 2 * Adam.SKIP_BLOCK + 200; i++) g[i] = -0f;
            for (int i = 3 * Adam.SKIP_BLOCK; i < N; i++) g[i] = (float) random.nextDouble(-1, 1);
            reference(w, g, m, v, step, 1e-3, decay, decoupled, decayed);
            adam.step(1e-3);
            assertArrayEquals(w, p.value().data(), "weights, step " + step + ", decay " + decay + (decoupled ? " decoupled" : "")
                    + (decayed ? " decayed" : ""));
            assertArrayEquals(m, adam.state().get("exp_avg/w").data(), "m, step " + step);
            assertArrayEquals(v, adam.state().get("exp_avg_sq/w").data(), "v, step " + step);
        }
    }

    /** The per-element update of {@link Adam}'s class comment, every element. */
    private static void reference(float[] w, float[] g, float[] m, float[] v, int step, double lr, double decay,
                                  boolean decoupled, boolean decayed) {
        float b1 = 0.9f, b2 = 0.999f;
        float l2 = decayed && !decoupled ? (float) decay : 0f;
        float shrink = decayed && decoupled ? (float) (1 - lr * (float) decay) : 1f;
        double stepSize = lr / (1 - Math.pow(b1, step)), bc2Sqrt = Math.sqrt(1 - Math.pow(b2, step));
        for (int i = 0; i < w.length; i++) {
            float wi = w[i] * shrink;
            float gi = g[i] + l2 * wi;
            float mi = b1 * m[i] + (1 - b1) * gi;
            float vi = b2 * v[i] + (1 - b2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] = (float) (wi - stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + 1e-8));
        }
    }
}
