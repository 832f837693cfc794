package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.engine.Executor;
import org.snn4j.metrics.OpCounter;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.nn.BackwardResidualBlock;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.ReLU;
import org.snn4j.nn.Sequential;
import org.snn4j.tensor.Tensor;

/** The backward residual block in specs and presets: per-pass neurons, shared weights, round trip, ops. */
class BackwardResidualSpecTest {
    private static final int[] DIGIT = {1, 28, 28};

    private static Model build(String preset, ModelBuilder.Mode mode) {
        return ModelBuilder.build(Presets.byName(preset, DIGIT, 10, Presets.Options.defaults()), mode, 1);
    }

    @Test
    void passesShareTheWeightsAndHaveTheirOwnNeurons() {
        Model m = build("backres-vgg3", ModelBuilder.Mode.SNN);
        assertEquals(List.of("sn1", "bres1.p1.sn1", "bres1.p1.sn2", "bres1.p2.sn1", "bres1.p2.sn2", "bres1.p3.sn1", "bres1.p3.sn2"),
                List.copyOf(m.neuronLayers().keySet()));
        assertEquals(List.of("conv1.weight", "bres1.conv1.weight", "bres1.conv2.weight", "fc1.weight"),
                List.copyOf(m.parameterTensors().keySet()));
        BackwardResidualBlock block = (BackwardResidualBlock) m.network().get(3);
        Sequential p1 = (Sequential) block.children().get(0), p3 = (Sequential) block.children().get(2);
        assertSame(p1.get(0), p3.get(0));
        // Parameters of one pass: the shallow net's count at any n; the plain stack pays per copy.
        assertEquals(build("plain-vgg1", ModelBuilder.Mode.SNN).parameterCount(), m.parameterCount());
        assertEquals(build("backres-vgg1", ModelBuilder.Mode.SNN).parameterCount(), m.parameterCount());
        long body = 2L * 32 * 32 * 9;
        assertEquals(m.parameterCount() + 2 * body, build("plain-vgg3", ModelBuilder.Mode.SNN).parameterCount());
    }

    @Test
    void theAnnTwinHasAReluPerPassUnderTheSameNames() {
        Model ann = build("backres-vgg2", ModelBuilder.Mode.ANN);
        BackwardResidualBlock block = (BackwardResidualBlock) ann.network().get(3);
        Sequential p2 = (Sequential) block.children().get(1);
        assertInstanceOf(ReLU.class, p2.get(1));
        assertEquals("bres1.p2.sn1", p2.get(1).name());
        assertEquals(build("backres-vgg2", ModelBuilder.Mode.SNN).parameterTensors().keySet(), ann.parameterTensors().keySet());
    }

    @Test
    void specRoundTripsAndNeuronByLayerSetsOnePass() {
        ModelSpec s = Presets.byName("backres-vgg2", DIGIT, 10, Presets.Options.defaults());
        assertEquals(s, ModelSpec.parse(s.toJson(), "again"));
        Model m = ModelBuilder.build(s.withNeuronByLayer(java.util.Map.of("bres1.p2.sn1", NeuronSettings.NONE.withThreshold(2.5f))),
                ModelBuilder.Mode.SNN, 1);
        assertEquals(2.5f, m.neuronLayers().get("bres1.p2.sn1").config().threshold());
        assertEquals(1f, m.neuronLayers().get("bres1.p1.sn1").config().threshold());
    }

    @Test
    void theOpCounterAndSpikeRecordsSeeEveryPass() {
        Dataset digits = Datasets.loadBundled(false).subset(4);
        Model m = build("backres-vgg2", ModelBuilder.Mode.SNN);
        OpCounter ops = new OpCounter();
        SpikeRecords spikes = new SpikeRecords();
        ForwardContext ctx = ForwardContext.evaluation().withSteps(3).with(ops.forPass()).with(spikes);
        Tensor images = digits.images(new int[] {0, 1, 2, 3});
        Executor.dense(m).forward(images.reshape(Tensor.concat(new int[] {1}, images.shape())), ctx);
        long perPass = 32L * 14 * 14 * 32 * 9;
        assertEquals(2 * perPass, ops.layers().get("bres1.conv1").denseMacsPerSample(), 0);
        assertTrue(ops.layers().get("bres1.conv1").acsPerSample() > 0);
        assertEquals(List.of("sn1", "bres1.p1.sn1", "bres1.p1.sn2", "bres1.p2.sn1", "bres1.p2.sn2"), List.copyOf(spikes.byLayer().keySet()));
        assertEquals(4, spikes.byLayer().get("bres1.p2.sn2").samples());
    }

    @Test
    void badBlocksAreRefusedNamingTheEntry() {
        String head = "{\"name\":\"x\",\"input\":[2,4,4],\"classes\":2,\"layers\":[";
        String tail = ",{\"type\":\"flatten\"},{\"type\":\"linear\",\"out\":2},{\"type\":\"readout\"}]}";
        assertMessage(head + "{\"type\":\"backres\",\"passes\":2,\"body\":[{\"type\":\"conv\",\"out\":3,\"kernel\":1}]}" + tail,
                "x layers[0] (backres): the body maps [2, 4, 4] to [3, 4, 4]; a backward residual block must keep the shape");
        assertMessage(head + "{\"type\":\"backres\",\"passes\":2,\"body\":[{\"type\":\"batchnorm\"}]}" + tail,
                "x layers[0] (backres).body[0] (batchnorm): a backward residual block may hold only avgpool, conv, dropout, linear, relu, spike");
        assertMessage(head + "{\"type\":\"backres\",\"passes\":0,\"body\":[{\"type\":\"spike\"}]}" + tail,
                "field 'passes' must be a positive integer, was 0");
        assertMessage(head + "{\"type\":\"backres\",\"passes\":2,\"body\":[{\"type\":\"spike\",\"ann\":true}]}" + tail,
                "field 'ann' is for top-level spike entries only");
        SpecException e = assertThrows(SpecException.class, () -> Presets.byName("backres-vggx", DIGIT, 10, Presets.Options.defaults()));
        assertEquals("unknown model 'backres-vggx' (backres-vgg<n> needs a pass count n >= 1, e.g. backres-vgg2)", e.getMessage());
    }

    private static void assertMessage(String json, String expected) {
        SpecException e = assertThrows(SpecException.class,
                () -> ModelBuilder.build(ModelSpec.parse(json, "x"), ModelBuilder.Mode.SNN, 1));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
