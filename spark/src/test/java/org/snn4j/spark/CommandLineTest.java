package org.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.cli.Main;

/**
 * The command line on Spark ({@code --spark-master local[2]}, the test run's shared context): eval and convert
 * print the single-machine results; local SGD trains and checkpoints. (Training with a gradient chunk equals one
 * machine's to the last bit: {@link SyncTrainingTest}, {@link SharedFilesTest}.)
 */
@ExtendWith(LocalSpark.class)
class CommandLineTest {
    private static final String[] SPARK = {"--spark-master", "local[2]", "--spark-partitions", "3"};
    private static final String[] SMALL = {"--model", "w1", "--width", "0.25", "--limit-train", "256", "--limit-test", "150",
            "--epochs", "1", "--T", "2", "--batch", "64", "--no-progress", "--json"};

    @TempDir
    Path dir;

    @Test
    void evalAndConvertOnSparkPrintTheSingleMachineResults() {
        Path snn = dir.resolve("snn.snn4j"), ann = dir.resolve("ann.snn4j");
        run(args(List.of("train", "--out", snn.toString()), SMALL));
        run(args(List.of("train", "--ann", "--out", ann.toString()), SMALL));

        List<String> eval = List.of("eval", "--model-file", snn.toString(), "--limit-test", "150", "--batch", "40",
                "--encoder", "bernoulli", "--json");
        JsonObject here = run(args(eval)), spark = run(args(eval, SPARK));
        for (String field : List.of("test_accuracy", "spikes_per_neuron_per_step", "acs_per_sample", "macs_per_sample")) {
            assertEquals(here.get(field), spark.get(field), field);
        }
        assertEquals(here.get("test_loss").getAsDouble(), spark.get("test_loss").getAsDouble(), 1e-9);

        List<String> convert = List.of("convert", "--model-file", ann.toString(), "--limit-test", "150", "--calibration", "200",
                "--batch", "50", "--T", "2,4", "--method", "max,p99.9", "--json");
        JsonObject sweepHere = run(args(convert)), sweepSpark = run(args(convert, SPARK));
        assertTrue(sweepHere.toString().contains("thresholds"), sweepHere.toString());
        assertEquals(sweepHere, sweepSpark, "the same thresholds, accuracies and operation counts");
    }

    @Test
    void localSgdTrainsAndCheckpoints() {
        Path out = dir.resolve("local-sgd.snn4j");
        JsonObject local = run(args(List.of("train"), args(List.of(SMALL), args(List.of(SPARK), "--local-sgd", "2", "--epochs", "2",
                "--out", out.toString()))));
        assertEquals(2, local.get("history").getAsJsonArray().size());
        var history = local.get("history").getAsJsonArray();
        double before = history.get(0).getAsJsonObject().get("trainLoss").getAsDouble();
        double after = history.get(1).getAsJsonObject().get("trainLoss").getAsDouble();
        assertTrue(after < before, "the loss fell: " + history);
        assertTrue(local.get("test_accuracy").getAsDouble() > 0.2, "twice chance: " + local);
        assertTrue(Files.exists(out) && Files.exists(Path.of(out + ".ckpt")), "model and checkpoint written");
    }

    /** Runs the command line; fails unless it exits 0; returns its last output line as JSON. */
    private static JsonObject run(String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true));
            code = Main.run(args);
        } finally {
            System.setOut(oldOut);
        }
        String text = out.toString().strip();
        assertEquals(0, code, String.join(" ", args) + "\n" + text);
        String[] lines = text.split("\n");
        return JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
    }

    private static String[] args(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
