package org.snn4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import io.jhdf.HdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.PythonScripts;
import org.snn4j.Snn4jException;
import org.snn4j.io.FileFormatException;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.neuron.Recurrence;
import org.snn4j.neuron.RecurrentNeuronLayer;
import org.snn4j.neuron.StepNeuron;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** Recurrent NIR graphs (edges back to a neuron), CubaLIF and LI: import, run, export back. */
class NirRecurrentTest {
    private static final double DT = 1e-4;
    private static final float[][] FC = {{0.9f, -0.2f, 0.4f}, {0.1f, 0.8f, -0.3f}, {0.5f, 0.5f, 0.5f}, {-0.4f, 0.3f, 1.0f}};
    private static final float[][] REC = {{0, 0.3f, -0.5f, 0}, {0.6f, 0, 0, -0.2f}, {0, -0.7f, 0, 0.4f}, {0.2f, 0, 0.5f, 0}};
    private static final float[][] FC2 = {{1, -1, 0.5f, 0}, {0, 0.5f, -1, 1}};

    @TempDir
    Path dir;

    private Path cubaGraph() {
        return NirFiles.recurrentCubaLif(dir.resolve("rec.nir"), FC, REC, FC2);
    }

    /** The same graph written by h5py as NIR's reference library writes it (tests/interop/make_recurrent_nir.py). */
    private Path cubaGraphByH5py() throws Exception {
        String python = PythonScripts.pythonWith("h5py");
        assumeTrue(python != null, "python3 with h5py not installed");
        Path file = dir.resolve("rec-h5py.nir");
        String weights = new Gson().toJson(Map.of("fc", FC, "rec", REC, "fc2", FC2));
        PythonScripts.Result r = PythonScripts.run(python, "interop/make_recurrent_nir.py", file.toString(), weights);
        assertEquals(0, r.exitCode(), r.output());
        return file;
    }

    /** NIR's equations stepped by forward Euler in double: the CubaLIF layer's spikes for input {@code x} [T, 1, 3]. */
    private static float[] reference(float[] x, int steps) {
        double[] syn = new double[4], v = new double[4], s = new double[4];
        float[] spikes = new float[steps * 4];
        for (int t = 0; t < steps; t++) {
            double[] prev = s.clone();
            for (int i = 0; i < 4; i++) {
                double in = 0;
                for (int k = 0; k < 3; k++) in += FC[i][k] * x[t * 3 + k];
                for (int k = 0; k < 4; k++) in += REC[i][k] * prev[k];
                syn[i] = (1 - DT / 2e-4) * syn[i] + DT / 2e-4 * 1 * in;
                v[i] = (1 - DT / 4e-4) * v[i] + DT / 4e-4 * 2 * syn[i];
                s[i] = v[i] > 0.3 ? 1 : 0;
                if (s[i] == 1) v[i] = 0;   // NIR's reset to v_reset
                spikes[t * 4 + i] = (float) s[i];
            }
        }
        return spikes;
    }

    private static Tensor input(int steps) {
        Tensor x = Tensor.zeros(steps, 1, 3);
        new Rng(3).fillUniform(x.data(), 0f, 1.5f);
        return x;
    }

    /** The spikes of the model's recurrent layer (its first two layers) for {@code x}. */
    private static float[] spikes(Model m, Tensor x) {
        List<Layer> layers = m.network().children();
        Tensor current = layers.get(0).forward(x, ForwardContext.evaluation()).output();
        return layers.get(1).forward(current, ForwardContext.evaluation()).output().data();
    }

    @Test
    void aRecurrentCubaLifGraphImportsAndRunsAsNirDefinesIt() {
        importsAndRunsAsNirDefinesIt(cubaGraph());
    }

    @Test
    void theGraphWrittenByH5pyImportsRunsAndExportsBack() throws Exception {
        Path file = cubaGraphByH5py();
        importsAndRunsAsNirDefinesIt(file);
        exportsBackToAnEquivalentGraph(file);
    }

