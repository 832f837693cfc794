package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.kernels.NeuronSpec;
import org.snn4j.kernels.SurrogateKind;
import org.snn4j.neuron.NeuronLayer;

/** Lee et al.'s presets against the authors' code (papers.md §1): layer lists, strides, neurons, initialisation, dropout. */
class LeePresetsTest {
    private static final int[] CIFAR = {3, 32, 32};

    private static ModelSpec preset(String name, double dropout) {
        return Presets.byName(name, CIFAR, 10, new Presets.Options(false, dropout, 1));
    }

    /** The layer types in order, nested blocks as {@code residual[branch|shortcut]}. */
    private static List<String> types(List<LayerSpec> layers) {
        List<String> out = new ArrayList<>();
        for (LayerSpec l : layers) {
            if (l instanceof LayerSpec.Residual r) {
                out.add("residual[" + String.join(" ", types(r.branch())) + "|"
                        + (r.shortcut() == null ? "identity" : String.join(" ", types(r.shortcut()))) + "]");
            } else if (l instanceof LayerSpec.Spike s && s.neuron() != null && "lee-pool".equals(s.neuron().surrogate())) {
                out.add("spike-pool");
            } else {
                out.add(l.type());
            }
        }
        return out;
    }

    @Test
    void vgg9IsTheAuthorsLayerList() {
        ModelSpec s = preset("vgg9", 0.2);
        String conv = "conv spike dropout";
        String expected = String.join(" ", conv, conv, "avgpool spike-pool", conv, conv, "avgpool spike-pool", conv, conv, conv,
                "avgpool spike-pool", "flatten linear spike dropout linear readout");
        assertEquals(expected, String.join(" ", types(s.layers())));
        for (LayerSpec l : s.layers()) {
            if (l instanceof LayerSpec.Conv c) {
                assertNull(c.initStd(), "He initialisation, N(0, 2/fan_in), the builder's default");
                assertEquals(3, c.kernel());
                assertFalse(Boolean.TRUE.equals(c.bias()), "no biases");
            }
            if (l instanceof LayerSpec.Dropout d) assertEquals(0.2, d.p());
        }
        assertEquals(new LayerSpec.Readout(0.99f), s.layers().get(s.layers().size() - 1), "leaky readout α = 0.99");
    }

    @Test
    void resnet11PutsTheStrideOnTheSecondConvAndInitialisesWithOneOverFanIn() {
        ModelSpec s = preset("resnet11", 0.25);
        List<String> t = types(s.layers());
        assertEquals(List.of("conv", "spike", "dropout", "avgpool", "spike-pool"), t.subList(0, 5));
        List<LayerSpec.Residual> blocks = s.layers().stream().filter(l -> l instanceof LayerSpec.Residual)
                .map(l -> (LayerSpec.Residual) l).toList();
        assertEquals(4, blocks.size());
        int[] strides = {1, 2, 1, 2};
        int[] widths = {128, 256, 512, 512};
        int in = 64;
        for (int b = 0; b < 4; b++) {
            LayerSpec.Residual r = blocks.get(b);
            assertEquals("conv spike dropout conv", String.join(" ", types(r.branch())), "block " + (b + 1));
            LayerSpec.Conv first = (LayerSpec.Conv) r.branch().get(0), second = (LayerSpec.Conv) r.branch().get(3);
            assertEquals(1, first.stride(), "block " + (b + 1) + ": first conv at stride 1");
            assertEquals(strides[b], second.stride(), "block " + (b + 1) + ": the stride on the second conv");
            assertEquals(Math.sqrt(1.0 / (in * 9)), first.initStd(), 1e-15);
            assertEquals(Math.sqrt(1.0 / (widths[b] * 9)), second.initStd(), 1e-15);
            LayerSpec sc = r.shortcut().get(0);
            if (b < 3) {
                LayerSpec.Conv c = (LayerSpec.Conv) sc;
                assertEquals(1, c.kernel());
                assertEquals(strides[b], c.stride());
                assertEquals(Math.sqrt(1.0 / in), c.initStd(), 1e-15);
            } else {
                assertEquals(new LayerSpec.AvgPool(1, 2, null), sc, "the last block subsamples its identity");
            }
            in = widths[b];
        }
        assertEquals("residual[conv spike dropout conv|avgpool] dropout flatten linear spike dropout linear readout",
                String.join(" ", t.subList(11, t.size())));
        LayerSpec.Linear fc1 = (LayerSpec.Linear) s.layers().stream().filter(l -> l instanceof LayerSpec.Linear).findFirst().orElseThrow();
        assertEquals(Math.sqrt(1.0 / (512 * 4 * 4)), fc1.initStd(), 1e-15, "fan-in of FC 1024 after 32 → 16 → 8 → 4");
        Model m = ModelBuilder.build(s, ModelBuilder.Mode.SNN, 1);
        assertArrayEquals(new int[] {10}, m.network().outputShape(CIFAR));
        double std = standardDeviation(m.parameterTensors().get("conv1.weight").data());
        assertEquals(Math.sqrt(1.0 / 27), std, 0.03 * Math.sqrt(1.0 / 27), "stem conv drawn from N(0, 1/27)");
    }

