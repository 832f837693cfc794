package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.datasets.Datasets;
import org.snn4j.engine.Executor;
import org.snn4j.metrics.OpCounter;
import org.snn4j.neuron.NeuronLayer;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Pass;
import org.snn4j.nn.ReLU;
import org.snn4j.nn.Sequential;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** Hybrid ANN/SNN networks: which layers spike, the boundary layers, op counts and end-to-end gradients. */
class HybridTest {
    private static final int[] DIGIT = {1, 28, 28};

    private static Model hybrid(int spiking, Hybrid boundary) {
        ModelSpec w1 = Presets.byName("w1", DIGIT, 10, Presets.Options.defaults());
        return ModelBuilder.build(boundary.firstSpiking(w1, spiking), ModelBuilder.Mode.SNN, 3);
    }

    /** Eight test digits as a one-step (held) input. */
    private static Tensor digits() {
        return Datasets.loadBundled(false).images(0, 1, 2, 3, 4, 5, 6, 7).reshape(1, 8, 1, 28, 28);
    }

    @Test
    void theFirstKSpikeEntriesSpikeAndARateBoundaryFollowsTheLast() {
        Model m = hybrid(1, Hybrid.rate());
        assertEquals(List.of("sn1"), List.copyOf(m.neuronLayers().keySet()));
        Sequential boundary = (Sequential) m.network().get(1);
        assertEquals("sn1.boundary", boundary.name());
        assertInstanceOf(NeuronLayer.class, boundary.get(0));
        assertEquals("sn1.rate", boundary.get(1).name());
        assertInstanceOf(ReLU.class, m.network().get(4));
        assertEquals("sn2", m.network().get(4).name());
        // The same weights under the same names as the full SNN and the ANN twin.
        assertEquals(hybrid(2, Hybrid.rate()).parameterTensors().keySet(), m.parameterTensors().keySet());
    }

    @Test
    void aMembraneBoundaryIntegratesTheAnnLayersSynapticInput() {
        Model m = hybrid(1, new Hybrid(Hybrid.Boundary.MEMBRANE, 0.5));
        Sequential boundary = (Sequential) m.network().get(4);
        assertEquals(List.of("sn2.membrane", "sn2"), boundary.children().stream().map(Layer::name).toList());
        assertTrue(boundary.get(0).toString().contains("leak 0.5"), boundary.get(0).toString());
        assertInstanceOf(NeuronLayer.class, m.network().get(1));
    }

    @Test
    void rateAndLossLessMembraneGiveTheSameOutputsAtDifferentCost() {
        Tensor x = digits();
        Model rate = hybrid(1, Hybrid.rate());
        Model membrane = hybrid(1, new Hybrid(Hybrid.Boundary.MEMBRANE, 1));
        OpCounter rateOps = new OpCounter(), membraneOps = new OpCounter();
        float[] a = Executor.dense(rate).forward(x, ForwardContext.evaluation().withSteps(4).with(rateOps.forPass())).output().data();
        float[] b = Executor.dense(membrane).forward(x, ForwardContext.evaluation().withSteps(4).with(membraneOps.forPass())).output().data();
        assertArrayEquals(a, b, 1e-4f);
        // rate: conv2 multiplies the rates once (MACs); membrane: conv2 adds a weight per spike (ACs); fc1 is ANN in both.
        OpCounter.LayerOps conv2Rate = rateOps.layers().get("conv2"), conv2Membrane = membraneOps.layers().get("conv2");
        assertEquals(conv2Rate.denseMacsPerSample(), conv2Rate.macsPerSample(), 0);
        assertEquals(0, conv2Rate.acsPerSample(), 0);
        assertEquals(0, conv2Membrane.macsPerSample(), 0);
        assertTrue(conv2Membrane.acsPerSample() > 0);
        assertEquals(rateOps.layers().get("fc1").denseMacsPerSample(), rateOps.layers().get("fc1").macsPerSample(), 0);
        assertEquals(membraneOps.layers().get("fc1").denseMacsPerSample(), membraneOps.layers().get("fc1").macsPerSample(), 0);
    }

    @Test
    void noSpikingLayerIsTheAnnOnAHeldInputAndAllSpikingIsTheSnn() {
        Tensor x = digits();
        Model none = hybrid(0, Hybrid.rate());
        assertTrue(none.neuronLayers().isEmpty());
        Model ann = ModelBuilder.build(Presets.byName("w1", DIGIT, 10, Presets.Options.defaults()), ModelBuilder.Mode.ANN, 3);
        // The all-ANN hybrid at T = 4 computes what the ANN twin computes on one step (the readout of a held input averages it).
        float[] h = Executor.dense(none).forward(x, ForwardContext.evaluation().withSteps(4)).output().data();
        float[] a = Executor.dense(ann).forward(x, ForwardContext.evaluation()).output().data();
        assertArrayEquals(a, h, 1e-4f);
        assertEquals(2, hybrid(2, Hybrid.rate()).neuronLayers().size());
    }

    @Test
    void gradientsReachTheSpikingLayersThroughTheBoundary() {
        Model m = hybrid(1, Hybrid.rate());
        Pass pass = Executor.dense(m).forward(digits(), ForwardContext.training(new Rng(1)).withSteps(4));
        Tensor g = Tensor.zeros(pass.output().shape());
        new Rng(2).fillUniform(g.data(), -1, 1);
        m.parameters().forEach(org.snn4j.nn.Parameter::zeroGrad);
        pass.backward(g, false);
        for (var p : m.parameters()) {
            double norm = 0;
            for (float v : p.grad().data()) norm += v * v;
            assertTrue(norm > 0, p.name() + " got no gradient");
        }
    }

    @Test
    void badHybridsAreRefused() {
        ModelSpec w1 = Presets.byName("w1", DIGIT, 10, Presets.Options.defaults());
        assertEquals("w1: cannot keep 3 spiking layers, the model has 2 top-level spike entries (0..2)",
                assertThrows(SpecException.class, () -> Hybrid.rate().firstSpiking(w1, 3)).getMessage());
        ModelSpec resnet = Presets.byName("resnet8", DIGIT, 10, Presets.Options.defaults());
        assertTrue(assertThrows(SpecException.class, () -> Hybrid.rate().firstSpiking(resnet, 0)).getMessage()
                .contains("a residual block follows ANN layers"));
        assertThrows(org.snn4j.Snn4jException.class, () -> new Hybrid(Hybrid.Boundary.RATE, 0.5));
        String bad = "{\"name\":\"x\",\"input\":[4],\"classes\":2,\"hybrid\":{\"boundary\":\"spikes\"},"
                + "\"layers\":[{\"type\":\"linear\",\"out\":2},{\"type\":\"readout\"}]}";
        assertEquals("x.hybrid: unknown hybrid boundary 'spikes' (valid: rate, membrane)",
                assertThrows(SpecException.class, () -> ModelSpec.parse(bad, "x")).getMessage());
        ModelSpec marked = Hybrid.rate().firstSpiking(w1, 1);
        assertEquals(marked, ModelSpec.parse(marked.toJson(), "again"));
        assertThrows(SpecException.class, () -> ModelBuilder.build(marked.withNeuronByLayer(
                java.util.Map.of("sn2", NeuronSettings.NONE.withThreshold(2))), ModelBuilder.Mode.SNN, 1));
    }
}
