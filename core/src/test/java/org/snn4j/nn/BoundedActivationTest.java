package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** {@link Clip} and {@link Qcfs}: values and gradients worked by hand, finite differences, the straight-through estimator. */
class BoundedActivationTest {
    private static Tensor row(float... v) {
        return new Tensor(v.clone(), 1, 1, v.length);
    }

    @Test
    void clipHandWorkedValuesAndGradients() {
        Clip clip = new Clip("c", 2f);
        assertEquals("c.bound", clip.bound().name());
        assertArrayEquals(new int[] {1}, clip.bound().value().shape());
        assertEquals(List.of(clip.bound()), clip.parameters());
        Pass pass = clip.forward(row(-1, 0, 0.5f, 1.99f, 2, 3), ForwardContext.evaluationWithBackward());
        assertArrayEquals(new float[] {0, 0, 0.5f, 1.99f, 2, 2}, pass.output().data());
        Tensor dx = pass.backward(Tensor.full(7f, 1, 1, 6), true);
        assertArrayEquals(new float[] {0, 0, 7, 7, 0, 0}, dx.data());
        assertEquals(14f, clip.bound().grad().data()[0]); // z = 2 and z = 3 sit on the bound: 7 + 7
    }

    @Test
    void qcfsHandWorkedValuesAndStraightThroughGradients() {
        // λ = 2, L = 4: steps of 0.5. u = z/λ; k = floor(4u + 1/2); a = λ·k/4; ∂a/∂λ = k/4 − u inside (0, 1).
        Qcfs q = new Qcfs("q", 4, 2f);
        assertEquals(4, q.levels());
        Pass pass = q.forward(row(-1, 0.1f, 0.3f, 0.8f, 1.3f, 1.9f, 2.5f), ForwardContext.evaluationWithBackward());
        //                       u: <0  0.05   0.15   0.4   0.65   0.95  1.25
        //                       k:  -   0      1      2     3      4     -
        assertArrayEquals(new float[] {0, 0, 0.5f, 1f, 1.5f, 2f, 2f}, pass.output().data());
        Tensor dx = pass.backward(Tensor.full(1f, 1, 1, 7), true);
        assertArrayEquals(new float[] {0, 1, 1, 1, 1, 1, 0}, dx.data());
        // ∂a/∂λ: 0, 0 − 0.05, 0.25 − 0.15, 0.5 − 0.4, 0.75 − 0.65, 1 − 0.95, 1
        assertEquals(-0.05 + 0.1 + 0.1 + 0.1 + 0.05 + 1, q.bound().grad().data()[0], 1e-6);
    }

    @Test
    void clipGradientsAwayFromTheKinks() {
        Tensor x = LinearTest.random(4, 3, 2, 10);
        float lambda = 0.6f;
        for (int i = 0; i < x.size(); i++) {
            float v = x.data()[i] * 1.2f;
            if (Math.abs(v) < 0.1f) v = Math.copySign(0.1f, v) + v;
            if (Math.abs(v - lambda) < 0.1f) v = v < lambda ? lambda - 0.1f - Math.abs(v - lambda) : lambda + 0.1f + Math.abs(v - lambda);
            x.data()[i] = v;
        }
        int above = 0, inside = 0;
        for (float v : x.data()) {
            if (v > lambda) above++;
            else if (v > 0) inside++;
        }
        org.junit.jupiter.api.Assertions.assertTrue(above > 5 && inside > 5, above + " above, " + inside + " inside");
        GradientCheck.standard().maxChecks(240).check(new Clip("clip", lambda), x, ForwardContext::evaluationWithBackward);
    }

    /**
     * The straight-through gradient against a reference derived here from the formula itself:
     * a = λ·c(v), v = floor(w)/L, w = zL/λ + 1/2, with ∂floor(w)/∂w := 1 and the clip c acting on u = z/λ
     * (its gate g = 1[0 &lt; u &lt; 1]). Then ∂v/∂z = 1/λ, ∂v/∂λ = −z/λ², so ∂a/∂z = λ·g/λ = g and
     * ∂a/∂λ = c(v) + λ·g·(−z/λ²) = q − g·u.
     */
    @Test
    void qcfsStraightThroughGradientMatchesTheDerivation() {
        Rng rng = new Rng(11);
        for (int levels : new int[] {1, 2, 3, 8, 16}) {
            float lambda = 0.5f + 3 * rng.nextFloat();
            int n = 500;
            float[] z = new float[n], dy = new float[n];
            for (int i = 0; i < n; i++) {
                z[i] = lambda * (2 * rng.nextFloat() - 0.5f); // u in [−0.5, 1.5)
                dy[i] = 2 * rng.nextFloat() - 1;
            }
            Qcfs q = new Qcfs("q", levels, lambda);
            Pass pass = q.forward(row(z), ForwardContext.evaluationWithBackward());
            float[] dx = pass.backward(new Tensor(dy.clone(), 1, 1, n), true).data();
            double dLambda = 0;
            for (int i = 0; i < n; i++) {
                double u = (double) z[i] / lambda;
                double qv = Math.min(Math.max(Math.floor(z[i] * (double) levels / lambda + 0.5) / levels, 0), 1);
                double gate = u > 0 && u < 1 ? 1 : 0;
                assertEquals(lambda * qv, pass.output().data()[i], 1e-6 * lambda, "a at z=" + z[i]);
                assertEquals(dy[i] * gate, dx[i], 0, "∂a/∂z at z=" + z[i]);
                dLambda += dy[i] * (qv - gate * u);
            }
            assertEquals(dLambda, q.bound().grad().data()[0], 1e-4, "∂L/∂λ, L=" + levels);
        }
    }

