package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.convert.BatchNormFolding;
import org.snn4j.convert.Converter;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.encode.Encoders;
import org.snn4j.kernels.ComputePool;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.model.AnnActivation;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.Presets;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Qcfs;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Streams against whole sequences on the bundled digits: a session fed T steps one at a time or in chunks
 * gives the readout and every layer's spike count, bit for bit, of one pass over the T steps, for W1,
 * VGG-7, ResNet-8 and a converted ResNet-8 with signed burst neurons, in the dense and event engines, for
 * Bernoulli-coded and direct (held) input; a reset stream starts over while the others continue; sessions
 * on one model in two threads give what each gives alone.
 */
class SessionTest {
    private static final int[] DIGIT = {1, 28, 28};
    private static final EngineMode[] ENGINES = {EngineMode.DENSE, EngineMode.EVENT};
    private static Dataset digits;

    @BeforeAll
    static void data() {
        digits = Datasets.loadBundled(false).subset(16);
    }

    /** A readout {@code [N, K]} and the spikes per spiking layer. */
    private record Run(float[] readout, Map<String, Long> spikes) {}

    private static Model preset(String name, double width, long seed) {
        return ModelBuilder.build(Presets.byName(name, DIGIT, 10, new Presets.Options(false, 0, width)), ModelBuilder.Mode.SNN, seed);
    }

