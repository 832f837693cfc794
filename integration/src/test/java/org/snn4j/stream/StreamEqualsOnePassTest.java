package org.snn4j.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.datasets.NDigits;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Executor;
import org.snn4j.engine.Session;
import org.snn4j.events.Downsample;
import org.snn4j.events.EventTransform;
import org.snn4j.events.Events;
import org.snn4j.events.FrameBinning;
import org.snn4j.events.SparseFrames;
import org.snn4j.interop.NirExporter;
import org.snn4j.interop.NirImporter;
import org.snn4j.metrics.EnergyModel;
import org.snn4j.metrics.OpCounter;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.Presets;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Issue 28's first acceptance test: a recording streamed window by window gives bit for bit what binning
 * the whole recording into the same windows and running them in one pass gives (readout, spikes of every
 * layer, synaptic accumulates), in the dense and the event engine, for a preset network and for a network
 * imported from NIR.
 */
class StreamEqualsOnePassTest {
    @TempDir
    Path dir;

    /** What the one pass over all the windows gave. */
    private record OnePass(float[] readout, Map<String, Long> spikes, double acs, double firstLayerAcs) {}

    private static OnePass onePass(Model model, EngineMode mode, Events recording, FrameBinning binning) {
        SpikeRecords spikes = new SpikeRecords();
        OpCounter ops = new OpCounter();
        ForwardContext ctx = ForwardContext.evaluation().withSteps(binning.frames()).with(ops.forPass()).with(spikes);
        SparseFrames frames = SparseFrames.of(binning, List.of(recording));
        Executor executor = new Executor(model, mode);
        Tensor readout = mode == EngineMode.DENSE ? executor.infer(frames.dense(), ctx) : executor.inferEvents(frames, ctx);
        Map<String, Long> byLayer = new LinkedHashMap<>();
        spikes.byLayer().forEach((layer, r) -> byLayer.put(layer, r.spikes()));
        double acs = 0;
        for (OpCounter.LayerOps o : ops.layers().values()) acs += o.acs();
        return new OnePass(readout.data(), byLayer, acs, ops.layers().values().iterator().next().acs());
    }

    /** Streams {@code recording} in batches of {@code batch} events; checks it against the one pass and returns the windows. */
    private static List<StreamWindow> streamAndCompare(Model model, EngineMode mode, Events recording, EventTransform transform,
                                                       WindowPolicy policy, int batch) {
        List<StreamWindow> windows = new ArrayList<>();
        EventStream stream = new EventStream(new Session(model, mode, 1), policy, transform, true, EnergyModel.FP32_45NM);
        StreamSummary summary = stream.run(EventSource.of(recording, batch), windows::add);
        Events whole = transform.apply(recording, new Rng(0));
        FrameBinning binning = policy.binning(windows.size(), true);
        OnePass expected = onePass(model, mode, whole, binning);
        String what = mode.label() + " " + policy + " batch " + batch;
        StreamWindow last = windows.getLast();
        assertArrayEquals(expected.readout(), last.readout(), 0, what + ": readout after the last window");
        Map<String, Long> streamed = new LinkedHashMap<>();
        for (StreamWindow w : windows) w.spikes().forEach((layer, s) -> streamed.merge(layer, s, Long::sum));
        assertEquals(expected.spikes(), streamed, what + ": spikes per layer");
        assertTrue(summary.spikes() > 0, what + ": the network spikes");
        // the event engine accumulates the first layer's events, as the one pass counts them; the dense engine
        // multiplies a one-step frame, counted as MACs, and every later layer's accumulates are the one pass's
        double acs = mode == EngineMode.DENSE ? expected.acs() - expected.firstLayerAcs() : expected.acs();
        assertEquals(acs, summary.acs(), 1e-9 * acs, what + ": accumulates");
        assertTrue(mode != EngineMode.DENSE || windows.getFirst().macs() > 0, what + ": the dense engine's first layer multiplies");
        assertEquals(whole.size(), summary.events(), what + ": events");
        assertEquals(windows.size(), summary.windows());
        assertEquals(whole.lastTimeUs() - whole.firstTimeUs(), summary.recordingUs());
        int[] counts = new int[windows.size()];
        int[] bounds = binning.bounds(whole);
        for (int f = 0; f < counts.length; f++) counts[f] = bounds[2 * f + 1] - bounds[2 * f];
        assertArrayEquals(counts, windows.stream().mapToInt(StreamWindow::events).toArray(), what + ": events per window");
        // a prefix: the readout after window k is the one pass over the first k + 1 frames
        int k = windows.size() / 2;
        Events prefix = whole.slice(0, bounds[2 * k + 1]);
        OnePass half = onePass(model, mode, prefix, policy.binning(k + 1, true));
        assertArrayEquals(half.readout(), windows.get(k).readout(), 0, what + ": readout after window " + k);
        return windows;
    }

