package org.snn4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.nn.*;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** Synaptic operation counts against hand counts (shared/papers.md §5.7). */
class OpCounterTest {
    private static OpCounter.LayerOps run(Layer layer, Tensor input, int steps) {
        OpCounter counter = new OpCounter();
        layer.forward(input, ForwardContext.evaluation().withSteps(steps).with(counter.forPass()));
        return counter.layers().get(layer.name());
    }

    @Test
    void spikesIntoALinearLayerCostOneAccumulatePerSpikeAndTarget() {
        Linear fc = new Linear("fc", 4, 3, false, new Rng(1));
        // one sample, two steps: spikes at inputs 0 and 2, then at input 3: 3 spikes x 3 targets
        Tensor spikes = new Tensor(new float[] {1, 0, 1, 0, 0, 0, 0, 1}, 2, 1, 4);
        OpCounter.LayerOps ops = run(fc, spikes, 2);
        assertEquals(9, ops.acsPerSample(), 0);
        assertEquals(0, ops.macsPerSample(), 0);
        assertEquals(12, ops.denseMacsPerSample(), 0);
    }

    @Test
    void aHeldDirectInputIsMultipliedOnceAndAnAnnPassCostsItsDenseMacs() {
        Linear fc = new Linear("fc", 4, 3, false, new Rng(1));
        Tensor held = Tensor.full(0.5f, 1, 2, 4);
        OpCounter.LayerOps ops = run(fc, held, 5);
        assertEquals(12, ops.macsPerSample(), 0);
        assertEquals(0, ops.acsPerSample(), 0);
        Conv2d conv = new Conv2d("conv", 1, 2, 3, 1, 1, false, new Rng(2));
        OpCounter.LayerOps ann = run(conv, Tensor.full(1f, 1, 1, 1, 4, 4), 1);
        assertEquals(2 * 16 * 9, ann.denseMacsPerSample(), 0);
        assertEquals(2 * 16 * 9, ann.macsPerSample(), 0);
    }

    @Test
    void spikesIntoAConvolutionAreChargedTheOutputsEachReaches() {
        Conv2d conv = new Conv2d("conv", 1, 2, 3, 1, 1, false, new Rng(2));
        Tensor spikes = Tensor.zeros(2, 1, 1, 4, 4);
        spikes.data()[0] = 1;
        spikes.data()[5] = 1;
        spikes.data()[16 + 10] = 1;
        OpCounter.LayerOps ops = run(conv, spikes, 2);
        // 2 filters, 3x3, pad 1 on 4x4: the corner pixel 0 reaches 2x2 outputs, pixels 5 and 10 (inner) 3x3 each:
        // 2·4 + 2·9 + 2·9 = 44 (the mean fan-out, 288 dense MACs / 16 pixels = 18, would charge 54)
        assertEquals(44, ops.acsPerSample(), 0);
        assertEquals(0, ops.macsPerSample(), 0);
    }

    @Test
    void energyModelsUseThe45nmFiguresOrGivenOnes() {
        assertEquals(4.6e-12 * 1000 + 0.9e-12 * 500, EnergyModel.FP32_45NM.joules(1000, 500), 1e-20);
        assertEquals(EnergyModel.INT32_45NM, EnergyModel.parse("45nm-int32"));
        assertEquals(new EnergyModel("custom", 2.0, 0.5), EnergyModel.parse("2,0.5"));
        assertThrows(Snn4jException.class, () -> EnergyModel.parse("7nm"));
        assertThrows(Snn4jException.class, () -> EnergyModel.parse("1,-1"));
    }

    @Test
    void aSingleStepOfSpikesAfterASpikingLayerIsStillEventDriven() {
        Sequential snn = new Sequential("net", org.snn4j.neuron.NeuronConfig.builder().model("if").layer("sn1"),
                new Linear("fc", 4, 3, false, new Rng(1)));
        OpCounter counter = new OpCounter();
        // T = 1: inputs 1.5 and 1.2 fire (θ = 1), 0.2 and 0.6 do not: 2 spikes x 3 targets
        snn.forward(new Tensor(new float[] {1.5f, 0.2f, 0.6f, 1.2f}, 1, 1, 4), ForwardContext.evaluation().with(counter.forPass()));
        OpCounter.LayerOps ops = counter.layers().get("fc");
        assertEquals(6, ops.acsPerSample(), 0);
        assertEquals(0, ops.macsPerSample(), 0);
    }

    @Test
    void aBurstIsChargedOneAccumulatePerSpikeAndTarget() {
        Layer burst = org.snn4j.neuron.NeuronConfig.builder().model("if").threshold(1f).reset("subtract").fire("non-strict")
                .signed(true).burst(true).layer("sn1");
        Sequential snn = new Sequential("net", burst, new Linear("fc", 4, 3, false, new Rng(1)));
        OpCounter counter = new OpCounter();
        // T = 2, V[0] = 0: step 1 inputs 3.5, 0.2, −1, 1.0 → bursts of 2 (3.5/θ, but at most T), 0, 0 (nothing
        // to take back), 1; step 2 inputs −2, 0, 0, 0 → input 0 (V = 1.5, H = −0.5) takes back 1: 4 spikes x 3 targets,
        // where counting non-zero elements would give 3 x 3
        Tensor x = new Tensor(new float[] {3.5f, 0.2f, -1f, 1.0f, -2f, 0f, 0f, 0f}, 2, 1, 4);
        SpikeRecords records = new SpikeRecords();
        ForwardContext ctx = ForwardContext.evaluation().with(counter.forPass()).with(records);
        float[] y = snn.forward(x, ctx).output().data();
        assertEquals(4, records.byLayer().get("sn1").spikes());
        assertEquals(12, counter.layers().get("fc").acsPerSample(), 0);
        assertEquals(0, counter.layers().get("fc").macsPerSample(), 0);
        assertEquals(3, y.length / 2);
    }
}
