package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.encode.Encoders;
import org.snn4j.loss.Losses;
import org.snn4j.metrics.OpCounter;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.Presets;
import org.snn4j.nn.ActivationObserver;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;
import org.snn4j.tensor.Workspace;
import org.snn4j.train.EvalResult;
import org.snn4j.train.Evaluator;
import org.snn4j.train.InferenceBenchmark;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.Trainer;

/**
 * The engines against each other on real digits: every spiking layer's spike train and the readout are
 * bit-identical in dense, event and auto mode, on random networks (W1, a quarter-width VGG-7 fed a
 * Bernoulli code, a half-width ResNet-8 with stride-2 and 1×1 shortcut convolutions inside residual
 * blocks) and on a trained convolutional SNN; the event kernels' synaptic operations equal the op
 * counter's ACs; auto runs a dense-enough layer densely.
 */
class ExecutorTest {
    private static final int[] DIGIT = {1, 28, 28};
    private static Dataset digits;

    @BeforeAll
    static void data() {
        digits = Datasets.loadBundled(false).subset(48);
    }

    /** One forward pass: the spikes of every spiking layer (by name) and the readout. */
    private record Run(Map<String, float[]> spikes, float[] readout) {}

    private static Run run(Executor engine, Tensor images, int steps, String encoder) {
        Map<String, float[]> spikes = new LinkedHashMap<>();
        Map<String, ?> spiking = engine.model().neuronLayers();
        ForwardContext ctx = ForwardContext.evaluation().withSteps(steps).with((ActivationObserver) (layer, in, out) -> {
            if (spiking.containsKey(layer)) spikes.put(layer, out.data().clone());
        });
        Tensor input = Encoders.byName(encoder, 1.0).encodeCompact(images, steps, new Rng(3));
        return new Run(spikes, engine.infer(input, ctx).data().clone());
    }

    /** Runs {@code model} in all three modes (auto three times, past its calibration) and compares with dense. */
    private static Map<String, LayerActivity> assertModesAgree(Model model, Tensor images, int steps, String encoder) {
        Run dense = run(new Executor(model, EngineMode.DENSE), images, steps, encoder);
        assertFalse(dense.spikes().isEmpty());
        Executor event = new Executor(model, EngineMode.EVENT), auto = new Executor(model, EngineMode.AUTO);
        for (Run r : new Run[] {run(event, images, steps, encoder), run(auto, images, steps, encoder), run(auto, images, steps, encoder),
                run(auto, images, steps, encoder)}) {
            assertEquals(dense.spikes().keySet(), r.spikes().keySet());
            dense.spikes().forEach((layer, s) -> assertArrayEquals(s, r.spikes().get(layer), 0f, layer));
            assertArrayEquals(dense.readout(), r.readout(), 0f, "readout");
        }
        assertFalse(event.activity().isEmpty(), "no layer ran by events");
        event.activity().values().forEach(a -> assertEquals(0, a.denseCalls()));
        return event.activity();
    }

    /** A plain pass (nothing observes it, so blocks may run fused): the readout and the spike count of every spiking layer. */
    private static Map<String, Object> plainRun(Executor engine, Tensor images, int steps, String encoder) {
        SpikeRecords records = new SpikeRecords();
        ForwardContext ctx = ForwardContext.evaluation().withSteps(steps).with(records);
        Tensor input = Encoders.byName(encoder, 1.0).encodeCompact(images, steps, new Rng(3));
        float[] readout = engine.infer(input, ctx).data().clone();
        Map<String, Object> run = new LinkedHashMap<>();
        records.byLayer().forEach((layer, r) -> run.put(layer, r.spikes()));
        run.put("readout", java.util.Arrays.toString(readout));
        return run;
    }

