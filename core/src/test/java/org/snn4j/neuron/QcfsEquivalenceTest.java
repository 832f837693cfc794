package org.snn4j.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Qcfs;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Claim U3 of shared/papers.md §6.2: an IF layer with θ = λ, V[0] = θ/2, subtract reset, spike if
 * V ≥ θ and amplitude θ, driven by a constant current z for T = L steps, fires
 * clip(floor(zL/λ + 1/2), 0, L) times, so its mean output θ·N/T is exactly the QCFS activation.
 */
class QcfsEquivalenceTest {
    @Test
    void ifNeuronWithHalfThresholdStartMatchesQcfsExactlyAtTEqualsL() {
        Rng rng = new Rng(21);
        int checked = 0;
        for (int levels : new int[] {1, 2, 3, 4, 8, 16, 32}) {
            for (float lambda : new float[] {1f, 1.7f, 0.37f, 8f}) {
                int n = 400;
                float[] z = new float[n];
                for (int i = 0; i < n; i++) {
                    float v;
                    do {
                        v = lambda * (1.6f * rng.nextFloat() - 0.3f); // u = z/λ in [−0.3, 1.3)
                    } while (nearTie(v, lambda, levels));
                    z[i] = v;
                }
                NeuronLayer neuron = NeuronConfig.builder().model("if").threshold(lambda).amplitude(lambda).reset("subtract")
                        .fire("non-strict").initialMembrane("half-threshold").layer("if");
                // The current held for T = L steps, as the first layer of a converted network receives it.
                float[] spikes = neuron.forward(new Tensor(z.clone(), 1, n), ForwardContext.evaluation().withSteps(levels)).output().data();
                float[] ann = new Qcfs("q", levels, lambda).forward(new Tensor(z.clone(), 1, 1, n), ForwardContext.evaluation()).output().data();
                for (int i = 0; i < n; i++) {
                    int count = 0;
                    for (int t = 0; t < levels; t++) {
                        float s = spikes[t * n + i];
                        assertTrue(s == 0f || s == lambda, "spike amplitude " + s);
                        if (s != 0f) count++;
                    }
                    long expected = Math.min(Math.max((long) Math.floor((double) z[i] * levels / lambda + 0.5), 0), levels);
                    String where = "z=" + z[i] + " λ=" + lambda + " L=T=" + levels;
                    assertEquals(expected, count, "spike count, " + where);
                    assertEquals(ann[i], (float) ((double) lambda * count / levels), 0f, "mean output θ·N/T vs QCFS, " + where);
                    checked++;
                }
            }
        }
        assertEquals(7 * 4 * 400, checked);
    }

    @Test
    void theSameSequenceGivenStepByStepFiresTheSame() {
        float lambda = 1.7f;
        int levels = 8, n = 64;
        float[] z = new float[n];
        Rng rng = new Rng(2);
        for (int i = 0; i < n; i++) {
            do {
                z[i] = lambda * (1.6f * rng.nextFloat() - 0.3f);
            } while (nearTie(z[i], lambda, levels));
        }
        float[] repeated = new float[levels * n];
        for (int t = 0; t < levels; t++) System.arraycopy(z, 0, repeated, t * n, n);
        NeuronLayer neuron = NeuronConfig.builder().model("if").threshold(lambda).amplitude(lambda).reset("subtract")
                .fire("non-strict").initialMembrane("half-threshold").layer("if");
        float[] held = neuron.forward(new Tensor(z.clone(), 1, n), ForwardContext.evaluation().withSteps(levels)).output().data();
        float[] stepped = neuron.forward(new Tensor(repeated, levels, n), ForwardContext.evaluation()).output().data();
        org.junit.jupiter.api.Assertions.assertArrayEquals(held, stepped);
    }

    /** Inputs whose running sums land on θ within float rounding (zL/λ + 1/2 near an integer) are ambiguous. */
    private static boolean nearTie(float z, float lambda, int levels) {
        double w = (double) z * levels / lambda + 0.5;
        return Math.abs(w - Math.rint(w)) < 1e-3;
    }
}
