package org.snn4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.PythonScripts;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.engine.Executor;
import org.snn4j.io.FileFormatException;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.LayerSpec;
import org.snn4j.model.NeuronSettings;
import org.snn4j.nn.ActivationObserver;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Tensor;

/** NIR export then import: the same spike trains in every spiking layer, on real digits. */
class NirRoundTripTest {
    private static final int STEPS = 8;

    @TempDir
    Path dir;

    /**
     * Conv, LIF (hard reset, amplitude 2: a Scale node, since a residual block follows), avg pool,
     * a residual block with identity shortcut (IF neurons, soft reset), one with a strided 1×1 conv
     * shortcut, a strided conv, IF (amplitude 2, folded into the next weights), flatten, affine, LIF
     * (non-strict), linear, leaky readout.
     */
    static Model network() {
        String spec = """
                {"name": "nir-net", "input": [1, 28, 28], "classes": 10,
                 "neuron": {"model": "lif", "leak": 0.9, "threshold": 1.0, "reset": "zero"},
                 "layers": [
                   {"type": "conv", "out": 8, "kernel": 3, "padding": 1, "bias": true}, {"type": "spike", "amplitude": 2.0},
                   {"type": "avgpool", "kernel": 2},
                   {"type": "residual", "branch": [{"type": "conv", "out": 8, "kernel": 3, "padding": 1}, {"type": "spike", "model": "if"},
                                                   {"type": "conv", "out": 8, "kernel": 3, "padding": 1}],
                    "neuron": {"model": "if", "threshold": 0.8, "reset": "subtract"}},
                   {"type": "residual", "branch": [{"type": "conv", "out": 12, "kernel": 3, "stride": 2, "padding": 1}, {"type": "spike"},
                                                   {"type": "conv", "out": 12, "kernel": 3, "padding": 1}],
                    "shortcut": [{"type": "conv", "out": 12, "kernel": 1, "stride": 2}]},
                   {"type": "conv", "out": 12, "kernel": 3, "stride": 2, "padding": 1},
                   {"type": "spike", "model": "if", "threshold": 0.7, "reset": "subtract", "amplitude": 2.0},
                   {"type": "flatten"}, {"type": "linear", "out": 32, "bias": true},
                   {"type": "spike", "leak": 0.8, "test": "non-strict"},
                   {"type": "linear", "out": 10}, {"type": "readout", "leak": 0.9}]}""";
        Model m = ModelBuilder.build(ModelSpec.parse(spec, "test"), ModelBuilder.Mode.SNN, 7);
        for (var p : m.parameters()) if (p.name().endsWith(".bias")) java.util.Arrays.fill(p.value().data(), 0.05f);
        return m;
    }

