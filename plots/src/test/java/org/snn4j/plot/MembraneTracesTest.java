package org.snn4j.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.engine.Executor;
import org.snn4j.kernels.NeuronSpec;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.Presets;
import org.snn4j.nn.ActivationObserver;
import org.snn4j.nn.ForwardContext;
import org.snn4j.plot.svg.Charts;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class MembraneTracesTest {
    private static final int T = 6;

    private static Model w1() {
        return ModelBuilder.build(Presets.byName("w1", new int[] {1, 28, 28}, 10, Presets.Options.defaults()), ModelBuilder.Mode.SNN, 1);
    }

    private static Tensor image() {
        Tensor image = Tensor.zeros(1, 28, 28);
        new Rng(3).fillUniform(image.data(), 0, 1);
        return image;
    }

    /** Each spiking layer's input currents in one whole pass: [1, ...] held, or [T, ...]. */
    private static Map<String, float[]> currents(Model model, Tensor image) {
        Map<String, float[]> currents = new HashMap<>();
        ActivationObserver observer = (layer, in, out) -> {
            if (model.neuronLayers().containsKey(layer)) currents.put(layer, in.data().clone());
        };
        Executor.dense(model).forward(image.reshape(Tensor.concat(new int[] {1, 1}, image.shape())),
                ForwardContext.evaluation().withSteps(T).with(observer));
        return currents;
    }

    @Test
    void theTracesFollowTheNeuronEquationOnTheCurrentsOfAWholePass() {
        Model w1 = w1();
        Tensor image = image();
        Map<String, float[]> currents = currents(w1, image);
        Map<String, Integer> sizes = new HashMap<>();
        SpikeRaster.of(w1, image, T, 1, SpikeRaster.Selection.EVENLY_SPACED).layers().forEach(l -> sizes.put(l.name(), l.neurons()));
        for (String layer : w1.neuronLayers().keySet()) {
            int[] neurons = {0, 7, 100, 401};
            NeuronSpec spec = w1.neuronLayers().get(layer).spec();
            MembraneTraces m = MembraneTraces.of(w1, image, T, layer, neurons, spec.threshold());
            assertEquals(spec.threshold(), m.threshold(), 0);
            assertEquals(T, m.steps());
            float[] x = currents.get(layer);
            int perStep = sizes.get(layer);
            boolean held = x.length == perStep;   // the first spiking layer holds the direct input's one step
            int spikes = 0;
            for (int k = 0; k < neurons.length; k++) {
                float v = spec.initialMembrane();
                for (int t = 0; t < T; t++) {
                    float h = spec.leak() * v + x[(held ? 0 : t * perStep) + neurons[k]];
                    boolean s = spec.strictFire() ? h > spec.threshold() : h >= spec.threshold();
                    v = s ? (spec.subtractReset() ? h - spec.threshold() : 0f) : h;
                    assertEquals(s, m.spiked()[k][t], layer + " #" + neurons[k] + " step " + (t + 1));
                    assertEquals(v, m.potential()[k][t], 1e-5, layer + " #" + neurons[k] + " step " + (t + 1));
                    if (s) spikes++;
                }
            }
            assertEquals(spikes, java.util.stream.IntStream.range(0, neurons.length).map(m::spikes).sum());
        }
    }

    @Test
    void ofARasterTracesNeuronsThatSpikedInItsLastActiveLayer() {
        Model w1 = w1();
        Tensor image = image();
        SpikeRaster raster = SpikeRaster.of(w1, image, T, 64, SpikeRaster.Selection.ACTIVE);
        MembraneTraces m = MembraneTraces.of(w1, image, raster, 5, layer -> w1.neuronLayers().get(layer).spec().threshold());
        SpikeRaster.Layer last = raster.layers().stream().filter(l -> SpikeRaster.count(l) > 0).reduce((a, b) -> b).orElseThrow();
        assertEquals(last.name(), m.layer());
        assertEquals(Math.min(5, last.shown()), m.neurons().length);
        for (int k = 0; k < m.neurons().length; k++) {
            int row = java.util.Arrays.binarySearch(last.indices(), m.neurons()[k]);
            assertTrue(row >= 0, "a neuron the raster shows");
            for (int t = 0; t < T; t++) assertEquals(last.spiked(row, t, T), m.spiked()[k][t], "the raster's spikes, step by step");
            assertTrue(m.spikes(k) > 0, "an active neuron");
        }
        assertEquals(w1.neuronLayers().get(m.layer()).spec().threshold(), m.threshold(), 0);
        assertNull(MembraneTraces.of(w1, image, new SpikeRaster(List.of(), T), 5, layer -> 1), "no spiking layer, no traces");
        assertThrows(IllegalArgumentException.class, () -> MembraneTraces.of(w1, image, T, "no-such-layer", new int[] {0}, 1));
    }

    @Test
    void theChartHasALinePerNeuronTheThresholdDashedAndATickPerSpike() {
        MembraneTraces m = new MembraneTraces("sn2", 1.0, new int[] {3, 9}, new float[][] {{0.5f, 0.2f, 0.9f}, {0.1f, 0.3f, 0.6f}},
                new boolean[][] {{false, true, false}, {false, false, false}});
        String svg = ReportFigures.membrane(m).toString();
        assertEquals(2, svg.split("<polyline ").length - 1);
        assertTrue(svg.contains("stroke-dasharray") && svg.contains(">θ = 1</text>"), svg);
        assertTrue(svg.contains(">sn2 #3</text>") && svg.contains(">sn2 #9</text>"));
        assertEquals(1, svg.split("width=\"2\" height=\"3\" fill=\"" + Charts.colour(0) + "\"").length - 1, "one spike tick");
        assertArrayEquals(new int[] {3, 9}, m.neurons());
    }
}
