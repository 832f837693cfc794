package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.engine.Executor;
import org.snn4j.neuron.NeuronLayer;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class BlockVariantTest {
    private static final String IDENTITY_BLOCKS = """
            {"name": "r", "input": [1, 8, 8], "classes": 10,
             "layers": [{"type": "conv", "out": 4, "kernel": 3, "padding": 1}, {"type": "spike"},
                        {"type": "residual", "branch": [{"type": "conv", "out": 4, "kernel": 3, "padding": 1}, {"type": "spike"},
                                                        {"type": "conv", "out": 4, "kernel": 3, "padding": 1}]},
                        {"type": "residual", "branch": [{"type": "conv", "out": 4, "kernel": 3, "padding": 1}, {"type": "spike"},
                                                        {"type": "conv", "out": 4, "kernel": 3, "padding": 1}]},
                        {"type": "flatten"}, {"type": "linear", "out": 10}, {"type": "readout"}]}""";

    private static List<String> neuronNames(Model m) {
        return m.layers().stream().filter(l -> l instanceof NeuronLayer).map(l -> l.name()).toList();
    }

    @Test
    void variantsEndTheShortcutOrTheBranchWithASpikingLayer() {
        ModelSpec spec = ModelSpec.parse(IDENTITY_BLOCKS, "r");
        assertEquals(List.of("sn1", "res1.sn1", "res1.out", "res2.sn1", "res2.out"),
                neuronNames(ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 1)));
        assertEquals(List.of("sn1", "res1.sn1", "res1.sc.sn1", "res1.out", "res2.sn1", "res2.sc.sn1", "res2.out"),
                neuronNames(ModelBuilder.build(BlockVariant.SPIKING_SHORTCUT.apply(spec), ModelBuilder.Mode.SNN, 1)));
        assertEquals(List.of("sn1", "res1.sn1", "res1.sn2", "res1.out", "res2.sn1", "res2.sn2", "res2.out"),
                neuronNames(ModelBuilder.build(BlockVariant.SPIKING_BRANCH.apply(spec), ModelBuilder.Mode.SNN, 1)));
        assertEquals(spec, BlockVariant.STANDARD.apply(spec));
        assertTrue(assertThrows(SpecException.class, () -> BlockVariant.byId("pre-act")).getMessage()
                .contains("valid: standard, spiking-shortcut, spiking-branch"));
    }

    @Test
    void aSpikingIdentityShortcutLeavesTheAnnTwinUnchanged() {
        ModelSpec spec = ModelSpec.parse(IDENTITY_BLOCKS, "r");
        Model standard = ModelBuilder.build(spec, ModelBuilder.Mode.ANN, 4);
        Model restructured = ModelBuilder.build(BlockVariant.SPIKING_SHORTCUT.apply(spec), ModelBuilder.Mode.ANN, 4);
        restructured.load(standard.parameterTensors(), standard.bufferTensors(), "standard");
        Tensor x = Tensor.zeros(1, 3, 1, 8, 8);
        new Rng(2).fillUniform(x.data(), 0, 1);
        assertArrayEquals(Executor.dense(standard).forward(x, ForwardContext.evaluation()).output().data(),
                Executor.dense(restructured).forward(x, ForwardContext.evaluation()).output().data());
    }
}