    @Test
    void everySpikingLayerHasLeesNeuronAndEveryPoolingLayerLeesPoolNeuron() {
        for (String name : List.of("vgg9", "resnet11", "lenet")) {
            Model m = ModelBuilder.build(Presets.byName(name, name.equals("lenet") ? new int[] {1, 28, 28} : CIFAR, 10,
                    Presets.Options.defaults()), ModelBuilder.Mode.SNN, 1);
            Map<String, NeuronLayer> neurons = m.neuronLayers();
            int pools = 0;
            for (var e : neurons.entrySet()) {
                NeuronSpec n = e.getValue().spec();
                assertTrue(n.strictFire() && !n.subtractReset(), name + " " + e.getKey() + ": strict test, hard reset");
                if (n.surrogate().kind() == SurrogateKind.LEE_POOL) {
                    pools++;
                    assertEquals(1f, n.leak(), name + " " + e.getKey() + ": IF");
                    assertEquals(0.75f, n.threshold(), name + " " + e.getKey());
                } else {
                    assertEquals(SurrogateKind.LEE, n.surrogate().kind(), name + " " + e.getKey());
                    assertEquals(0.99f, n.leak(), name + " " + e.getKey());
                    assertEquals(1f, n.threshold(), name + " " + e.getKey());
                }
            }
            assertEquals(switch (name) {
                case "vgg9" -> 3;
                case "resnet11" -> 1;
                default -> 2;
            }, pools, name + ": one pooling neuron layer per average pool");
        }
    }

    @Test
    void thePlanOnlyPresetsKeepTheirNamesAndTheDefaultNeuron() {
        ModelSpec plan = preset("vgg9-plan", 0);
        assertEquals("lif", plan.neuron().model());
        assertEquals(0.9f, plan.neuron().leak());
        assertEquals("triangle", plan.neuron().surrogate());
        ModelSpec r = preset("resnet11-plan", 0);
        LayerSpec.Residual second = (LayerSpec.Residual) r.layers().stream().filter(l -> l instanceof LayerSpec.Residual).skip(1)
                .findFirst().orElseThrow();
        assertEquals(2, ((LayerSpec.Conv) second.branch().get(0)).stride(), "the plan keeps its stride on the first conv");
        ModelSpec scaled = Presets.byName("lenet-pool-scaled", new int[] {1, 28, 28}, 10, Presets.Options.defaults());
        assertEquals("lee-no-leak-factor", ((LayerSpec.Spike) scaled.layers().get(3)).neuron().surrogate());
    }

    @Test
    void leesRecipesAreTheAuthors() {
        assertEquals("0.0033", Presets.recipe("vgg9").settings().get("lr"));
        assertEquals("0.2", Presets.recipe("vgg9").settings().get("dropout"));
        assertEquals("0.0025", Presets.recipe("resnet11").settings().get("lr"));
        assertEquals("0.25", Presets.recipe("resnet11").settings().get("dropout"));
        for (String name : List.of("vgg9", "resnet11", "lenet")) {
            Map<String, String> r = Presets.recipe(name).settings();
            assertEquals("sgd", r.get("optimizer"), name);
            assertEquals("0", r.get("momentum"), name);
            assertEquals("sse", r.get("loss"), name);
            assertEquals("bernoulli", r.get("encoder"), name);
        }
        assertEquals(Map.of("norm", "tdbn"), Presets.recipe("vgg9-plan").settings(), "the plan alone: tdBN, not Lee's recipe");
        assertTrue(Presets.recipe("w1").isEmpty());
    }

    private static double standardDeviation(float[] v) {
        double sum = 0, sq = 0;
        for (float x : v) {
            sum += x;
            sq += (double) x * x;
        }
        double mean = sum / v.length;
        return Math.sqrt(sq / v.length - mean * mean);
    }
}