    private static Tensor images(int from, int count) {
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) indices[i] = from + i;
        return digits.images(indices);
    }

    /** {@code images} coded for {@code steps} steps: direct {@code [1, N, ...]} (held) or Bernoulli {@code [T, N, ...]}. */
    private static Tensor encode(Tensor images, int steps, String encoder, long seed) {
        return Encoders.byName(encoder, 1.0).encodeCompact(images, steps, new Rng(seed));
    }

    /** One pass over the whole sequence. */
    private static Run whole(Model model, EngineMode mode, Tensor input, int steps) {
        SpikeRecords records = new SpikeRecords();
        Tensor out = new Executor(model, mode).infer(input, ForwardContext.evaluation().withSteps(steps).with(records));
        return new Run(out.data(), spikes(records, new LinkedHashMap<>()));
    }

    private static Map<String, Long> spikes(SpikeRecords records, Map<String, Long> into) {
        records.byLayer().forEach((layer, r) -> into.merge(layer, r.spikes(), Long::sum));
        return into;
    }

    /** Steps {@code [from, to)} of {@code input} (a held one repeated), {@code [to − from, N, ...]}. */
    private static Tensor slice(Tensor input, int from, int to) {
        int size = input.sizeFrom(1);
        int[] shape = input.shape();
        shape[0] = to - from;
        Tensor out = Tensor.zeros(shape);
        for (int t = from; t < to; t++) {
            System.arraycopy(input.data(), input.dim(0) == 1 ? 0 : t * size, out.data(), (t - from) * size, size);
        }
        return out;
    }

    /** Feeds {@code input}'s {@code steps} steps to {@code session} in chunks of {@code chunk} (1: {@link Session#step}). */
    private static Run stream(Session session, Tensor input, int steps, int chunk) {
        Map<String, Long> spikes = new LinkedHashMap<>();
        Session.Step last = null;
        for (int t = 0; t < steps; t += chunk) {
            Tensor part = slice(input, t, Math.min(steps, t + chunk));
            last = chunk == 1 ? session.step(part.reshape(part.shapeFrom(1))) : session.steps(part);
            assertEquals(part.dim(0), last.steps());
            spikes(last.spikes(), spikes);
        }
        return new Run(last.readout().data(), spikes);
    }

    /** Whole runs and streams (one step at a time, chunks of 2) agree bit for bit in both engines. */
    private static void assertStreamsAsWholeRuns(Model model, Tensor input, int steps, int horizon) {
        int streams = input.dim(1);
        Run reference = whole(model, EngineMode.DENSE, input, steps);
        assertTrue(reference.spikes().values().stream().mapToLong(Long::longValue).sum() > 0, "no spikes");
        for (EngineMode mode : ENGINES) {
            Run w = whole(model, mode, input, steps);
            assertArrayEquals(reference.readout(), w.readout(), mode + " whole run");
            for (int chunk : new int[] {1, 2}) {
                Session session = new Session(model, mode, streams, horizon);
                Run s = stream(session, input, steps, chunk);
                assertArrayEquals(reference.readout(), s.readout(), mode + ", chunks of " + chunk);
                assertEquals(reference.spikes(), s.spikes(), mode + ", chunks of " + chunk);
                assertEquals(steps, session.stepsSeen(streams - 1));
            }
        }
    }

    @Test
    void w1FedDirectInputStepByStepGivesTheHeldRunsReadoutAfterEveryStep() {
        Model w1 = preset("w1", 1, 5);
        Tensor images = images(0, 8);
        int steps = 6;
        assertStreamsAsWholeRuns(w1, encode(images, steps, "direct", 1), steps, Integer.MAX_VALUE);
        // After every step t the readout so far is the whole run's over t steps; hold() runs held chunks.
        Session session = new Session(w1, EngineMode.EVENT, 8);
        for (int t = 1; t <= steps; t++) {
            float[] soFar = session.step(images).readout().data();
            assertArrayEquals(whole(w1, EngineMode.DENSE, images.reshape(Tensor.concat(new int[] {1}, images.shape())), t).readout(),
                    soFar, "after step " + t);
        }
        Session held = new Session(w1, EngineMode.DENSE, 8);
        held.hold(images, 2);
        assertArrayEquals(session.step(images).readout().data(), held.hold(images, steps - 1).readout().data());
    }

    /** The session reuses its activations' arrays from call to call; a Step it returned must not change. */
    @Test
    void readoutsOfEarlierCallsStayAsTheyWereAfterLaterCalls() {
        Model w1 = preset("w1", 1, 5);
        Tensor images = images(0, 4);
        for (EngineMode mode : ENGINES) {
            Session session = new Session(w1, mode, 4);
            java.util.List<Session.Step> steps = new java.util.ArrayList<>();
            java.util.List<float[]> copies = new java.util.ArrayList<>();
            for (int t = 0; t < 5; t++) {
                Session.Step step = session.step(images);
                steps.add(step);
                copies.add(step.readout().data().clone());
            }
            for (int t = 0; t < 5; t++) assertArrayEquals(copies.get(t), steps.get(t).readout().data(), mode + " step " + t);
            assertEquals(5, copies.stream().map(java.util.Arrays::toString).distinct().count(), mode + ": the readout changes every step");
        }
    }

    @Test
    void vgg7FedABernoulliCodeStreamsAsTheWholeSequence() {
        int steps = 4;
        assertStreamsAsWholeRuns(preset("vgg7", 0.25, 6), encode(images(0, 4), steps, "bernoulli", 2), steps, Integer.MAX_VALUE);
    }

    @Test
    void resNet8StreamsAsTheWholeSequenceWithDirectAndBernoulliInput() {
        Model resnet = preset("resnet8", 0.5, 7);
        int steps = 4;
        assertStreamsAsWholeRuns(resnet, encode(images(0, 4), steps, "direct", 3), steps, Integer.MAX_VALUE);
        assertStreamsAsWholeRuns(resnet, encode(images(4, 4), steps, "bernoulli", 4), steps, Integer.MAX_VALUE);
    }

    /** A QCFS ResNet-8 (quarter width) converted with V[0] = θ/2 and signed burst neurons, which cap their count at T. */
    private static Model convertedSignedBurstResNet(int levels) {
        ModelSpec spec = Presets.byName("resnet8", DIGIT, 10, new Presets.Options(true, 0, 0.25))
                .withAnnActivation(AnnActivation.qcfs(levels, 1.0));
        Model ann = ModelBuilder.build(spec, ModelBuilder.Mode.ANN, 4);
        Rng rng = new Rng(8);
        for (Layer l : ann.layers()) if (l instanceof Qcfs q) q.bound().value().data()[0] = 0.3f + 0.6f * rng.nextFloat();
        return Converter.convert(BatchNormFolding.fold(ann), null, Converter.Options.qcfs().withSigned(true, true)).snn();
    }

    @Test
    void aConvertedNetworkWithSignedBurstNeuronsStreamsAsTheWholeSequenceGivenItsHorizon() {
        int steps = 4;
        Model snn = convertedSignedBurstResNet(steps);
        assertTrue(snn.neuronLayers().values().stream().allMatch(n -> n.config().signed() && n.config().burst()));
        Tensor direct = encode(images(0, 4), steps, "direct", 5);
        assertStreamsAsWholeRuns(snn, direct, steps, steps);
        assertStreamsAsWholeRuns(snn, encode(images(4, 4), steps, "bernoulli", 6), steps, steps);
        // The horizon matters: open-ended, the burst neurons' counts are not capped at T.
        Run capped = whole(snn, EngineMode.DENSE, direct, steps);
        assertNotEquals(capped.spikes(), stream(new Session(snn, EngineMode.DENSE, 4), direct, steps, 1).spikes());
    }

    @Test
    void aResetStreamStartsOverWhileTheOthersContinue() {
        Model w1 = preset("w1", 1, 5);
        int steps = 4;
        Tensor first = encode(images(0, 4), 3, "bernoulli", 7), then = encode(images(4, 4), steps, "bernoulli", 8);
        for (EngineMode mode : ENGINES) {
            Session reset = new Session(w1, mode, 4), continued = new Session(w1, mode, 4), fresh = new Session(w1, mode, 4);
            stream(reset, first, 3, 1);
            stream(continued, first, 3, 1);
            reset.reset(1);
            float[] r = stream(reset, then, steps, 2).readout(), c = stream(continued, then, steps, 2).readout();
            float[] f = stream(fresh, then, steps, 2).readout();
            int classes = r.length / 4;
            for (int n = 0; n < 4; n++) {
                float[] expected = n == 1 ? f : c;
                for (int k = n * classes; k < (n + 1) * classes; k++) assertEquals(expected[k], r[k], 0f, mode + " stream " + n);
            }
            assertEquals(steps, reset.stepsSeen(1));
            assertEquals(3 + steps, reset.stepsSeen(0));
            reset.reset();
            assertArrayEquals(f, stream(reset, then, steps, 2).readout(), mode + " after reset()");
        }
    }

    @Test
    void sessionsOnOneModelInTwoThreadsEachWithItsOwnThreadsGiveWhatEachGivesAlone() throws Exception {
        Model vgg = preset("vgg7", 0.25, 6);
        int steps = 4;
        Tensor a = encode(images(0, 4), steps, "bernoulli", 9), b = encode(images(4, 4), steps, "direct", 10);
        try (ComputePool one = ComputePool.of(1); ComputePool two = ComputePool.of(2)) {
            Run aloneA = stream(new Session(vgg, EngineMode.EVENT, 4).withPool(one), a, steps, 1);
            Run aloneB = stream(new Session(vgg, EngineMode.DENSE, 4).withPool(two), b, steps, 2);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<Run> ra = threads.submit(() -> stream(new Session(vgg, EngineMode.EVENT, 4).withPool(one), a, steps, 1));
                Future<Run> rb = threads.submit(() -> stream(new Session(vgg, EngineMode.DENSE, 4).withPool(two), b, steps, 2));
                assertArrayEquals(aloneA.readout(), ra.get().readout());
                assertEquals(aloneA.spikes(), ra.get().spikes());
                assertArrayEquals(aloneB.readout(), rb.get().readout());
                assertEquals(aloneB.spikes(), rb.get().spikes());
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void refusesAnnsHybridsAndInputOfAnotherBatch() {
        ModelSpec spec = Presets.byName("w1", DIGIT, 10, new Presets.Options(false, 0, 1));
        assertThrows(Snn4jException.class, () -> new Session(ModelBuilder.build(spec, ModelBuilder.Mode.ANN, 1), EngineMode.DENSE, 2));
        String hybrid = """
                {"name": "hybrid", "input": [1, 28, 28], "classes": 10,
                 "layers": [{"type": "flatten"}, {"type": "linear", "out": 16}, {"type": "spike"},
                            {"type": "linear", "out": 16}, {"type": "spike", "ann": true},
                            {"type": "linear", "out": 10}, {"type": "readout"}]}""";
        Model h = ModelBuilder.build(ModelSpec.parse(hybrid, "hybrid"), ModelBuilder.Mode.SNN, 1);
        assertThrows(Snn4jException.class, () -> new Session(h, EngineMode.DENSE, 2));
        Session session = new Session(ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 1), EngineMode.DENSE, 2);
        assertThrows(IllegalArgumentException.class, () -> session.step(images(0, 3)));
        session.step(images(0, 2));
        assertEquals(1, session.stepsSeen(1));
        session.reset();
        assertEquals(0, session.stepsSeen(0));
    }
}
