package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.neuron.NeuronConfig;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Pass;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class SpikePenaltyTest {
    @Test
    void schedulesRiseToTheMaximumAsDocumented() {
        int epochs = 5;
        double[] linear = new double[epochs], anneal = new double[epochs], step = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            assertEquals(2.0, new SpikePenalty(2, SpikePenalty.Schedule.CONSTANT).weight(e, epochs));
            linear[e] = new SpikePenalty(2, SpikePenalty.Schedule.LINEAR).weight(e, epochs);
            anneal[e] = new SpikePenalty(2, SpikePenalty.Schedule.ANNEAL).weight(e, epochs);
            step[e] = new SpikePenalty(2, SpikePenalty.Schedule.STEP).weight(e, epochs);
        }
        assertArrayEquals(new double[] {0, 0.5, 1.0, 1.5, 2.0}, linear, 1e-12);
        // λ·(1 − 0.5^e)/(1 − 0.5^4): 0, 16/15, 24/15, 28/15, 2
        assertArrayEquals(new double[] {0, 2 * 8 / 15.0, 2 * 12 / 15.0, 2 * 14 / 15.0, 2}, anneal, 1e-12);
        assertArrayEquals(new double[] {0, 0, 2, 2, 2}, step, 1e-12);
        assertEquals(3.0, new SpikePenalty(3, SpikePenalty.Schedule.LINEAR).weight(0, 1), "one epoch: the maximum");
        assertThrows(Snn4jException.class, () -> new SpikePenalty(-1, SpikePenalty.Schedule.CONSTANT));
        assertThrows(Snn4jException.class, () -> SpikePenalty.Schedule.parse("cosine"));
    }

    @Test
    void thePenaltyAddsItsGradientAtEverySpikeBeforeTheSurrogate() {
        Layer lif = NeuronConfig.builder().model("lif").leak(0.9f).surrogate("triangle").layer("sn1");
        Tensor x = Tensor.zeros(4, 3, 5);
        new Rng(6).fillUniform(x.data(), -0.5f, 2f);
        Tensor g = Tensor.zeros(4, 3, 5);
        new Rng(7).fillUniform(g.data(), -1f, 1f);
        double lambda = 0.7;
        SpikePenalty.Term penalty = new SpikePenalty(lambda, SpikePenalty.Schedule.CONSTANT).forPass(0, 1);
        ForwardContext penalized = ForwardContext.training(new Rng(1)).with(penalty);
        Pass p = lif.forward(x, penalized);
        float perSpike = penalty.gradientAtSpike("sn1");
        assertEquals((float) (lambda / (5 * 4 * 3)), perSpike, 0f, "λ/(neurons·T·N)");
        float[] withPenalty = p.backward(g, true).data();
        Tensor shifted = Tensor.zeros(4, 3, 5);
        for (int i = 0; i < shifted.size(); i++) shifted.data()[i] = g.data()[i] + perSpike;
        float[] reference = lif.forward(x, ForwardContext.training(new Rng(1))).backward(shifted, true).data();
        assertArrayEquals(reference, withPenalty, 0f);
        double spikes = 0;
        for (float s : p.output().data()) spikes += s;
        assertEquals(lambda * spikes / 60, penalty.loss(), 1e-12);
    }

    @Test
    void layerWeightsScaleALayersShareAndNameOnlySpikingLayers() {
        Layer lif = NeuronConfig.builder().model("if").layer("sn1");
        Tensor x = Tensor.full(0.6f, 5, 2, 3);
        SpikePenalty.Term halfPenalty = new SpikePenalty(2.0, SpikePenalty.Schedule.CONSTANT, java.util.Map.of("sn1", 0.5)).forPass(0, 1);
        ForwardContext half = ForwardContext.training(new Rng(1)).with(halfPenalty);
        Pass p = lif.forward(x, half);
        double spikes = 0;
        for (float s : p.output().data()) spikes += s;
        assertEquals((float) (2.0 * 0.5 / 30), halfPenalty.gradientAtSpike("sn1"), 0f);
        assertEquals(2.0 * 0.5 * spikes / 30, halfPenalty.loss(), 1e-12);
        assertEquals(java.util.Map.of("sn1", 0.5, "res1.out", 2.0), SpikePenalty.parseWeights("sn1=0.5, res1.out=2"));
        assertEquals(java.util.Map.of(), SpikePenalty.parseWeights(""));
        assertThrows(Snn4jException.class, () -> SpikePenalty.parseWeights("sn1:0.5"));
        assertThrows(Snn4jException.class, () -> new SpikePenalty(1, SpikePenalty.Schedule.CONSTANT, java.util.Map.of("sn1", -1.0)));
        SpikePenalty weighted = new SpikePenalty(1, SpikePenalty.Schedule.CONSTANT, java.util.Map.of("sn9", 1.0));
        Snn4jException e = assertThrows(Snn4jException.class, () -> weighted.requireLayers(java.util.List.of("sn1", "sn2")));
        assertEquals("spike penalty weight for 'sn9', which is not a spiking layer (spiking layers: sn1, sn2)", e.getMessage());
    }
}
