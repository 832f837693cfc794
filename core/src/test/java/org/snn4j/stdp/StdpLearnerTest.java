package org.snn4j.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snn4j.neuron.FireTest;
import org.snn4j.neuron.IF;
import org.snn4j.neuron.InitialMembrane;
import org.snn4j.neuron.NeuronConfig;
import org.snn4j.neuron.NeuronLayer;
import org.snn4j.neuron.Reset;
import org.snn4j.neuron.Triangle;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Linear;
import org.snn4j.nn.Sequential;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** STDP on a linear layer of a network, attached as a listener of its pass. */
class StdpLearnerTest {
    private static final PairStdp RULE = new PairStdp(0.1f, 0.05f, 10, 10, Trace.Kind.ALL_TO_ALL, WeightDependence.additive(0f, 1f));

    private static Linear linear(float... weights) {
        Linear fc = new Linear("fc", 2, 1, false, new Rng(1));
        System.arraycopy(weights, 0, fc.weight().value().data(), 0, weights.length);
        return fc;
    }

    private static NeuronLayer ifNeurons() {
        return new NeuronLayer("sn", new NeuronConfig(new IF(), 1f, Reset.SUBTRACT, FireTest.NON_STRICT, InitialMembrane.ZERO),
                new Triangle(), false);
    }

    @Test
    void theLayersSpikesDriveTheRuleAndTheWeightsChangeByHand() {
        // Inputs over 4 steps: t0 [1, 0], t1 [1, 1], t2 [0, 0], t3 [0, 1]; w = [0.6, 0.5], IF θ = 1, subtract.
        // Membrane: 0.6, 0.6 + 1.1 = 1.7 -> spike (0.7), 0.7, 1.2 -> spike: post spikes at 1 and 3.
        // dt = 1 ms, τ = 10 ms, A+ = 0.1, A- = 0.05:
        // step 1: x_pre = [1 + e^-0.1, 1], x_post = 1: w0 += 0.1·(1 + e^-0.1), w1 += 0.1; both pre: w −= 0.05·1
        // step 3: x_pre = [e^-0.2 + e^-0.3, e^-0.2 + 1], x_post = e^-0.2 + 1:
        //         w0 += 0.1·(e^-0.2 + e^-0.3); w1 += 0.1·(e^-0.2 + 1), then w1 −= 0.05·(e^-0.2 + 1) (pre 1 fired)
        Linear fc = linear(0.6f, 0.5f);
        Sequential net = new Sequential("net", fc, ifNeurons());
        StdpLearner learner = new StdpLearner(fc, "sn", RULE, 1.0);
        Tensor x = new Tensor(new float[] {1, 0, 1, 1, 0, 0, 0, 1}, 4, 1, 2);
        Tensor y = net.forward(x, ForwardContext.evaluation().withSteps(4).with(learner)).output();
        assertArrayEquals(new float[] {0, 1, 0, 1}, y.data());
        double e1 = Math.exp(-0.1), e2 = Math.exp(-0.2), e3 = Math.exp(-0.3);
        double w0 = 0.6 + 0.1 * (1 + e1) - 0.05 + 0.1 * (e2 + e3);
        double w1 = 0.5 + 0.1 - 0.05 + 0.1 * (e2 + 1) - 0.05 * (e2 + 1);
        float[] w = fc.weight().value().data();
        assertEquals(w0, w[0], 1e-6);
        assertEquals(w1, w[1], 1e-6);
    }

    @Test
    void aSequenceInPiecesLearnsAsTheWholeSequenceWhenTheSpikesAreTheSame() {
        // With the spikes fixed, the learner's walk is the same whether the 4 steps come in one pass or two:
        // the traces carry over between passes. (The layer's output may differ since weights change earlier.)
        Linear whole = linear(0.6f, 0.5f), pieces = linear(0.6f, 0.5f);
        StdpLearner a = new StdpLearner(whole, "sn", RULE, 1.0), b = new StdpLearner(pieces, "sn", RULE, 1.0);
        float[] pre = {1, 0, 1, 1, 0, 0, 0, 1}, post = {0, 1, 0, 1};
        a.synapses("fc", new Tensor(pre, 4, 1, 2), 4, 2, null);
        a.observe("sn", null, new Tensor(post, 4, 1, 1));
        for (int half = 0; half < 2; half++) {
            b.synapses("fc", new Tensor(java.util.Arrays.copyOfRange(pre, half * 4, half * 4 + 4), 2, 1, 2), 2, 2, null);
            b.observe("sn", null, new Tensor(java.util.Arrays.copyOfRange(post, half * 2, half * 2 + 2), 2, 1, 1));
        }
        assertArrayEquals(whole.weight().value().data(), pieces.weight().value().data());
        b.reset();
    }

    @Test
    void otherLayersAreIgnoredAndAPostLayerWithoutItsInputIsAnError() {
        Linear fc = linear(0.6f, 0.5f);
        StdpLearner learner = new StdpLearner(fc, "sn", RULE, 1.0);
        learner.synapses("other", new Tensor(new float[] {1, 1}, 1, 1, 2), 1, 2, null);
        learner.observe("other", null, new Tensor(new float[] {1}, 1, 1, 1));
        assertArrayEquals(new float[] {0.6f, 0.5f}, fc.weight().value().data());
        assertThrows(IllegalStateException.class, () -> learner.observe("sn", null, new Tensor(new float[] {1}, 1, 1, 1)));
    }
}
