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

    @Test
    void normalisedByLayersEachLayersRateWeighsAlikeAsComputedByHand() {
        // two layers of one pass, B = 2, T = 4: sn1 200 neurons with 400 spikes, sn2 10 neurons with 40 spikes
        SpikePenalty.Term byLayers = new SpikePenalty(0.6, SpikePenalty.Schedule.CONSTANT, java.util.Map.of("sn2", 3.0),
                SpikePenalty.Normalisation.LAYERS).forPass(0, 1);
        SpikePenalty.Term byNeurons = new SpikePenalty(0.6, SpikePenalty.Schedule.CONSTANT, java.util.Map.of("sn2", 3.0)).forPass(0, 1);
        for (SpikePenalty.Term t : java.util.List.of(byLayers, byNeurons)) {
            t.spikes("sn1", 400, 200, 4, 2);
            t.spikes("sn2", 40, 10, 4, 2);
        }
        // rates 400/1600 = 0.25 and 40/80 = 0.5; layers: 0.6·(0.25 + 3·0.5)/2 = 0.525
        assertEquals(0.525, byLayers.loss(), 1e-12);
        assertEquals((float) (0.6 / (2 * 1600)), byLayers.gradientAtSpike("sn1"), 0f);
        assertEquals((float) (0.6 * 3 / (2 * 80)), byLayers.gradientAtSpike("sn2"), 0f);
        // neurons: 0.6·(400 + 3·40)/1680
        assertEquals(0.6 * 520 / 1680, byNeurons.loss(), 1e-12);
        assertEquals((float) (0.6 / 1680), byNeurons.gradientAtSpike("sn1"), 0f);
        assertEquals(0f, byLayers.gradientAtSpike("sn3"), "a layer that has not run");
        assertEquals(SpikePenalty.Normalisation.LAYERS, SpikePenalty.Normalisation.parse("Layers"));
        Snn4jException e = assertThrows(Snn4jException.class, () -> SpikePenalty.Normalisation.parse("rates"));
        assertEquals("unknown spike penalty normalisation 'rates' (valid: neurons, layers)", e.getMessage());
    }

    @Test
    void theGradientAtASpikeIsTheFiniteDifferenceOfThePenaltyInThatLayersCount() {
        Rng rng = new Rng(11);
        for (SpikePenalty.Normalisation n : SpikePenalty.Normalisation.values()) {
            SpikePenalty penalty = new SpikePenalty(0.8, SpikePenalty.Schedule.CONSTANT, java.util.Map.of("sn1", 0.5, "sn3", 2.0), n);
            int[] neurons = {300, 64, 12};
            long[] counts = new long[3];
            for (int l = 0; l < 3; l++) counts[l] = (long) (rng.nextFloat() * neurons[l] * 3 * 4);
            SpikePenalty.Term base = withCounts(penalty, neurons, counts);
            for (int l = 0; l < 3; l++) {
                long[] plus = counts.clone(), minus = counts.clone();
                plus[l] += 5;
                minus[l] -= 5;
                double numeric = (withCounts(penalty, neurons, plus).loss() - withCounts(penalty, neurons, minus).loss()) / 10;
                assertEquals(numeric, base.gradientAtSpike("sn" + (l + 1)), 1e-6 * Math.abs(numeric), n + " sn" + (l + 1));
            }
        }
    }

    /** A pass of three layers, T = 3, B = 4, with {@code counts} spikes. */
    private static SpikePenalty.Term withCounts(SpikePenalty penalty, int[] neurons, long[] counts) {
        SpikePenalty.Term t = penalty.forPass(0, 1);
        for (int l = 0; l < neurons.length; l++) t.spikes("sn" + (l + 1), counts[l], neurons[l], 3, 4);
        return t;
    }

    @Test
    void theNormalisationShowsInTheSettingsOnlyWhenItIsNotTheDefault() {
        assertEquals("SpikePenalty[max=0.5, schedule=STEP, layerWeights={}]", new SpikePenalty(0.5, SpikePenalty.Schedule.STEP).toString());
        assertEquals("SpikePenalty[max=0.5, schedule=STEP, layerWeights={}, normalisation=layers]",
                new SpikePenalty(0.5, SpikePenalty.Schedule.STEP, java.util.Map.of(), SpikePenalty.Normalisation.LAYERS).toString());
    }
}
