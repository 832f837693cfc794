package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.optim.ScheduleSpec;

/** The metrics log a training run writes through its listener: read back line by line with Gson, as jq or pandas would. */
class MetricsLogTest {
    private static final String SPEC = """
            {"name": "mlp", "input": [1, 28, 28], "classes": 10,
             "neuron": {"model": "lif", "leak": 0.9, "threshold": 1.0, "reset": "subtract", "surrogate": "triangle"},
             "layers": [{"type": "flatten"}, {"type": "linear", "out": 32}, {"type": "spike"},
                        {"type": "linear", "out": 10}, {"type": "readout"}]}""";
    private static Dataset train;
    private static Dataset test;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        train = Datasets.loadBundled(true).subset(256);
        test = Datasets.loadBundled(false).subset(128);
    }

    private static Model model() {
        return ModelBuilder.build(ModelSpec.parse(SPEC, "mlp"), ModelBuilder.Mode.SNN, 7);
    }

    private TrainConfig config(int epochs, boolean resume, SpikePenalty penalty) {
        return TrainConfig.builder().epochs(epochs).steps(2).lr(2e-3).schedule(ScheduleSpec.cosine()).batch(64)
                .encoder(EncoderSpec.direct()).seed(7).out(dir.resolve("m.snn4j")).checkpoint(dir.resolve("m.ckpt"))
                .resume(resume).spikePenalty(penalty).build();
    }

    private static List<JsonObject> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    @Test
    void aRunWritesOneLinePerEpochWithItsFields() throws IOException {
        TrainConfig cfg = config(2, false, new SpikePenalty(0.01, SpikePenalty.Schedule.LINEAR));
        MetricsLog log = new MetricsLog(MetricsLog.beside(cfg.out()), cfg, "train");
        TrainResult r = new Trainer(model(), cfg, train, test, log).fit();
        assertEquals(dir.resolve("m.snn4j.metrics.jsonl"), log.file());
        List<JsonObject> lines = lines(log.file());
        assertEquals(2, lines.size());
        for (int i = 0; i < 2; i++) {
            JsonObject o = lines.get(i);
            EpochRecord e = r.history().get(i);
            assertEquals("epoch", o.get("kind").getAsString());
            assertEquals("train", o.get("command").getAsString());
            assertEquals(i + 1, o.get("epoch").getAsInt());
            assertEquals(2, o.get("epochs").getAsInt());
            assertEquals(e.trainLoss(), o.get("train_loss").getAsDouble());
            assertEquals(e.trainAccuracy(), o.get("train_accuracy").getAsDouble());
            assertEquals(e.testAccuracy(), o.get("test_accuracy").getAsDouble());
            assertEquals(e.testSpikeRates().get("sn1"), o.getAsJsonObject("test_spike_rates").get("sn1").getAsDouble());
            assertEquals(e.trainSpikeRates().get("sn1"), o.getAsJsonObject("train_spike_rates").get("sn1").getAsDouble());
            assertEquals(cfg.spikePenalty().weight(i, 2), o.get("spike_penalty").getAsDouble());
            assertEquals(cfg.schedule().create(2e-3, 2).rate(i, 0, 4), o.get("learning_rate").getAsDouble());
            assertTrue(o.get("samples_per_second").getAsDouble() > 0);
            assertTrue(o.get("epoch_seconds").getAsDouble() > 0);
            assertEquals(2, o.get("T").getAsInt());
            assertTrue(o.get("time").getAsString().endsWith("Z"));
        }
        assertEquals(0.0, lines.get(0).get("spike_penalty").getAsDouble());             // linear: 0 → λ
    }

    @Test
    void aKilledRunKeepsItsLinesAndTheResumedRunAppendsWithoutRepeatingAnEpoch() throws IOException {
        TrainConfig first = config(3, false, SpikePenalty.none());
        Path file = MetricsLog.beside(first.out());
        Files.writeString(file, "{\"kind\":\"epoch\",\"epoch\":1}\n{\"kind\":\"conversion\",\"method\":\"max\",\"T\":4}\n");
        TrainingListener killer = new TrainingListener() {
            @Override
            public void epochEnded(EpochRecord record, int epochs) {
                if (record.epoch() == 2) throw new IllegalStateException("killed");        // the process dies after epoch 2
            }
        };
        Trainer doomed = new Trainer(model(), first, train, test, TrainingListener.all(new MetricsLog(file, first, "train"), killer));
        assertThrows(IllegalStateException.class, doomed::fit);
        List<JsonObject> kept = lines(file);
        assertEquals(List.of("conversion", "epoch", "epoch"), kept.stream().map(o -> o.get("kind").getAsString()).toList());
        assertFalse(kept.get(1).has("spike_penalty"), "no penalty, no λ");                 // a new run replaced the old epoch

        Files.writeString(file, Files.readString(file) + "{\"kind\":\"epoch\",\"epoch\":3}\n{\"kind\":\"epoch\",\"ep");  // past the checkpoint; a torn line
        TrainConfig resumed = config(3, true, SpikePenalty.none());
        new Trainer(model(), resumed, train, test, new MetricsLog(file, resumed, "train")).fit();
        List<Integer> epochs = org.snn4j.io.JsonLines.read(file).stream().filter(o -> o.get("kind").getAsString().equals("epoch"))
                .map(o -> o.get("epoch").getAsInt()).toList();
        assertEquals(List.of(1, 2, 3), epochs);
        assertTrue(lines(file).getLast().has("train_loss"), "epoch 3 is the resumed run's own line");
    }
}
