package org.snn4j.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.engine.Executor;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.Presets;
import org.snn4j.nn.BatchNorm;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.SpikeListener;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** An SNN trained with tdBN, folded for inference, computes what it computed with its batch norms. */
class BatchNormFoldingTest {
    private static final int T = 4;

    private static Tensor images(long seed, int n) {
        Tensor x = Tensor.zeros(1, n, 3, 16, 16);
        new Rng(seed).fillUniform(x.data(), 0, 1);
        return x;
    }

    /** The readout of an evaluation pass, and each spiking layer's spike count in it. */
    private record Run(float[] readout, Map<String, Long> spikes) {}

    private static Run evaluate(Model m, Tensor input) {
        Map<String, Long> spikes = new HashMap<>();
        SpikeListener count = (layer, n, neurons, t, samples) -> spikes.merge(layer, n, Long::sum);
        float[] out = Executor.dense(m).forward(input, ForwardContext.evaluation().withSteps(T).with(count)).output().data();
        return new Run(out, spikes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vgg7", "resnet8", "resnet7"})
    void foldedTdbnNetworkGivesTheSameOutputs(String name) {
        Model m = ModelBuilder.build(Presets.byName(name, new int[] {3, 16, 16}, 10, new Presets.Options(Presets.Norm.TDBN, 0, 0.25)),
                ModelBuilder.Mode.SNN, 3);
        // running statistics away from (0, 1) as training leaves them, γ and β away from (1, 0)
        for (int k = 0; k < 5; k++) Executor.dense(m).forward(images(10 + k, 8), new ForwardContext(true, false, new Rng(k)).withSteps(T));
        Rng rng = new Rng(4);
        for (var l : m.layers()) {
            if (l instanceof BatchNorm bn) {
                rng.fillUniform(bn.weight().value().data(), 0.8f, 1.2f);
                rng.fillUniform(bn.bias().value().data(), -0.1f, 0.1f);
            }
        }
        Model folded = BatchNormFolding.fold(m);
        assertFalse(folded.layers().stream().anyMatch(l -> l instanceof BatchNorm), "no batch norm left");
        assertEquals(m.neuronLayers().keySet(), folded.neuronLayers().keySet());
        Tensor input = images(99, 16);
        Run before = evaluate(m, input), after = evaluate(folded, input);
        assertEquals(before.spikes(), after.spikes(), "every spiking layer fires the same spikes");
        assertTrue(before.spikes().values().stream().allMatch(n -> n > 0), "every layer fires: " + before.spikes());
        for (int i = 0; i < before.readout().length; i++) {
            assertEquals(before.readout()[i], after.readout()[i], 1e-4 * (1 + Math.abs(before.readout()[i])), "readout[" + i + "]");
        }
    }
}
