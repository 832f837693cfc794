package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.neuron.ConvertedNeuronLayer;
import org.snn4j.neuron.NeuronLayer;
import org.snn4j.nn.Clip;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Qcfs;
import org.snn4j.nn.ReLU;

class ModelSpecTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsThroughSaveAndLoad() {
        ModelSpec s = Presets.byName("lenet", new int[] {1, 28, 28}, 10, Presets.Options.defaults());
        Path f = dir.resolve("lenet.json");
        s.save(f);
        ModelSpec back = ModelSpec.load(f);
        assertEquals(s, back);
        assertEquals(s.toJson(), back.toJson());
        ModelBuilder.build(back, ModelBuilder.Mode.SNN, 1);
    }

    @Test
    void invalidSpecsNameTheirFieldAndLayer() {
        assertMessage("{", "not valid JSON");
        assertMessage("[]", "must be a JSON object");
        assertMessage("{\"name\":\"x\",\"input\":[1,4,4],\"classes\":0,\"layers\":[{}]}", "'classes' must be a positive integer");
        assertMessage("{\"name\":\"x\",\"input\":[1,4,4],\"classes\":2,\"layers\":[]}", "'layers' is empty");
        assertMessage("{\"name\":\"x\",\"input\":[1,4,4],\"classes\":2,\"colour\":1,\"layers\":[{}]}", "unknown field 'colour'");
        assertBuildMessage("{\"name\":\"x\",\"input\":[1,4,4],\"classes\":2,\"layers\":[{\"type\":\"conv\",\"out\":2}]}",
                "layers[0] (conv): field 'kernel' must be an integer");
        assertBuildMessage("{\"name\":\"x\",\"input\":[1,4,4],\"classes\":2,\"layers\":[{\"type\":\"linear\",\"out\":2}]}",
                "add a flatten layer first");
        assertBuildMessage("{\"name\":\"x\",\"input\":[1,4,4],\"classes\":2,\"layers\":[{\"type\":\"warp\"}]}", "unknown layer type 'warp'");
        assertBuildMessage("{\"name\":\"x\",\"input\":[1,4,4],\"classes\":2,\"layers\":[{\"type\":\"conv\",\"out\":2,\"kernel\":9}]}",
                "layers[0] (conv)");
        assertBuildMessage("{\"name\":\"x\",\"input\":[4],\"classes\":2,\"layers\":[{\"type\":\"spike\",\"reset\":\"sideways\"}]}",
                "unknown reset 'sideways'");
        assertBuildMessage("{\"name\":\"x\",\"input\":[4],\"classes\":2,\"layers\":[{\"type\":\"linear\",\"out\":3},{\"type\":\"readout\"}]}",
                "expected [2]");
    }

    private static final String MLP = """
            {"name": "x", "input": [1, 4, 4], "classes": 2, ANN
             "layers": [{"type": "flatten"}, {"type": "linear", "out": 6}, {"type": "spike"},
                        {"type": "residual", "branch": [{"type": "linear", "out": 6}]}, {"type": "linear", "out": 2}, {"type": "readout"}]}""";

    private static String mlp(String annActivation) {
        return MLP.replace("ANN", annActivation.isEmpty() ? "" : "\"ann_activation\": " + annActivation + ",");
    }

    @Test
    void annActivationRoundTripsAndPicksTheAnnTwinsActivation() {
        ModelSpec plain = ModelSpec.parse(mlp(""), "m.json");
        assertEquals(AnnActivation.relu(), plain.annActivation());
        ModelSpec q = plain.withAnnActivation(AnnActivation.qcfs(4, 2.5));
        Path f = dir.resolve("q.json");
        q.save(f);
        ModelSpec back = ModelSpec.load(f);
        assertEquals(q, back);
        assertEquals(AnnActivation.qcfs(4, 2.5), back.annActivation());
        assertTrue(back.toJson().contains("\"ann_activation\": {\n    \"type\": \"qcfs\",\n    \"levels\": 4,\n    \"bound\": 2.5\n  }"), back.toJson());
        assertEquals(AnnActivation.qcfs(8, 8.0), ModelSpec.parse(mlp("{\"type\": \"qcfs\"}"), "m").annActivation(), "defaults");
        assertEquals(AnnActivation.clip(8.0), ModelSpec.parse(mlp("{\"type\": \"clip\"}"), "m").annActivation());
        ModelSpec fixed = plain.withAnnActivation(AnnActivation.qcfs(4, 2.5).withFixedBound());
        assertEquals("{\"type\":\"qcfs\",\"levels\":4,\"bound\":2.5,\"trainable\":false}", fixed.annActivation().toJson().toString());
        assertEquals(fixed.annActivation(), ModelSpec.parse(fixed.toJson(), "m").annActivation());
        Model fixedAnn = ModelBuilder.build(fixed, ModelBuilder.Mode.ANN, 1);
        assertFalse(fixedAnn.parameterTensors().containsKey("sn1.bound"));
        assertTrue(fixedAnn.bufferTensors().containsKey("sn1.bound"));

        Model ann = ModelBuilder.build(back, ModelBuilder.Mode.ANN, 1);
        List<String> activations = new ArrayList<>();
        for (Layer l : ann.layers()) {
            if (l instanceof Qcfs a) {
                activations.add(a.name());
                assertEquals(4, a.levels());
                assertEquals(2.5f, a.boundValue());
            }
            assertFalse(l instanceof ReLU, l.name());
        }
        assertEquals(List.of("sn1", "res1.out"), activations);
        assertTrue(ann.parameterTensors().keySet().containsAll(List.of("sn1.bound", "res1.out.bound")), ann.parameterTensors().keySet().toString());
        Model clip = ModelBuilder.build(plain.withAnnActivation(AnnActivation.clip(3)), ModelBuilder.Mode.ANN, 1);
        assertEquals(2, clip.layers().stream().filter(l -> l instanceof Clip).count());
        assertEquals(2, ModelBuilder.build(plain, ModelBuilder.Mode.ANN, 1).layers().stream().filter(l -> l instanceof ReLU).count());

        // The SNN ignores it: the same network and parameters as without it.
        Model snn = ModelBuilder.build(back, ModelBuilder.Mode.SNN, 1);
        assertEquals(ModelBuilder.build(plain, ModelBuilder.Mode.SNN, 1).parameterTensors().keySet(), snn.parameterTensors().keySet());
        assertEquals(2, snn.layers().stream().filter(l -> l instanceof NeuronLayer).count());
    }

    @Test
    void badAnnActivationsNameTheField() {
        assertMessage(mlp("\"qcfs\""), "m.json: field 'ann_activation' must be an object, was \"qcfs\"");
        assertMessage(mlp("{\"type\": \"tanh\"}"), "m.json.ann_activation: field 'type' must be relu, clip or qcfs, was 'tanh'");
        assertMessage(mlp("{\"levels\": 4}"), "m.json.ann_activation: field 'type' must be a string, was null");
        assertMessage(mlp("{\"type\": \"qcfs\", \"level\": 4}"),
                "m.json.ann_activation: unknown field 'level' (allowed: type, levels, bound, trainable)");
        assertMessage(mlp("{\"type\": \"qcfs\", \"levels\": 0}"), "m.json.ann_activation: field 'levels' must be a positive integer, was 0");
        assertMessage(mlp("{\"type\": \"qcfs\", \"levels\": 2.5}"), "m.json.ann_activation: field 'levels' must be an integer, was 2.5");
        assertMessage(mlp("{\"type\": \"qcfs\", \"bound\": -1}"), "m.json.ann_activation: field 'bound' must be > 0, was -1.0");
        assertMessage(mlp("{\"type\": \"clip\", \"bound\": \"big\"}"),
                "m.json.ann_activation: field 'bound' must be a finite number, was \"big\"");
        assertMessage(mlp("{\"type\": \"clip\", \"levels\": 8}"), "m.json.ann_activation: field 'levels' is for type qcfs only, not clip");
        assertMessage(mlp("{\"type\": \"relu\", \"bound\": 8}"),
                "m.json.ann_activation: field 'bound' is for types clip and qcfs, not relu");
    }

    @Test
    void perChannelNeuronSettingsNeedOneFiniteValuePerChannel() {
        String spec = """
                {"name": "m", "input": [2, 4, 4], "classes": 10, "neuron_by_layer": {"sn1": %s},
                 "layers": [{"type": "conv", "out": 3, "kernel": 3, "padding": 1}, {"type": "spike"},
                            {"type": "flatten"}, {"type": "linear", "out": 10}, {"type": "readout"}]}""";
        Model m = ModelBuilder.build(ModelSpec.parse(spec.formatted("{\"channel_scale\": [1, 2, 0.5], \"channel_bias\": [0, 0.1, -0.1]}"),
                "m.json"), ModelBuilder.Mode.SNN, 1);
        ConvertedNeuronLayer sn1 = (ConvertedNeuronLayer) m.neuronLayers().get("sn1");
        assertEquals(List.of(1f, 2f, 0.5f), List.of(sn1.channels().scale()[0], sn1.channels().scale()[1], sn1.channels().scale()[2]));
        assertEquals(0.1f, sn1.channels().bias()[1]);
        assertBuildMessage(spec.formatted("{\"channel_bias\": [0, 0.1]}"),
                "layers[1] (spike): channel_scale and channel_bias need one value per channel (3), had 3 and 2");
        assertBuildMessage(spec.formatted("{\"channel_scale\": [1, 0, 1]}"), "channel 1: threshold scale must be finite and > 0, was 0.0");
        assertBuildMessage(spec.formatted("{\"channel_bias\": [0, \"x\", 1]}"), "field 'channel_bias' must hold finite numbers, element 1 was \"x\"");
        // Signed spikes: IF neurons with reset by subtraction only.
        assertTrue(ModelBuilder.build(ModelSpec.parse(spec.formatted("{\"model\": \"if\", \"signed\": true}"), "m.json"),
                ModelBuilder.Mode.SNN, 1).neuronLayers().get("sn1").config().signed());
        assertBuildMessage(spec.formatted("{\"model\": \"lif\", \"signed\": true}"),
                "layers[1] (spike): signed spikes need model if with reset subtract, was lif with reset subtract");
    }

    @Test
    void aNonObjectEntryAfterASpikeIsNamedNotCrashedOn() {
        // Found by ModelSpecFuzzTest: the hybrid look-ahead read the entry after a spike before it was validated.
        assertBuildMessage("""
                {"name": "m", "input": [1, 4, 4], "classes": 10,
                 "layers": [{"type": "flatten"}, {"type": "linear", "out": 4}, {"type": "spike"}, null, {"type": "readout"}]}""",
                "layers[3]: a layer must be a JSON object, was null");
    }

    private static void assertMessage(String json, String expected) {
        SpecException e = assertThrows(SpecException.class, () -> ModelSpec.parse(json, "m.json"));
        assertTrue(e.getMessage().startsWith("m.json") && e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertBuildMessage(String json, String expected) {
        SpecException e = assertThrows(SpecException.class, () -> ModelBuilder.build(ModelSpec.parse(json, "m.json"), ModelBuilder.Mode.SNN, 1));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** Inputs the fuzzer (or reading the code for it) found; each used to escape as a Gson or JDK exception. */
    @Test
    void fuzzFindingsAreSpecErrors() {
        assertBuildMessage("{\"name\":\"x\",\"input\":[4],\"classes\":2,\"neuron\":{\"surrogate\":{}},"
                + "\"layers\":[{\"type\":\"linear\",\"out\":2},{\"type\":\"readout\"}]}", "x neuron: field 'surrogate' must be a string, was {}");
        assertBuildMessage("{\"name\":\"x\",\"input\":[4],\"classes\":2,\"layers\":[{\"type\":\"linear\",\"out\":1e99999999999}]}",
                "field 'out' must be an integer, was 1e99999999999");
        assertBuildMessage("{\"name\":\"x\",\"input\":[1,4,4],\"classes\":2,\"layers\":[{\"type\":\"avgpool\",\"kernel\":1,"
                + "\"padding\":2000000000}]}", "x layers[0] (avgpool): pool1: output height expected <= 2^31-1 (padding 2000000000), was 4000000004");
        assertBuildMessage("{\"name\":\"x\",\"input\":[65536,1,1],\"classes\":2,\"layers\":[{\"type\":\"conv\",\"out\":65536,"
                + "\"kernel\":1}]}", "layers[0] (conv): 4294967296 weights exceed 2^31-1");
    }
}