    @Test
    void fusedBlocksGiveTheReadoutAndSpikeCountsOfTheLayersRunOneByOne() {
        Object[][] cases = {{"w1", 1.0, "direct", 8}, {"vgg7", 0.25, "bernoulli", 4}, {"resnet8", 0.5, "direct", 4}};
        for (Object[] c : cases) {
            Model model = preset((String) c[0], (double) c[1], 9);
            Tensor images = digits.images(range(8));
            int steps = (int) c[3];
            // layer by layer: an observer turns fusion off
            Map<String, Object> layered = new LinkedHashMap<>();
            SpikeRecords observedSpikes = new SpikeRecords();
            ForwardContext observed = ForwardContext.evaluation().withSteps(steps).with((ActivationObserver) (l, in, out) -> { }).with(observedSpikes);
            float[] readout = new Executor(model, EngineMode.DENSE)
                    .infer(Encoders.byName((String) c[2], 1.0).encodeCompact(images, steps, new Rng(3)), observed).data();
            observedSpikes.byLayer().forEach((layer, r) -> layered.put(layer, r.spikes()));
            layered.put("readout", java.util.Arrays.toString(readout));

            Executor event = new Executor(model, EngineMode.EVENT), auto = new Executor(model, EngineMode.AUTO);
            assertEquals(layered, plainRun(new Executor(model, EngineMode.DENSE), images, steps, (String) c[2]), c[0] + " dense");
            assertEquals(layered, plainRun(event, images, steps, (String) c[2]), c[0] + " event");
            int calls = Crossover.LAST_MEASURED_CALL + 1;   // past the measuring: both choices ran
            for (int call = 0; call < calls; call++) assertEquals(layered, plainRun(auto, images, steps, (String) c[2]), c[0] + " auto");
            assertTrue(event.activity().values().stream().anyMatch(a -> a.fusedCalls() > 0), c[0] + ": no fused block ran");
            event.activity().values().forEach(a -> assertTrue(a.fusedCalls() <= a.eventCalls()));
            if (c[0].equals("w1")) {   // auto measured conv2's crossover on its block (fused against layer by layer)
                LayerActivity conv2 = auto.activity().get("conv2");
                assertTrue(conv2.measuredCrossover() > 0, "crossover " + conv2.measuredCrossover());
                assertEquals(calls, conv2.calls());
                assertTrue(conv2.fusedCalls() >= Crossover.SAMPLES && conv2.denseCalls() >= Crossover.SAMPLES, "both timed");
            }
        }
    }

    private static Model preset(String name, double width, long seed) {
        return ModelBuilder.build(Presets.byName(name, DIGIT, 10, new Presets.Options(false, 0, width)), ModelBuilder.Mode.SNN, seed);
    }

    @Test
    void randomW1GivesIdenticalSpikeTrainsInEveryMode() {
        Map<String, LayerActivity> a = assertModesAgree(preset("w1", 1, 5), digits.images(range(16)), 8, "direct");
        assertEquals(java.util.List.of("conv2", "fc1"), java.util.List.copyOf(a.keySet()));
    }

    @Test
    void randomVggFedABernoulliCodeGivesIdenticalSpikeTrainsInEveryMode() {
        // a multi-step input carries spikes from the start: the first convolution runs by events too
        Map<String, LayerActivity> a = assertModesAgree(preset("vgg7", 0.25, 6), digits.images(range(8)), 4, "bernoulli");
        assertTrue(a.containsKey("conv1"));
    }

    @Test
    void randomResNetWithStridedAndShortcutConvolutionsInsideBlocksGivesIdenticalSpikeTrains() {
        Map<String, LayerActivity> a = assertModesAgree(preset("resnet8", 0.5, 7), digits.images(range(8)), 4, "direct");
        assertTrue(a.size() >= 6, "event-driven layers " + a.keySet());
    }

    @Test
    void aTrainedNetworkGivesIdenticalSpikeTrainsAndPredictionsAndItsSynapticOpsEqualTheOpCountersAcs() {
        String spec = """
                {"name": "small-conv", "input": [1, 28, 28], "classes": 10,
                 "neuron": {"model": "lif", "leak": 0.9, "threshold": 1.0, "reset": "subtract", "surrogate": "triangle"},
                 "layers": [{"type": "conv", "out": 8, "kernel": 3, "padding": 1}, {"type": "spike"}, {"type": "avgpool", "kernel": 2},
                            {"type": "conv", "out": 16, "kernel": 3, "padding": 1}, {"type": "spike"}, {"type": "avgpool", "kernel": 2},
                            {"type": "flatten"}, {"type": "linear", "out": 10}, {"type": "readout"}]}""";
        Model model = ModelBuilder.build(ModelSpec.parse(spec, "small-conv"), ModelBuilder.Mode.SNN, 3);
        Dataset train = Datasets.loadBundled(true).subset(1024), test = Datasets.loadBundled(false).subset(256);
        TrainConfig config = TrainConfig.builder().steps(4).lr(2e-3).seed(7).build();
        double accuracy = new Trainer(model, config, train, test).fit().test().accuracy();
        assertTrue(accuracy > 0.3, "trained accuracy " + accuracy + ", chance 0.1");

        assertModesAgree(model, test.images(range(64)), 4, "direct");
        Executor dense = new Executor(model, EngineMode.DENSE), event = new Executor(model, EngineMode.EVENT);
        EvalResult byDense = evaluate(dense, test), byEvents = evaluate(event, test);
        assertEquals(byDense.accuracy(), byEvents.accuracy(), 0);
        assertEquals(byDense.spikeRates(), byEvents.spikeRates());
        assertEquals(java.util.Set.of("conv2", "fc1"), event.activity().keySet());
        for (Map.Entry<String, LayerActivity> e : event.activity().entrySet()) {
            OpCounter.LayerOps counted = byEvents.ops().get(e.getKey());
            assertTrue(counted.acsPerSample() > 0);
            assertEquals(counted.acsPerSample(), e.getValue().synapticOpsPerSample(), 0, e.getKey());
        }
    }