    private static void importsAndRunsAsNirDefinesIt(Path graph) {
        Model m = NirImporter.importSnn(graph, DT);
        RecurrentNeuronLayer rec = (RecurrentNeuronLayer) m.network().children().get(1);
        assertEquals(StepNeuron.Kind.CUBALIF, rec.neuron().kind());
        assertEquals(0.75f, rec.neuron().leak(), 1e-6f);
        assertEquals(0.5f, rec.neuron().synapticDecay(), 1e-6f);
        assertEquals(0.3f / 0.25f, rec.neuron().threshold(), 1e-5f);   // θ divided by the input scale
        assertEquals(Recurrence.DENSE, rec.recurrence());
        assertArrayEquals(flat(REC), rec.recurrentWeight().value().data());
        Tensor x = input(30);
        float[] expected = reference(x.data(), 30), actual = spikes(m, x);
        assertArrayEquals(expected, actual);
        float total = 0;
        for (float s : actual) total += s;
        assertTrue(total > 5 && total < 100, "spikes " + total);   // the test exercises firing and the recurrence
        assertArrayEquals(new int[] {1, 1, 2}, m.network().forward(x, ForwardContext.evaluation()).output().shape());
    }

    @Test
    void exportsBackToAnEquivalentGraph() throws Exception {
        exportsBackToAnEquivalentGraph(cubaGraph());
    }

    private void exportsBackToAnEquivalentGraph(Path graph) throws Exception {
        Model m = NirImporter.importSnn(graph, DT);
        Path back = dir.resolve("back-" + graph.getFileName());
        NirExporter.export(m, back, DT);
        try (HdfFile h5 = new HdfFile(back)) {
            String lif = m.network().children().get(1).name();
            assertEquals("CubaLIF", h5.getDatasetByPath("node/nodes/" + lif + "/type").getData());
            assertEquals("Linear", h5.getDatasetByPath("node/nodes/" + lif + ".w_rec/type").getData());
            assertArrayEquals(REC, (float[][]) h5.getDatasetByPath("node/nodes/" + lif + ".w_rec/weight").getData());
            // β = 0.5, α = 0.75 at dt 1e-4: τ_syn 2e-4, τ_mem 4e-4 (snnTorch's R = τ_mem/dt, w_in = τ_syn/dt)
            assertEquals(2e-4, ((float[]) h5.getDatasetByPath("node/nodes/" + lif + "/tau_syn").getData())[0], 1e-9);
            assertEquals(4e-4, ((float[]) h5.getDatasetByPath("node/nodes/" + lif + "/tau_mem").getData())[0], 1e-9);
            Set<List<String>> edges = new HashSet<>();
            for (String[] e : (String[][]) h5.getDatasetByPath("node/edges").getData()) edges.add(List.of(e));
            String fc = m.network().children().get(0).name(), fc2 = m.network().children().get(2).name();
            assertEquals(Set.of(List.of("input", fc), List.of(fc, lif), List.of(lif, lif + ".w_rec"), List.of(lif + ".w_rec", lif),
                    List.of(lif, fc2), List.of(fc2, "readout"), List.of("readout", "output")), edges);
        }
        Model again = NirImporter.importSnn(back, DT);
        Tensor x = input(30);
        assertArrayEquals(spikes(m, x), spikes(again, x));
        assertArrayEquals(m.network().forward(x, ForwardContext.evaluation()).output().data(),
                again.network().forward(x, ForwardContext.evaluation()).output().data(), 1e-6f);
    }