    @Test
    void exportThenImportGivesTheSameSpikeTrains() {
        Model snn = network();
        Path file = dir.resolve("net.nir");
        List<String> warnings = NirExporter.export(snn, file, NirTime.DEFAULT_DT);
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("res1.out: NIR cannot express reset by subtraction")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("sn3: NIR cannot express firing at v >= v_threshold")), warnings.toString());
        Model back = NirImporter.importSnn(file, NirTime.DEFAULT_DT);
        assertEquals(snn.neuronLayers().keySet(), back.neuronLayers().keySet());

        Dataset digits = Datasets.load("mnist-10k", null, false);
        Tensor images = digits.images(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
        Tensor x = images.reshape(org.snn4j.tensor.Tensor.concat(new int[] {1}, images.shape()));
        Map<String, float[]> a = new LinkedHashMap<>(), b = new LinkedHashMap<>();
        Tensor outA = run(snn, x, a), outB = run(back, x, b);
        long spikes = 0;
        for (String layer : a.keySet()) {
            assertArrayEquals(a.get(layer), b.get(layer), layer + " spike train");
            for (float s : a.get(layer)) spikes += (long) s;
        }
        assertTrue(spikes > 1000, "the network must actually spike, had " + spikes);
        for (int i = 0; i < outA.size(); i++) assertEquals(outA.data()[i], outB.data()[i], 1e-5f * Math.max(1, Math.abs(outA.data()[i])), "readout " + i);
    }

    /** Forward over STEPS steps of held input; records each spiking layer's spikes as 0/1. */
    private static Tensor run(Model m, Tensor x, Map<String, float[]> spikes) {
        ForwardContext ctx = ForwardContext.evaluation().withSteps(STEPS).with((ActivationObserver) (layer, in, out) -> {
            float[] s = new float[out.size()];
            for (int i = 0; i < s.length; i++) s[i] = out.data()[i] > 0 ? 1 : 0;
            spikes.put(layer, s);
        });
        return Executor.dense(m).forward(x, ctx).output();
    }

    @Test
    void fileHasTheNirLayout() {
        Path file = dir.resolve("layout.nir");
        NirExporter.export(network(), file, NirTime.DEFAULT_DT);
        try (HdfFile h5 = new HdfFile(file)) {
            assertEquals(NirExporter.VERSION, h5.getDatasetByPath("version").getData());
            assertEquals("NIRGraph", h5.getDatasetByPath("node/type").getData());
            assertEquals("LIF", h5.getDatasetByPath("node/nodes/sn1/type").getData());
            assertEquals("IF", h5.getDatasetByPath("node/nodes/sn2/type").getData());
            assertEquals("Scale", h5.getDatasetByPath("node/nodes/sn1.amplitude/type").getData());
            assertEquals("LI", h5.getDatasetByPath("node/nodes/readout/type").getData());
            assertEquals("Affine", h5.getDatasetByPath("node/nodes/fc1/type").getData());
            assertEquals("Linear", h5.getDatasetByPath("node/nodes/fc2/type").getData());
            // LIF α = 0.9 at dt = 1e-4: τ = 1e-3, R = 10, per neuron of the [8, 28, 28] layer.
            assertArrayEquals(new int[] {8, 28, 28}, h5.getDatasetByPath("node/nodes/sn1/tau").getDimensions());
            assertEquals(1e-3, Hdf5Arrays.flatten(h5.getDatasetByPath("node/nodes/sn1/tau").getData())[0], 1e-9);
            assertEquals(10, Hdf5Arrays.flatten(h5.getDatasetByPath("node/nodes/sn1/r").getData())[0], 1e-4);
            assertEquals("subtract", h5.getDatasetByPath("node/nodes/sn2/metadata/reset").getData());
            String[][] edges = (String[][]) h5.getDatasetByPath("node/edges").getData();
            // The identity shortcut of res1 is an edge from the fork straight into the block's neuron.
            assertTrue(java.util.Arrays.stream(edges).anyMatch(e -> e[0].equals("pool1") && e[1].equals("res1.out")));
            assertArrayEquals(new String[] {"input", "conv1"}, edges[0]);
            assertArrayEquals(new String[] {"readout", "output"}, edges[edges.length - 1]);
        }
    }

    /** The structure as h5py sees it (tests/interop/check_nir.py), when Debian's python3-h5py is installed. */
    @Test
    void h5pyReadsTheExpectedStructure() throws Exception {
        String python = PythonScripts.pythonWith("h5py");
        assumeTrue(python != null, "python3 with h5py not installed");
        Path file = dir.resolve("h5py.nir");
        NirExporter.export(network(), file, NirTime.DEFAULT_DT);
        PythonScripts.Result r = PythonScripts.run(python, "interop/check_nir.py", file.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("OK"), r.output());
    }

    /**
     * A graph as snnTorch's export_to_nir writes Leaky(beta = 0.5): τ = dt/(1 − β) = 2e-4, R = τ/dt = 2,
     * ending in spiking neurons. Hand-computed: a constant current 0.6 charges 0.6, 0.9, 1.05 (spike,
     * reset to zero), 0.6, so the spikes over 4 steps are 0, 0, 1, 0 and the appended readout counts 1/4.
     */
    @Test
    void snnTorchStyleGraphImportsWithGoldenSpikes() {
        Path file = handWritten("snntorch.nir", new long[] {3}, new long[] {2}, nodes -> {
            var fc = nodes.putGroup("fc");
            fc.putDataset("type", "Affine");
            fc.putDataset("weight", new float[][] {{0.6f, 0, 0}, {0, 0, 0}});
            fc.putDataset("bias", new float[] {0, 0});
            var lif = nodes.putGroup("lif");
            lif.putDataset("type", "LIF");
            lif.putDataset("tau", new float[] {2e-4f, 2e-4f});
            lif.putDataset("r", new float[] {2, 2});
            lif.putDataset("v_leak", new float[] {0, 0});
            lif.putDataset("v_threshold", new float[] {1, 1});
        }, "fc", "lif");
        Model m = NirImporter.importSnn(file, 1e-4);
        NeuronSettings spike = ((LayerSpec.Spike) m.spec().layers().get(1)).neuron();
        assertEquals(0.5, spike.leak(), 1e-6);
        assertEquals(1.0, spike.threshold(), 1e-6);
        assertEquals("zero", spike.reset());
        Map<String, float[]> spikes = new LinkedHashMap<>();
        Tensor x = new Tensor(new float[] {1, 0, 0}, 1, 1, 3);
        ForwardContext ctx = ForwardContext.evaluation().withSteps(4).with((ActivationObserver) (layer, in, out) -> spikes.put(layer, out.data().clone()));
        Tensor out = Executor.dense(m).forward(x, ctx).output();
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 0, 0, 0}, spikes.get("sn1"));
        assertArrayEquals(new float[] {0.25f, 0}, out.data(), 1e-6f);
    }

    private Path handWritten(String name, long[] inputShape, long[] outputShape, java.util.function.Consumer<WritableGroup> middle,
                             String... chain) {
        return NirFiles.handWritten(dir.resolve(name), inputShape, outputShape, middle, chain);
    }

    @Test
    void flattenOfPartOfASampleIsRefused() {
        Path file = handWritten("flatten.nir", new long[] {1, 2, 2}, new long[] {1, 4}, nodes -> {
            var flat = nodes.putGroup("flat");
            flat.putDataset("type", "Flatten");
            flat.putDataset("start_dim", 1L);
            flat.putDataset("end_dim", -1L);
        }, "flat");
        assertOneLine(assertThrows(FileFormatException.class, () -> NirImporter.importSnn(file, 1e-4)), "Flatten node 'flat': start_dim 1");
    }

    @Test
    void filesWithoutTheNirLayoutGiveOneLineErrors() throws IOException {
        Path text = dir.resolve("text.nir");
        Files.writeString(text, "not hdf5 at all");
        assertOneLine(assertThrows(FileFormatException.class, () -> NirImporter.importSnn(text, 1e-4)), "not a readable HDF5 file");
        Path plain = dir.resolve("plain.h5");
        try (WritableHdfFile h5 = HdfFile.write(plain)) {
            h5.putDataset("x", new float[] {1, 2});
        }
        assertOneLine(assertThrows(FileFormatException.class, () -> NirImporter.importSnn(plain, 1e-4)), "not a NIR file: no group 'node'");
        assertOneLine(assertThrows(FileFormatException.class, () -> NirImporter.importSnn(dir.resolve("missing.nir"), 1e-4)), "no such file");
    }

    @Test
    void annIsNotExported() {
        Model ann = ModelBuilder.build(network().spec(), ModelBuilder.Mode.ANN, 1);
        assertFalse(assertThrows(org.snn4j.Snn4jException.class, () -> NirExporter.export(ann, dir.resolve("a.nir"), 1e-4))
                .getMessage().isEmpty());
    }

    @Test
    void perChannelBiasCurrentsAreRefusedByLayer() {
        ModelSpec spec = withFirstSpike(network().spec(), n -> n.withChannels(null, new float[] {0, 0, 0, 0, 0, 0, 0, 0.1f}));
        Model calibrated = ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 7);
        String message = assertThrows(org.snn4j.Snn4jException.class, () -> NirExporter.export(calibrated, dir.resolve("c.nir"), 1e-4))
                .getMessage();
        assertTrue(message.startsWith("sn1: per-channel thresholds and bias currents"), message);
        assertFalse(java.nio.file.Files.exists(dir.resolve("c.nir")));
    }

    @Test
    void signedSpikesAreRefusedByLayer() {
        ModelSpec spec = withFirstSpike(network().spec(), n -> n.withModel("if").withReset("subtract").withSigned(true));
        Model signed = ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 7);
        String message = assertThrows(org.snn4j.Snn4jException.class, () -> NirExporter.export(signed, dir.resolve("s.nir"), 1e-4))
                .getMessage();
        assertTrue(message.startsWith("sn1: signed spikes (convert --signed) have no NIR export"), message);
        assertFalse(java.nio.file.Files.exists(dir.resolve("s.nir")));
    }

    private static void assertOneLine(FileFormatException e, String expected) {
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** {@code spec} with its first spike entry's neuron settings changed (the one with amplitude 2, sn1). */
    private static ModelSpec withFirstSpike(ModelSpec spec, java.util.function.UnaryOperator<NeuronSettings> change) {
        List<LayerSpec> layers = new java.util.ArrayList<>(spec.layers());
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof LayerSpec.Spike s) {
                layers.set(i, new LayerSpec.Spike(change.apply(s.neuron()), s.ann()));
                break;
            }
        }
        return spec.withLayers(layers);
    }
}