    private static EvalResult evaluate(Executor engine, Dataset data) {
        return Evaluator.run(engine, data, 4, Encoders.byName("direct", 1.0), Losses.byName("ce"), 100, 1, new Workspace());
    }

    @Test
    void autoRunsALayerDenselyAboveTheCrossoverAndMeasuresEachLayersOwn() {
        // IF neurons with a tiny threshold fire whenever their current is positive: fc2's input is dense
        String spec = """
                {"name": "busy", "input": [1, 28, 28], "classes": 10,
                 "neuron": {"model": "if", "threshold": 0.001, "reset": "subtract", "surrogate": "triangle"},
                 "layers": [{"type": "flatten"}, {"type": "linear", "out": 32}, {"type": "spike"}, {"type": "linear", "out": 10},
                            {"type": "readout"}]}""";
        Model model = ModelBuilder.build(ModelSpec.parse(spec, "busy"), ModelBuilder.Mode.SNN, 4);
        Executor auto = new Executor(model, EngineMode.AUTO);
        Tensor images = digits.images(range(16));
        Run dense = run(new Executor(model, EngineMode.DENSE), images, 4, "direct");
        for (int call = 1; call <= Crossover.LAST_MEASURED_CALL; call++) {
            assertArrayEquals(dense.readout(), run(auto, images, 4, "direct").readout(), 0f);
        }
        LayerActivity fc2 = auto.activity().get("fc2");
        assertTrue(fc2.meanDensity() > Executor.INITIAL_CROSSOVER, "density " + fc2.meanDensity());
        // dense before the measuring, then each kernel on half of the timed calls; from then on the faster
        assertEquals(Crossover.FIRST_MEASURED_CALL - 1 + Crossover.SAMPLES, fc2.denseCalls());
        assertEquals(Crossover.LAST_MEASURED_CALL, fc2.calls());
        assertTrue(fc2.measuredCrossover() > 0, "crossover " + fc2.measuredCrossover());
    }

    @Test
    void anInferenceBenchmarkTimesNoPassThatMeasuresACrossover() {
        Model model = preset("w1", 0.5, 5);
        Executor auto = new Executor(model, EngineMode.AUTO);
        assertEquals(Crossover.LAST_MEASURED_CALL, auto.passesUntilCalibrated());
        run(auto, digits.images(range(16)), 8, "direct");
        assertEquals(Crossover.LAST_MEASURED_CALL - 1, auto.passesUntilCalibrated());
        // asked for no warm-up, the benchmark still runs the passes that measure before it starts the clock
        InferenceBenchmark.Result r = InferenceBenchmark.run(auto, digits, 8, Encoders.byName("direct", 1.0), 16, 0, 2, 5);
        assertEquals(Crossover.LAST_MEASURED_CALL - 1, r.warmups());
        assertEquals(0, auto.passesUntilCalibrated());
        assertEquals(java.util.List.of("conv2", "fc1"), java.util.List.copyOf(auto.activity().keySet()));
        for (Map.Entry<String, LayerActivity> e : auto.activity().entrySet()) {
            assertTrue(e.getValue().measuredCrossover() > 0, e.getKey() + " crossover " + e.getValue().measuredCrossover());
            assertEquals(Crossover.LAST_MEASURED_CALL + 2, e.getValue().calls(), e.getKey());
        }
        // more warm-ups than the measuring needs are kept; the other modes measure nothing
        assertEquals(15, InferenceBenchmark.run(new Executor(model, EngineMode.AUTO), digits, 8, Encoders.byName("direct", 1.0), 16, 15, 1, 5)
                .warmups());
        for (EngineMode mode : new EngineMode[] {EngineMode.DENSE, EngineMode.EVENT}) {
            Executor other = new Executor(model, mode);
            assertEquals(0, other.passesUntilCalibrated());
            assertEquals(0, InferenceBenchmark.run(other, digits, 8, Encoders.byName("direct", 1.0), 16, 0, 1, 5).warmups());
        }
    }

    @Test
    void theDenseEngineRecordsNothingAndBadModeNamesAreRefused() {
        Executor dense = new Executor(preset("w1", 0.25, 1), EngineMode.DENSE);
        run(dense, digits.images(range(4)), 2, "direct");
        assertTrue(dense.activity().isEmpty());
        assertEquals(EngineMode.AUTO, EngineMode.parse("auto"));
        Snn4jException e = assertThrows(Snn4jException.class, () -> EngineMode.parse("sparse"));
        assertTrue(e.getMessage().contains("dense, event, auto"), e.getMessage());
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }
}
