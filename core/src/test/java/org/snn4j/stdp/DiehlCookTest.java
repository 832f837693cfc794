package org.snn4j.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.data.Dataset;
import org.snn4j.tensor.Rng;

/** The Diehl & Cook network on a small synthetic task: two 4 × 4 patterns (bright left or right half). */
class DiehlCookTest {
    private static Dataset halves(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] pixels = new float[n * 16];
        int[] labels = new int[n];
        for (int s = 0; s < n; s++) {
            labels[s] = s % 2;
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    boolean lit = labels[s] == 0 ? c < 2 : c >= 2;
                    pixels[s * 16 + r * 4 + c] = lit ? 0.7f + 0.3f * rng.nextFloat() : 0f;
                }
            }
        }
        return Dataset.ofFloats("halves", pixels, labels, 2, 1, 4, 4);
    }

    /** Ten neurons; weights normalised to 16·78/784 per neuron (the paper's mean weight), inputs 10× as fast. */
    private static DiehlCookConfig small(long seed) {
        DiehlCookConfig d = DiehlCookConfig.defaults(10);
        return new DiehlCookConfig(10, 1.0, 100, 50, 400, 200, 5, 5, d.inhibition(), d.thetaPlus(), d.tauThetaMs(),
                16 * 78f / 784, d.initialMax(), d.rule(), seed, d.lockoutMs(), d.eulerConductances(), d.thetaRestMv());
    }

    @Test
    void learnsTwoPatternsAndLabelsItsNeuronsByThem() {
        DiehlCook net = new DiehlCook(small(3), 16);
        DiehlCook.Pass pass = net.train(halves(60, 1));
        double after = net.evaluate(halves(20, 2));
        assertEquals(60, pass.samples());
        assertTrue(pass.spikes() >= 60 * 5 / 2, "spikes " + pass.spikes());
        assertTrue(after >= 0.9, "accuracy " + after);
        float[] w = net.weights();
        for (float x : w) assertTrue(x >= 0f && x <= 1f, "weight " + x);
        // the labelled neurons' weights moved to their class's half (the initial ones are uniform over all 16)
        int[] labels = net.labels();
        float own = 0, other = 0;
        for (int j = 0; j < 10; j++) {
            for (int i = 0; i < 16 && labels[j] >= 0; i++) {
                if ((i % 4 < 2) == (labels[j] == 0)) own += w[i * 10 + j];
                else other += w[i * 10 + j];
            }
        }
        assertTrue(own > 1.1f * other, own + " on the labelled neurons' own halves, " + other + " on the others");
    }

    @Test
    void theThresholdsRiseWithTrainingAndStayFrozenWhileEvaluating() {
        DiehlCook net = new DiehlCook(small(5), 16);
        net.learn(halves(10, 1));
        float[] theta = new float[10];
        float sum = 0;
        for (int j = 0; j < 10; j++) sum += theta[j] = net.threshold(j);
        assertTrue(sum > 0, "no neuron's threshold rose");
        net.label(halves(10, 2));
        net.evaluate(halves(10, 3));
        for (int j = 0; j < 10; j++) assertEquals(theta[j], net.threshold(j), 0f);
    }

    @Test
    void aSeedGivesTheSameNetwork() {
        DiehlCook a = new DiehlCook(small(7), 16), b = new DiehlCook(small(7), 16);
        a.train(halves(10, 1));
        b.train(halves(10, 1));
        assertArrayEquals(a.weights(), b.weights());
        assertArrayEquals(a.labels(), b.labels());
    }

    @Test
    void evaluationNeedsLabelsAndTheRightInputSize() {
        DiehlCook net = new DiehlCook(small(1), 16);
        assertThrows(IllegalStateException.class, () -> net.evaluate(halves(2, 1)));
        assertThrows(IllegalArgumentException.class, () -> new DiehlCook(small(1), 15).learn(halves(2, 1)));
    }

    @Test
    void poissonInputsFireAtTheirRate() {
        // p = 0.02 and 0.5 per step over 20,000 steps: counts within 5 standard deviations of the mean.
        PoissonInput input = new PoissonInput();
        input.draw(new float[] {0.02f, 0f, 0.5f, 1f}, 20_000, new Rng(9));
        int[] counts = new int[4];
        for (int t = 0; t < 20_000; t++) {
            for (int e = input.start(t); e < input.start(t + 1); e++) counts[input.indices()[e]]++;
        }
        assertEquals(400, counts[0], 5 * Math.sqrt(20_000 * 0.02 * 0.98));
        assertEquals(0, counts[1]);
        assertEquals(10_000, counts[2], 5 * Math.sqrt(20_000 * 0.25));
        assertEquals(20_000, counts[3]);
    }

    private static Dataset reversed(Dataset d) {
        int size = d.sampleSize(), n = d.size();
        float[] pixels = new float[n * size];
        int[] labels = new int[n];
        for (int s = 0; s < n; s++) {
            System.arraycopy(d.sample(n - 1 - s), 0, pixels, s * size, size);
            labels[s] = d.label(n - 1 - s);
        }
        return Dataset.ofFloats("reversed", pixels, labels, d.numClasses(), d.sampleShape());
    }

    @Test
    void learningInAGivenOrderIsLearningTheSamplesInThatOrder() {
        Dataset d = halves(12, 1);
        int[] backwards = new int[12];
        for (int i = 0; i < 12; i++) backwards[i] = 11 - i;
        DiehlCook a = new DiehlCook(small(4), 16), b = new DiehlCook(small(4), 16);
        assertEquals(12, a.learn(d, backwards).samples());
        b.learn(reversed(d));
        assertArrayEquals(b.weights(), a.weights());
    }

    @Test
    void theFirstPassKeepsTheStoredOrderAndLaterPassesAreShuffled() {
        Dataset d = halves(12, 1);
        DiehlCook trained = new DiehlCook(small(6), 16), stored = new DiehlCook(small(6), 16);
        trained.train(d);
        stored.learn(d);
        assertArrayEquals(stored.weights(), trained.weights());
        trained.train(d);
        stored.learn(d);
        assertTrue(!java.util.Arrays.equals(stored.weights(), trained.weights()), "the second pass was in the stored order");
    }

    @Test
    void neuronsSilentForEveryClassStayUnlabelledAndDoNotVote() {
        Dataset dark = Dataset.ofFloats("dark", new float[4 * 16], new int[] {1, 0, 1, 1}, 2, 1, 4, 4);
        DiehlCook net = new DiehlCook(small(2), 16);
        net.label(dark);
        for (int label : net.labels()) assertEquals(-1, label);
        assertEquals(0, net.vote(new int[10], 2));
        assertEquals(0.25, net.evaluate(dark), 1e-12); // no votes: class 0, right for one sample of four
    }

    @Test
    void spikesAreTheRasterOfOnePresentationWithLearningOff() {
        DiehlCook net = new DiehlCook(small(8), 16);
        net.train(halves(20, 1));
        float[] weights = net.weights();
        float theta = net.threshold(0);
        java.util.List<int[]> raster = net.spikes(halves(1, 5).sample(0));
        assertEquals(100, raster.size()); // 100 ms at dt = 1 ms
        int total = 0;
        for (int[] step : raster) {
            for (int k = 0; k < step.length; k++) {
                assertTrue(step[k] >= 0 && step[k] < 10 && (k == 0 || step[k] > step[k - 1]), java.util.Arrays.toString(step));
            }
            total += step.length;
        }
        assertTrue(total > 0, "no spikes");
        assertArrayEquals(weights, net.weights());
        assertEquals(theta, net.threshold(0), 0f);
        assertThrows(IllegalArgumentException.class, () -> net.spikes(new float[15]));
    }
}
