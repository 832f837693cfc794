package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.io.OutputLock;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.Presets;
import org.snn4j.optim.ScheduleSpec;
import org.snn4j.train.EpochRecord;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.Trainer;
import org.snn4j.train.TrainingListener;

/**
 * No command destroys its input or loses a run (issue 24): an output that is an input (also through a
 * link), two outputs that are one file, a derived file that exists, a checkpoint of an unfinished run,
 * a resume with other settings and a second writer of the same model file are all refused before any
 * work, and every input file is unchanged afterwards (checked by hash).
 */
class OutputSafetyTest {
    @TempDir
    static Path shared;
    static Path model;

    @TempDir
    Path dir;

    private static final String[] SMALL = {"--model", "w1", "--width", "0.25", "--limit-train", "128", "--limit-test", "64",
            "--epochs", "1", "--T", "2", "--threads", "1", "--no-progress"};

    @BeforeAll
    static void trainOnce() {
        model = shared.resolve("w1.snn4j");
        CliTest.Run r = CliTest.run(CliTest.with(CliTest.with(new String[] {"train"}, SMALL), "--out", model.toString()));
        assertEquals(0, r.code(), r.err());
    }

    private static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs the command, expects exit 2 with the message, and the input unchanged. */
    private static void refused(Path input, String message, String... args) throws IOException {
        String before = sha256(input);
        CliTest.Run r = CliTest.run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("snn4j")).count(), r.err());
        assertEquals(before, sha256(input), input + " changed");
    }

    @Test
    void noCommandWritesOverItsInput() throws IOException {
        Path copy = Files.copy(model, dir.resolve("m.snn4j"));
        String m = copy.toString();
        String destroy = "is the input --model-file " + m + ": writing it would destroy the input";
        refused(copy, "--out " + m + " " + destroy, "finetune", "--model-file", m, "--out", m, "--epochs", "1", "--limit-train", "64");
        refused(copy, "--out " + m + " " + destroy, "convert", "--model-file", m, "--out", m);
        refused(copy, "--out " + m + " " + destroy, "export", "--format", "safetensors", "--model-file", m, "--out", m);
        refused(copy, "--out " + m + " " + destroy, "export", "--format", "nir", "--model-file", m, "--out", m);
        refused(copy, "--logits " + m + " " + destroy, "eval", "--model-file", m, "--logits", m);
        Path link = Files.createSymbolicLink(dir.resolve("link.snn4j"), copy);
        refused(copy, "--out " + link + " is the input --model-file " + m, "convert", "--model-file", m, "--out", link.toString());
        Path spec = Files.writeString(dir.resolve("net.json"), """
                {"name": "tiny", "input": [1, 28, 28], "classes": 10,
                 "layers": [{"type": "flatten"}, {"type": "linear", "out": 10}, {"type": "spike"},
                            {"type": "linear", "out": 10}, {"type": "readout"}]}""");
        refused(spec, "--out " + spec + " is the input --model " + spec, "train", "--model", spec.toString(), "--out", spec.toString(),
                "--epochs", "1", "--limit-train", "64", "--limit-test", "64", "--no-progress");
        Path onnx = dir.resolve("res.onnx");
        try (InputStream in = OutputSafetyTest.class.getResourceAsStream("/org/snn4j/interop/residual_cnn.onnx")) {
            Files.copy(in, onnx);
        }
        refused(onnx, "--out " + onnx + " is the input FILE " + onnx, "import", "--format", "onnx", onnx.toString(), "--out", onnx.toString());
    }

    @Test
    void twoOutputsThatAreOneFileAndAnExistingDerivedFileAreRefused() throws IOException {
        String m = model.toString();
        Path weights = dir.resolve("w.json");
        refused(model, "--out " + weights + " and the spec beside --out " + weights + " are the same file",
                "export", "--format", "safetensors", "--model-file", m, "--out", weights.toString());
        Path out = dir.resolve("a.snn4j");
        Path unrelated = Files.writeString(dir.resolve("x.json"), "{\"mine\": true}");
        String x = dir.resolve("x.safetensors").toString();
        refused(unrelated, "the spec beside --out " + unrelated + " exists and would be replaced; remove it, choose another --out,"
                + " or pass --force", "export", "--format", "safetensors", "--model-file", m, "--out", x);
        assertEquals(0, CliTest.run("export", "--format", "safetensors", "--model-file", m, "--out", x, "--force").code());
        refused(model, "--out " + out + " and --checkpoint " + out + " are the same file",
                CliTest.with(CliTest.with(new String[] {"train"}, SMALL), "--out", out.toString(), "--checkpoint", out.toString()));
        Path file = Files.writeString(dir.resolve("plots"), "not a directory");
        refused(file, "--plots " + file + " is a file, not a directory", "eval", "--model-file", m, "--plots", file.toString());
    }

    @Test
    void anUnfinishedRunIsNeitherReplacedNorResumedWithOtherSettings() throws IOException {
        Path ckpt = dir.resolve("w1.ckpt");
        Path out = dir.resolve("w1.snn4j");
        interruptedRun(ckpt);
        String[] base = CliTest.with(new String[] {"train"}, "--model", "w1", "--width", "0.25", "--limit-train", "128",
                "--limit-test", "64", "--epochs", "2", "--T", "2", "--threads", "1", "--no-progress", "--out", out.toString(),
                "--checkpoint", ckpt.toString());
        refused(ckpt, "--checkpoint " + ckpt + " holds an unfinished run (epoch 1 of 2); continue it with --resume, or start over"
                + " with --force", base);
        CliTest.Run other = CliTest.run(CliTest.with(base, "--resume", "--lr", "0.01", "--batch", "32"));
        assertEquals(1, other.code(), other.err());
        assertTrue(other.err().contains(ckpt + ": was written with other settings: batch 64 (now 32), lr 0.005 (now 0.01);"
                + " resume with the settings of the interrupted run"), other.err());
        assertEquals(0, CliTest.run(CliTest.with(base, "--resume")).code());
        assertEquals(0, CliTest.run(CliTest.with(base, "--epochs", "1", "--force")).code(), "a finished run's checkpoint is replaced");
    }

    @Test
    void aSecondRunWritingTheSameModelFileFailsAtItsStart() {
        Path out = dir.resolve("busy.snn4j");
        try (OutputLock other = OutputLock.acquire(out)) {
            CliTest.Run r = CliTest.run(CliTest.with(CliTest.with(new String[] {"train"}, SMALL), "--out", out.toString()));
            assertEquals(1, r.code());
            assertTrue(r.err().contains("another run is writing " + out), r.err());
        }
    }

    /** A checkpoint after epoch 1 of 2, as a run killed after its first epoch leaves it, made with the CLI's defaults. */
    private static void interruptedRun(Path ckpt) {
        Dataset train = Datasets.loadBundled(true).subset(128);
        Dataset test = Datasets.loadBundled(false).subset(64);
        var spec = Presets.byName("w1", train.sampleShape(), train.numClasses(), new Presets.Options(false, 0, 0.25));
        TrainConfig cfg = TrainConfig.builder().epochs(2).batch(64).steps(2).lr(5e-3).schedule(ScheduleSpec.cosine())
                .encoder(EncoderSpec.direct()).seed(1)
                .checkpoint(ckpt).threads(1).build();
        TrainingListener killedAfterEpoch1 = new TrainingListener() {
            @Override
            public void epochEnded(EpochRecord r, int epochs) {
                throw new IllegalStateException("killed");
            }
        };
        assertThrows(IllegalStateException.class,
                () -> new Trainer(ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 1), cfg, train, test, killedAfterEpoch1).fit());
    }
}
