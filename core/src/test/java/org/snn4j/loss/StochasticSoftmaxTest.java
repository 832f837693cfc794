package org.snn4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.loss.StochasticSoftmax.Annealing;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class StochasticSoftmaxTest {
    private static final Tensor LOGITS = new Tensor(new float[] {1.5f, -0.5f, 0.25f, 2f, 0.1f, -1f, 0.7f, 0.3f}, 1, 2, 4);

    @ParameterizedTest
    @EnumSource(LogitNoise.class)
    void gradientMatchesFiniteDifferencesUnderFixedNoise(LogitNoise noise) {
        LossGradients.check(new StochasticSoftmax(noise, 0.8, Annealing.CONSTANT), LOGITS.copy(), new int[] {2, 0}, 1e-3, 1e-5, 1e-3);
    }

    @Test
    void gaussianNoiseByHand() {
        // ξ for sample 0 = the first K Gaussians of the stream; L = −log softmax(z + σξ)_y.
        Tensor z = new Tensor(new float[] {1, 2, 3}, 1, 3);
        Rng draws = new Rng(9);
        double[] zt = new double[3];
        for (int j = 0; j < 3; j++) zt[j] = z.data()[j] + 0.5 * (float) draws.nextGaussian();
        double logSum = Math.log(Math.exp(zt[0]) + Math.exp(zt[1]) + Math.exp(zt[2]));
        Loss.Result r = new StochasticSoftmax(LogitNoise.GAUSSIAN, 0.5, Annealing.CONSTANT).evaluate(z, new int[] {1}, new Rng(9));
        assertEquals(logSum - zt[1], r.value(), 1e-5);
        assertEquals(Math.exp(zt[0] - logSum), r.gradient().data()[0], 1e-6);
        assertEquals(Math.exp(zt[1] - logSum) - 1, r.gradient().data()[1], 1e-6);
    }

    @Test
    void targetNoiseLowersOnlyTheTargetLogit() {
        // Only z_y moves, downwards: the loss can only grow, and by exactly −log of the shifted softmax.
        Tensor z = new Tensor(new float[] {0, 1, 0}, 1, 3);
        double shift = 2 * Math.abs(new Rng(3).nextGaussian());
        double expected = Math.log(2 + Math.exp(1 - shift)) - (1 - shift);
        Loss.Result r = new StochasticSoftmax(LogitNoise.TARGET, 2, Annealing.CONSTANT).evaluate(z, new int[] {1}, new Rng(3));
        assertEquals(expected, r.value(), 1e-5);
        assertTrue(r.value() > new SoftmaxCrossEntropy().evaluate(z, new int[] {1}, new Rng(3)).value());
    }

    @Test
    void gumbelNoiseHasTheGumbelMean() {
        float[] xi = new float[1];
        Rng rng = new Rng(11);
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            LogitNoise.GUMBEL.sample(xi, 0, rng);
            sum += xi[0];
        }
        // Euler–Mascheroni γ ≈ 0.5772; the standard deviation π/√6 ≈ 1.28 gives a standard error of 0.003.
        assertEquals(0.5772, sum / n, 0.015);
    }

    @Test
    void zeroScaleAndEvaluationArePlainCrossEntropy() {
        int[] labels = {3, 1};
        Loss.Result plain = new SoftmaxCrossEntropy().evaluate(LOGITS, labels, new Rng(0));
        Loss.Result zero = new StochasticSoftmax(LogitNoise.GAUSSIAN, 0, Annealing.CONSTANT).evaluate(LOGITS, labels, new Rng(5));
        assertEquals(plain.value(), zero.value(), 1e-12);
        assertArrayEquals(plain.gradient().data(), zero.gradient().data());
        StochasticSoftmax noisy = new StochasticSoftmax(LogitNoise.GAUSSIAN, 3, Annealing.LINEAR);
        assertNotEquals(plain.value(), noisy.evaluate(LOGITS, labels, new Rng(5)).value());
        Loss eval = noisy.forEvaluation();
        assertEquals(plain.value(), eval.evaluate(LOGITS, labels, new Rng(5)).value(), 1e-12);
    }

    @Test
    void annealingSchedules() {
        assertEquals(2.0, ((StochasticSoftmax) new StochasticSoftmax(LogitNoise.GAUSSIAN, 2, Annealing.CONSTANT).atProgress(0.7)).currentScale());
        assertEquals(0.6, ((StochasticSoftmax) new StochasticSoftmax(LogitNoise.GAUSSIAN, 2, Annealing.LINEAR).atProgress(0.7)).currentScale(), 1e-12);
        assertEquals(1.0, ((StochasticSoftmax) new StochasticSoftmax(LogitNoise.GAUSSIAN, 2, Annealing.COSINE).atProgress(0.5)).currentScale(), 1e-12);
        StochasticSoftmax done = (StochasticSoftmax) new StochasticSoftmax(LogitNoise.GUMBEL, 2, Annealing.LINEAR).atProgress(1.5);
        assertEquals(0.0, done.currentScale(), 1e-12);
        assertEquals(new SoftmaxCrossEntropy().evaluate(LOGITS, new int[] {0, 0}, new Rng(0)).value(),
                done.evaluate(LOGITS, new int[] {0, 0}, new Rng(4)).value(), 1e-12);
    }

    @Test
    void parsesTheLossNameWithDefaults() {
        assertEquals("stochmax(gaussian, σ₀=1.0, linear)", Losses.byName("stochmax").toString());
        assertEquals("stochmax(gumbel, σ₀=0.5, cosine)", Losses.byName("stochmax:0.5:gumbel:cosine").toString());
        assertEquals("stochmax(target, σ₀=2.0, linear)", Losses.byName("STOCHMAX:2:target").toString());
        assertSame(SoftmaxCrossEntropy.class, Losses.byName("stochmax").forEvaluation().getClass());
    }

    @Test
    void badSpecsNameThePart() {
        assertEquals("stochmax: noise scale 'x' is not a number",
                assertThrows(Snn4jException.class, () -> Losses.byName("stochmax:x")).getMessage());
        assertEquals("unknown logit noise 'pink' (valid: gaussian, gumbel, target)",
                assertThrows(Snn4jException.class, () -> Losses.byName("stochmax:1:pink")).getMessage());
        assertEquals("unknown stochmax annealing 'fast' (valid: constant, linear, cosine)",
                assertThrows(Snn4jException.class, () -> Losses.byName("stochmax:1:gumbel:fast")).getMessage());
        assertEquals("stochmax: noise scale must be finite and >= 0, was -1.0",
                assertThrows(Snn4jException.class, () -> Losses.byName("stochmax:-1")).getMessage());
        assertEquals("stochmax loss 'stochmaxx' is not stochmax[:SIGMA[:NOISE[:ANNEALING]]]",
                assertThrows(Snn4jException.class, () -> Losses.byName("stochmaxx")).getMessage());
        assertThrows(Snn4jException.class, () -> Losses.byName("stochmax", 0.1));
    }
}