    @Test
    void streamingAnNmnistRecordingEqualsItsOnePassInTheDenseAndTheEventEngine() {
        Events recording = NDigits.open(false).recording(3);
        Model model = ModelBuilder.build(Presets.byName("nmnist", new int[] {2, 34, 34}, 10, Presets.Options.defaults()),
                ModelBuilder.Mode.SNN, 4);
        for (EngineMode mode : new EngineMode[] {EngineMode.DENSE, EngineMode.EVENT}) {
            List<StreamWindow> byTime = streamAndCompare(model, mode, recording, EventTransform.IDENTITY, new WindowPolicy.Duration(10_000), 97);
            assertTrue(byTime.size() >= 25, "about 300 ms of saccades in 10 ms windows: " + byTime.size());
            streamAndCompare(model, mode, recording, EventTransform.IDENTITY, new WindowPolicy.Count(250), 1000);
            streamAndCompare(model, mode, recording, EventTransform.IDENTITY, new WindowPolicy.Duration(3_000), 1);
        }
    }

    @Test
    void aDownsampledSensorStreamsAsItsDownsampledRecording() {
        Events recording = NDigits.open(false).recording(7);
        Model model = ModelBuilder.build(Presets.byName("nmnist", new int[] {2, 17, 17}, 10, Presets.Options.defaults()),
                ModelBuilder.Mode.SNN, 5);
        for (EngineMode mode : new EngineMode[] {EngineMode.DENSE, EngineMode.EVENT}) {
            streamAndCompare(model, mode, recording, Downsample.by(2), new WindowPolicy.Duration(20_000), 333);
        }
    }

    @Test
    void aNetworkImportedFromNirStreamsAsItRunsInOnePass() throws Exception {
        String spec = """
                {"name": "nir-stream", "input": [2, 34, 34], "classes": 10,
                 "neuron": {"model": "lif", "leak": 0.9, "threshold": 1.0, "reset": "zero"},
                 "layers": [
                   {"type": "conv", "out": 8, "kernel": 3, "padding": 1}, {"type": "spike"}, {"type": "avgpool", "kernel": 2},
                   {"type": "conv", "out": 16, "kernel": 3, "stride": 2, "padding": 1}, {"type": "spike", "model": "if"},
                   {"type": "flatten"}, {"type": "linear", "out": 10}, {"type": "readout", "leak": 0.9}]}""";
        Model trainedElsewhere = ModelBuilder.build(ModelSpec.parse(spec, "test"), ModelBuilder.Mode.SNN, 11);
        Path nir = dir.resolve("net.nir");
        NirExporter.export(trainedElsewhere, nir, 1e-4);
        Model imported = NirImporter.importSnn(nir, 1e-4);
        Events recording = NDigits.open(false).recording(0);
        for (EngineMode mode : new EngineMode[] {EngineMode.DENSE, EngineMode.EVENT}) {
            streamAndCompare(imported, mode, recording, EventTransform.IDENTITY, new WindowPolicy.Duration(10_000), 500);
        }
    }
}
