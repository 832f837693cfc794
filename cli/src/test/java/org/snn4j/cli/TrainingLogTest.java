package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.train.EpochRecord;
import org.snn4j.train.TrainingListener.BatchProgress;

/** The lines {@code train} prints while it trains, from the trainer's listener calls. */
class TrainingLogTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true);

    @Test
    void printsTheResumeLineAndOneLinePerEpoch() {
        TrainingLog log = new TrainingLog(out, false);
        log.resumed(Path.of("runs/w1.ckpt"), 2);
        log.epochStarted(3, 4, 2000);
        log.batchEnded(new BatchProgress(3, 1, 32, 64, 64, 0.5, 0.875));
        log.batchesEnded(3);
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("sn1", 0.1234);
        rates.put("sn2", 0.05);
        log.epochEnded(new EpochRecord(3, 0.31234, 0.9, 0.8125, 1234.6, Map.of(), rates), 4);
        String n = System.lineSeparator();
        assertEquals("resuming from runs" + java.io.File.separator + "w1.ckpt after epoch 2" + n
                + "epoch 3/4  loss 0.3123  train acc 0.9000  test acc 0.8125  1235 samples/s  spikes/neuron/step sn1 0.123, sn2 0.050"
                + n, bytes.toString());
    }

    @Test
    void drawsAProgressBarPerEpochWhenAskedAndClosesItWhenTheBatchesEnd() {
        TrainingLog log = new TrainingLog(out, true);
        log.epochStarted(1, 2, 128);
        log.batchEnded(new BatchProgress(1, 1, 2, 64, 64, 2.0, 0.25));
        log.batchEnded(new BatchProgress(1, 2, 2, 64, 128, 1.5, 0.5));
        log.batchesEnded(1);
        String bar = bytes.toString();
        assertTrue(bar.contains("epoch 1/2") && bar.contains("128/128"), bar);
        int length = bar.length();
        log.epochEnded(new EpochRecord(1, 1.5, 0.5, 0.5, 100, Map.of(), Map.of()), 2);
        assertTrue(bytes.toString().substring(length).startsWith("epoch 1/2  loss 1.5000"), "the bar was closed before");
    }
}
