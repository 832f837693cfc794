package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.Presets;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** The activity-preserving initialisation keeps every spiking layer of the deep presets firing at T = 4. */
class ActivityInitTest {
    private static final int[] CIFAR = {3, 32, 32};
    private static final double LOW = 0.02, HIGH = 0.3;

    private static Tensor images(int n) {
        Tensor x = Tensor.zeros(n, 3, 32, 32);
        new Rng(7).fillUniform(x.data(), 0, 1);
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {"vgg7", "vgg9", "vgg9-plan", "vgg11", "vgg16", "resnet7", "resnet9", "resnet11", "resnet11-plan", "resnet8",
            "resnet20"})
    void everySpikingLayerOfTheVggAndResNetPresetsFiresAfterIt(String name) {
        Model m = ModelBuilder.build(Presets.byName(name, CIFAR, 10, new Presets.Options(false, 0, 0.25)), ModelBuilder.Mode.SNN, 1);
        Tensor batch = images(4);
        Map<String, List<Tensor>> feeding = ActivityInit.feedingWeights(m);
        Map<String, Double> rates = ActivityInit.apply(m, batch, 4, LOW, HIGH);
        assertEquals(m.neuronLayers().keySet(), rates.keySet());
        assertEquals(rates, ActivityInit.rates(m, batch, 4), "the rates it returns are the model's");
        for (var e : rates.entrySet()) {
            double r = e.getValue();
            if (feeding.get(e.getKey()).isEmpty()) {
                assertTrue(r > 0, name + " " + e.getKey() + " (pooling neurons, no weights of their own) fires: " + rates);
            } else {
                assertTrue(r >= LOW && r <= HIGH, name + " " + e.getKey() + " rate " + r + " outside [" + LOW + ", " + HIGH + "]: " + rates);
            }
        }
    }

    @Test
    void vgg11FallsSilentWithHeInitialisationAndNotAfter() {
        Model m = ModelBuilder.build(Presets.byName("vgg11", CIFAR, 10, new Presets.Options(false, 0, 0.5)), ModelBuilder.Mode.SNN, 1);
        Tensor batch = images(4);
        Map<String, Double> before = ActivityInit.rates(m, batch, 4);
        assertTrue(before.values().stream().anyMatch(r -> r == 0), "some layer silent at He initialisation: " + before);
        Map<String, Double> after = ActivityInit.apply(m, batch, 4, LOW, HIGH);
        assertTrue(after.values().stream().allMatch(r -> r >= LOW && r <= HIGH), after.toString());
    }

    @Test
    void scalesOnlyTheWeightsFeedingASpikingLayer() {
        Model m = ModelBuilder.build(Presets.byName("resnet8", CIFAR, 10, new Presets.Options(false, 0, 0.25)), ModelBuilder.Mode.SNN, 1);
        Map<String, List<Tensor>> feeding = ActivityInit.feedingWeights(m);
        assertEquals(m.neuronLayers().keySet(), feeding.keySet());
        Map<String, Tensor> params = m.parameterTensors();
        // the block output neuron of a block with a projection shortcut is fed by the second conv and the shortcut
        String out = feeding.keySet().stream().filter(k -> k.startsWith("res2") && !k.contains("sn1")).findFirst().orElseThrow();
        assertEquals(2, feeding.get(out).size(), out);
        float[] fc = params.get("fc1.weight").data().clone();
        ActivityInit.apply(m, images(2), 4, LOW, HIGH);
        assertTrue(java.util.Arrays.equals(fc, params.get("fc1.weight").data()), "the readout's weights feed no spiking layer");
        assertThrows(IllegalArgumentException.class, () -> ActivityInit.apply(m, images(2), 4, 0.3, 0.2));
    }
}
