package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.io.Checkpoint;
import org.snn4j.kernels.Gemm;
import org.snn4j.kernels.Parallel;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.optim.ScheduleSpec;
import org.snn4j.tensor.Tensor;

class TrainerTest {
    private static final String SPEC = """
            {"name": "mlp", "input": [1, 28, 28], "classes": 10,
             "neuron": {"model": "lif", "leak": 0.9, "threshold": 1.0, "reset": "subtract", "surrogate": "triangle"},
             "layers": [{"type": "flatten"}, {"type": "linear", "out": 64}, {"type": "spike"},
                        {"type": "dropout", "p": 0.1}, {"type": "linear", "out": 10}, {"type": "readout"}]}""";
    private static Dataset train;
    private static Dataset test;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        train = Datasets.loadBundled(true).subset(1024);
        test = Datasets.loadBundled(false).subset(500);
    }

    private static Model model(long seed) {
        return ModelBuilder.build(ModelSpec.parse(SPEC, "mlp"), ModelBuilder.Mode.SNN, seed);
    }

    private TrainConfig config(int epochs, Path out, Path ckpt, boolean resume) {
        return TrainConfig.builder().epochs(epochs).steps(4).lr(2e-3).schedule(ScheduleSpec.cosine()).weightDecay(1e-4)
                .encoder(EncoderSpec.bernoulli(1.0)).seed(7).out(out).checkpoint(ckpt).resume(resume).build();
    }

    @Test
    void learnsDigitsWellAboveChanceAndReportsSpikes() {
        TrainResult r = new Trainer(model(7), config(2, dir.resolve("m.snn4j"), null, false), train, test).fit();
        assertEquals(2, r.history().size());
        assertTrue(r.test().accuracy() > 0.5, "accuracy " + r.test().accuracy());
        double rate = r.test().spikeRates().get("sn1");
        assertTrue(rate > 0 && rate < 1, "rate " + rate);
        assertTrue(r.trainSamplesPerSecond() > 0);
        assertTrue(Files.exists(r.modelFile()));
    }

    @Test
    void resumedRunEndsWithExactlyTheWeightsOfAnUninterruptedRun() {
        Model straight = model(7);
        new Trainer(straight, config(3, null, dir.resolve("a.ckpt"), false), train, test).fit();

        Model interrupted = model(7);
        Path ckpt = dir.resolve("b.ckpt");
        Trainer doomed = new Trainer(interrupted, config(3, null, ckpt, false), train, test, afterEpoch(r -> {
            if (r.epoch() == 1) throw new IllegalStateException("killed");                 // the process dies after epoch 1
        }));
        assertThrows(IllegalStateException.class, doomed::fit);
        Model resumed = model(99);                                                        // a fresh process: other init
        Recorder heard = new Recorder();
        TrainResult r = new Trainer(resumed, config(3, null, ckpt, true), train, test, heard).fit();

        assertEquals(3, r.history().size());
        assertEquals("resumed " + ckpt + " after 1", heard.events.getFirst());
        assertEquals(List.of(2, 3), heard.records.stream().map(EpochRecord::epoch).toList(), "only the epochs trained now");
        Map<String, Tensor> a = straight.parameterTensors();
        resumed.parameterTensors().forEach((name, t) -> assertArrayEquals(a.get(name).data(), t.data(), name));
        assertEquals(Checkpoint.Kind.CHECKPOINT, Checkpoint.load(ckpt).kind());
    }

    @Test
    void aRunWithItsOwnThreadsTrainsInThemAndEndsWithTheWeightsOfTheSharedPoolAtThatCount() {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Model shared = model(7);
            new Trainer(shared, config(1, null, null, false), train, test).fit();

            Parallel.setThreads(2);
            Model own = model(7);
            List<Integer> seen = new ArrayList<>();
            TrainingListener threadsSeen = new TrainingListener() {
                @Override
                public void epochEnded(EpochRecord r, int epochs) {
                    seen.add(Parallel.threads());
                }
            };
            new Trainer(own, config(1, null, null, false).toBuilder().threads(1).build(), train, test, threadsSeen).fit();
            assertEquals(List.of(1), seen, "the kernels' thread count inside the run");
            assertEquals(2, Parallel.threads(), "the shared pool is left alone");
            Map<String, Tensor> a = shared.parameterTensors();
            own.parameterTensors().forEach((name, t) -> assertArrayEquals(a.get(name).data(), t.data(), name));
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void divergenceStopsWithTheLayerAndStepAndKeepsTheLastCheckpoint() throws Exception {
        Path ckpt = dir.resolve("d.ckpt");
        Model m = model(7);
        Recorder heard = new Recorder() {
            @Override
            public void epochEnded(EpochRecord record, int epochs) {
                super.epochEnded(record, epochs);
                m.parameterTensors().get("fc2.weight").data()[3] = Float.NaN;      // corrupt after epoch 1
            }
        };
        Trainer t = new Trainer(m, config(2, null, ckpt, false), train, test, heard);
        var e = assertThrows(org.snn4j.Snn4jException.class, t::fit);
        assertEquals("batches of epoch 2 ended", heard.events.getLast(), "told even though a batch failed");
        assertTrue(e.getMessage().startsWith("training diverged at epoch 2, batch 1: fc2: non-finite value NaN"), e.getMessage());
        assertTrue(e.getMessage().contains("last good checkpoint"), e.getMessage());
        Checkpoint kept = Checkpoint.load(ckpt);
        assertTrue(Float.isFinite(kept.parameters().get("fc2.weight").data()[3]), "the checkpoint of epoch 1 is intact");
    }

    @Test
    void resumeRefusesACheckpointOfAnotherSeedOrModel() {
        Path ckpt = dir.resolve("c.ckpt");
        new Trainer(model(7), config(1, null, ckpt, false), train, test).fit();
        TrainConfig otherSeed = config(2, null, ckpt, true).toBuilder().seed(8).build();
        var e = assertThrows(org.snn4j.Snn4jException.class, () -> new Trainer(model(7), otherSeed, train, test).fit());
        assertTrue(e.getMessage().contains("seed 7"), e.getMessage());
    }

    @Test
    void aLearningRateThatDivergesStopsNamingTheLayerAndStepAndKeepsTheLastGoodCheckpoint() {
        Path ckpt = dir.resolve("diverging.ckpt");
        // Adam at 2e-3 for epoch 1, then the schedule multiplies the rate by 1e40: every Adam step moves each
        // weight by about 2e37, so a layer's sums overflow float32 in epoch 2 (a saturating surrogate keeps SGD finite)
        TrainConfig cfg = config(2, null, ckpt, false).toBuilder().schedule(ScheduleSpec.multiStep(1e40, 1)).weightDecay(0).build();
        var e = assertThrows(org.snn4j.Snn4jException.class, () -> new Trainer(model(7), cfg, train, test).fit());
        System.err.println("divergence message: " + e.getMessage());
        assertTrue(e.getMessage().matches("training diverged at epoch 2, batch \\d+: (fc\\d|sn\\d|readout|loss)(\\.weight)?: "
                + "non-finite value .* of the .*; the last good checkpoint .*diverging.ckpt is kept"), e.getMessage());
        Checkpoint kept = Checkpoint.load(ckpt);
        assertEquals(1, org.snn4j.io.TrainState.of(kept, "kept").integer("epochs_done", -1, 0, 2));
        kept.parameters().forEach((name, t) -> {
            for (float v : t.data()) assertTrue(Float.isFinite(v), name);
        });
    }

    @Test
    void anUnwritableOutputDirectoryStopsBeforeTheFirstEpoch() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        int[] epochs = {0};
        Trainer t = new Trainer(model(7), config(1, null, blocker.resolve("runs/m.ckpt"), false), train, test,
                afterEpoch(r -> epochs[0]++));
        var e = assertThrows(org.snn4j.Snn4jException.class, t::fit);
        assertEquals("cannot write " + blocker.resolve("runs/m.ckpt") + ": not a directory", e.getMessage());
        assertEquals(0, epochs[0], "no epoch was trained for nothing");
    }

    @Test
    void aListenerHearsEachEpochItsMiniBatchesAndItsRecordInOrder() {
        Recorder heard = new Recorder();
        TrainResult r = new Trainer(model(7), config(2, null, null, false), train, test, heard).fit();

        int batches = 1024 / 64;
        List<String> expected = new ArrayList<>();
        for (int epoch = 1; epoch <= 2; epoch++) {
            expected.add("epoch " + epoch + "/2 of 1024 samples");
            for (int b = 1; b <= batches; b++) expected.add("batch " + b + "/" + batches + " of epoch " + epoch + ", seen " + 64 * b);
            expected.add("batches of epoch " + epoch + " ended");
            expected.add("record of epoch " + epoch + "/2");
        }
        assertEquals(expected, heard.events);
        assertEquals(r.history(), heard.records, "every epoch record, as the result has them");
        for (int epoch = 1; epoch <= 2; epoch++) {                     // an epoch's last running figures are its record's
            TrainingListener.BatchProgress last = heard.batches.get(epoch * batches - 1);
            assertEquals(r.history().get(epoch - 1).trainLoss(), last.meanLoss());
            assertEquals(r.history().get(epoch - 1).trainAccuracy(), last.accuracy());
        }
    }

    @Test
    void aRunWithoutAListenerWritesNothingToTheConsole() {
        Gemm.implementationName();           // the kernels' one-time notice (if any) is logged before the capture
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(console, true));
            System.setErr(new PrintStream(console, true));
            new Trainer(model(7), config(1, dir.resolve("q.snn4j"), dir.resolve("q.ckpt"), false), train, test).fit();
            // resumed with the same settings (a checkpoint refuses others since RunSettings): restores silently
            new Trainer(model(7), config(1, null, dir.resolve("q.ckpt"), true), train, test).fit();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertEquals("", console.toString());
    }

    private static TrainingListener afterEpoch(Consumer<EpochRecord> action) {
        return new TrainingListener() {
            @Override
            public void epochEnded(EpochRecord record, int epochs) {
                action.accept(record);
            }
        };
    }

    /** Every call, as a line, and the records and running figures it was given. */
    private static class Recorder implements TrainingListener {
        final List<String> events = new ArrayList<>();
        final List<EpochRecord> records = new ArrayList<>();
        final List<BatchProgress> batches = new ArrayList<>();

        @Override
        public void resumed(Path checkpoint, int epochsDone) {
            events.add("resumed " + checkpoint + " after " + epochsDone);
        }

        @Override
        public void epochStarted(int epoch, int epochs, long samples) {
            events.add("epoch " + epoch + "/" + epochs + " of " + samples + " samples");
        }

        @Override
        public void batchEnded(BatchProgress p) {
            events.add("batch " + p.batch() + "/" + p.batches() + " of epoch " + p.epoch() + ", seen " + p.seen());
            assertEquals(64, p.size());
            assertTrue(Double.isFinite(p.meanLoss()) && p.accuracy() >= 0 && p.accuracy() <= 1, p.toString());
            batches.add(p);
        }

        @Override
        public void batchesEnded(int epoch) {
            events.add("batches of epoch " + epoch + " ended");
        }

        @Override
        public void epochEnded(EpochRecord record, int epochs) {
            events.add("record of epoch " + record.epoch() + "/" + epochs);
            records.add(record);
        }
    }
}