    /** The straight-through slope 1 is the staircase's secant slope over whole quantization steps. */
    @Test
    void qcfsSlopeOverWholeStepsIsTheStraightThroughGradient() {
        float lambda = 1.5f;
        int levels = 6;
        double step = lambda / (double) levels;
        Qcfs q = new Qcfs("q", levels, lambda);
        Rng rng = new Rng(3);
        for (int i = 0; i < 100; i++) {
            float z = (float) (2 * step + rng.nextFloat() * (lambda - 4 * step)); // z ± 2 steps stays in (0, λ)
            float zPlus = (float) (z + 2 * step), zMinus = (float) (z - 2 * step);
            if (Math.abs((z * levels / lambda + 0.5) % 1) < 1e-4) continue; // a tie: floor would be rounding-dependent
            float[] a = q.forward(row(zMinus, zPlus), ForwardContext.evaluation()).output().data();
            assertEquals(1.0, (a[1] - a[0]) / (4 * step), 1e-5, "z=" + z);
        }
    }

    /** With very many levels QCFS is the clip: same values and gradients (∂a/∂λ = q − u → 0 inside). */
    @Test
    void qcfsWithManyLevelsIsTheClip() {
        float lambda = 1.3f;
        Tensor x = LinearTest.random(5, 2, 3, 50);
        for (int i = 0; i < x.size(); i++) x.data()[i] *= 2;
        Tensor dy = LinearTest.random(6, 2, 3, 50);
        Clip clip = new Clip("a", lambda);
        Qcfs q = new Qcfs("a", 1 << 20, lambda);
        Pass pc = clip.forward(x, ForwardContext.evaluationWithBackward()), pq = q.forward(x, ForwardContext.evaluationWithBackward());
        float[] yc = pc.output().data(), yq = pq.output().data();
        for (int i = 0; i < yc.length; i++) assertEquals(yc[i], yq[i], 2e-6, "a at " + x.data()[i]);
        assertArrayEquals(pc.backward(dy, true).data(), pq.backward(dy, true).data());
        assertEquals(clip.bound().grad().data()[0], q.bound().grad().data()[0], 1e-4);
    }

    @Test
    void bothShowTheirOutputToTheObserverAndSkipTheInputGradientOnRequest() {
        for (BoundedActivation act : new BoundedActivation[] {new Clip("sn1", 1f), new Qcfs("sn1", 4, 1f)}) {
            List<String> seen = new ArrayList<>();
            List<Tensor> outputs = new ArrayList<>();
            ForwardContext ctx = ForwardContext.evaluationWithBackward().with((ActivationObserver) (layer, in, out) -> {
                seen.add(layer);
                outputs.add(out);
            });
            Pass pass = act.forward(row(-1, 0.5f, 2), ctx);
            assertEquals(List.of("sn1"), seen);
            assertSame(pass.output(), outputs.get(0));
            assertNull(pass.backward(Tensor.full(1f, 1, 1, 3), false));
            assertEquals(1f, act.bound().grad().data()[0], 0f, act.toString()); // z = 2 ≥ λ: ∂a/∂λ = 1, the bound still learns
            assertThrows(IllegalStateException.class,
                    () -> act.forward(row(1), ForwardContext.evaluation()).backward(Tensor.full(1f, 1, 1, 1), true));
            assertThrows(ShapeException.class, () -> act.forward(new Tensor(new float[] {1}, 1), ForwardContext.evaluation()));
        }
    }

    @Test
    void aBoundThatIsNotPositiveIsRefusedNamingTheLayer() {
        assertEquals("fc: bound must be finite and > 0, was 0.0", assertThrows(Snn4jException.class, () -> new Clip("fc", 0f)).getMessage());
        assertEquals("q: quantization levels must be >= 1, was 0", assertThrows(Snn4jException.class, () -> new Qcfs("q", 0, 1f)).getMessage());
        Qcfs q = new Qcfs("sn2", 8, 8f);
        q.bound().value().data()[0] = -0.5f; // as a diverged training could leave it
        assertEquals("sn2: bound must be finite and > 0, was -0.5",
                assertThrows(Snn4jException.class, () -> q.forward(row(1), ForwardContext.evaluation())).getMessage());
    }

    @Test
    void aFixedBoundIsABufferThatBackwardLeavesAlone() {
        Qcfs fixed = new Qcfs("sn1", 4, 2f, false);
        assertEquals(List.of(), fixed.parameters());
        assertEquals(List.of(fixed.bound()), fixed.buffers());
        Tensor x = Tensor.zeros(1, 2, 5);
        new Rng(4).fillUniform(x.data(), -1, 3);
        Pass p = fixed.forward(x, ForwardContext.evaluationWithBackward());
        Tensor g = Tensor.full(1f, 1, 2, 5);
        p.backward(g, true);
        assertEquals(0f, fixed.bound().grad().data()[0]);
        Qcfs trained = new Qcfs("sn1", 4, 2f);
        assertArrayEquals(p.output().data(), trained.forward(x, ForwardContext.evaluation()).output().data());
        assertEquals(List.of(trained.bound()), trained.parameters());
    }
}