    @Test
    void aSelfEdgeIsAOneToOneRecurrenceOfWeightOne() {
        Path file = NirFiles.graph(dir.resolve("self.nir"), new long[] {3}, new long[] {4}, nodes -> {
            WritableGroup fc = nodes.putGroup("fc");
            fc.putDataset("type", "Linear");
            fc.putDataset("weight", FC);
            WritableGroup lif = nodes.putGroup("lif");
            lif.putDataset("type", "LIF");
            lif.putDataset("tau", filled(4, 2e-4f));
            lif.putDataset("r", filled(4, 2f));
            lif.putDataset("v_leak", filled(4, 0f));
            lif.putDataset("v_threshold", filled(4, 1f));
        }, new String[][] {{"input", "fc"}, {"fc", "lif"}, {"lif", "lif"}, {"lif", "output"}});
        RecurrentNeuronLayer rec = (RecurrentNeuronLayer) NirImporter.importSnn(file, DT).network().children().get(1);
        assertEquals(Recurrence.ONE_TO_ONE, rec.recurrence());
        assertArrayEquals(new float[] {1, 1, 1, 1}, rec.recurrentWeight().value().data());
        assertEquals(StepNeuron.lif(0.5f, 1f).withReset(org.snn4j.neuron.Reset.ZERO), rec.neuron());
    }

    @Test
    void aRecurrentWeightWithABiasIsRefused() {
        Path file = NirFiles.graph(dir.resolve("bias.nir"), new long[] {3}, new long[] {4}, nodes -> {
            WritableGroup fc = nodes.putGroup("fc");
            fc.putDataset("type", "Linear");
            fc.putDataset("weight", FC);
            WritableGroup lif = nodes.putGroup("lif");
            lif.putDataset("type", "IF");
            lif.putDataset("r", filled(4, 1f));
            lif.putDataset("v_threshold", filled(4, 1f));
            WritableGroup rec = nodes.putGroup("rec");
            rec.putDataset("type", "Affine");
            rec.putDataset("weight", REC);
            rec.putDataset("bias", filled(4, 0.1f));
        }, new String[][] {{"input", "fc"}, {"fc", "lif"}, {"lif", "rec"}, {"rec", "lif"}, {"lif", "output"}});
        var e = assertThrows(FileFormatException.class, () -> NirImporter.importSnn(file, DT));
        assertTrue(e.getMessage().contains("Affine node 'rec': a recurrent weight node must have no bias, has 0.1"), e.getMessage());
    }

    @Test
    void theShdPresetsOneToOneLifVariantRoundTripsAndAlifIsRefused() {
        String spec = """
                {"name": "r", "input": [5], "classes": 2, "layers": [
                  {"type": "linear", "out": 4},
                  {"type": "recurrent", "neuron": "lif", "leak": 0.8, "recurrence": "one-to-one"},
                  {"type": "linear", "out": 2},
                  {"type": "integrator", "leak": 0.9, "scale": 1.5},
                  {"type": "reduce", "mode": "max"}]}""";
        Model m = ModelBuilder.build(ModelSpec.parse(spec, "r.json"), ModelBuilder.Mode.SNN, 4);
        Path file = dir.resolve("r.nir");
        List<String> warnings = NirExporter.export(m, file, DT);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("no readout over time (max)")), warnings.toString());
        Model back = NirImporter.importSnn(file, DT);
        assertEquals(m.network().children().stream().map(l -> l.getClass().getSimpleName()).toList(),
                back.network().children().stream().map(l -> l.getClass().getSimpleName()).toList());
        RecurrentNeuronLayer rec = (RecurrentNeuronLayer) back.network().children().get(1);
        assertEquals(Recurrence.ONE_TO_ONE, rec.recurrence());
        Tensor x = Tensor.zeros(20, 3, 5);
        new Rng(8).fillUniform(x.data(), 0f, 1f);
        assertArrayEquals(m.network().forward(x, ForwardContext.evaluation()).output().data(),
                back.network().forward(x, ForwardContext.evaluation()).output().data(), 1e-5f);
        Model alif = ModelBuilder.build(ModelSpec.parse(spec.replace("\"neuron\": \"lif\"", "\"neuron\": \"alif\""), "a.json"),
                ModelBuilder.Mode.SNN, 4);
        var e = assertThrows(Snn4jException.class, () -> NirExporter.export(alif, dir.resolve("a.nir"), DT));
        assertTrue(e.getMessage().contains("rec1: adaptive-threshold (alif) neurons have no NIR export"), e.getMessage());
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static float[] flat(float[][] a) {
        float[] f = new float[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) System.arraycopy(a[i], 0, f, i * a[0].length, a[0].length);
        return f;
    }
}
