package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snn4j.io.Checkpoint;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;

/**
 * The catalogue of bad inputs of docs/RELIABILITY.md, one row each: the CLI run with a bad flag or a bad
 * file must exit with the given code (2 bad usage, 1 failure), end stderr with exactly one error line
 * ({@code snn4j <command>: ...}, no stack trace) that holds the given message, and write no model file.
 * Lines before it are the run's own progress (training prints its set-up first). Each row's error line
 * is printed to stdout as {@code CATALOGUE|row|code|line} so the document quotes what users see.
 */
class BadInputCatalogueTest {
    @TempDir
    static Path dir;

    /** A row: what is wrong, the expected exit code and message fragment, and the arguments (files made in {@code d}). */
    record Row(String what, int code, String message, Args args) {
        @Override
        public String toString() {
            return what;
        }
    }

    @FunctionalInterface
    interface Args {
        String[] make(Path d) throws IOException;
    }

    private static final String[] TINY = {"--model", "w1", "--width", "0.25", "--limit-train", "128", "--limit-test", "64",
            "--epochs", "1", "--T", "2", "--threads", "1", "--no-progress"};
    private static final String TINY_SPEC = """
            {"name": "tiny", "input": [1, 28, 28], "classes": 10,
             "layers": [{"type": "flatten"}, {"type": "linear", "out": 10}, {"type": "spike"},
                        {"type": "linear", "out": 10}, {"type": "readout"}]}""";

    static Stream<Row> rows() {
        return Stream.of(
                // bad usage: exit 2, checked before any data is read
                new Row("zero time steps", 2, "--T must be > 0, was 0", d -> train(d, "--T", "0")),
                new Row("negative epochs", 2, "--epochs must be > 0, was -1", d -> train(d, "--epochs", "-1")),
                new Row("learning rate NaN", 2, "--lr must be > 0, was NaN", d -> train(d, "--lr", "NaN")),
                new Row("unknown neuron model", 2, "--neuron: unknown neuron model 'quantum'; valid: if, lif, plif",
                        d -> train(d, "--neuron", "quantum")),
                new Row("unknown surrogate", 2, "--surrogate: unknown surrogate 'magic'", d -> train(d, "--surrogate", "magic")),
                new Row("unknown reset", 2, "--reset: unknown reset 'sometimes'; valid: zero, subtract",
                        d -> train(d, "--reset", "sometimes")),
                new Row("leak outside [0, 1]", 2, "--leak must be in [0, 1], was 1.5", d -> train(d, "--leak", "1.5")),
                new Row("negative threshold", 2, "--threshold must be finite and > 0, was -1", d -> train(d, "--threshold", "-1")),
                new Row("unknown option", 2, "Unknown option: '--frobnicate'", d -> train(d, "--frobnicate")),
                new Row("ANN-only flag without --ann", 2, "--activation applies to ANN training only (add --ann)",
                        d -> train(d, "--activation", "clip")),
                new Row("unknown energy preset", 2, "--energy", d -> new String[] {"eval", "--model-file", "x", "--energy", "7nm"}),
                new Row("learning rate infinite", 2, "--lr must be finite and > 0, was Infinity", d -> train(d, "--lr", "Infinity")),
                new Row("threshold scale NaN", 2, "--threshold-scale must be finite and > 0, was NaN",
                        d -> new String[] {"convert", "--model-file", "x", "--threshold-scale", "NaN"}),
                new Row("negative threshold scale", 2, "--threshold-scale must be finite and > 0, was -1",
                        d -> new String[] {"convert", "--model-file", "x", "--threshold-scale", "-1"}),
                new Row("schedule with a milestone that is no number", 2,
                        "--schedule: learning-rate schedule 'multistep:abc': milestone 'abc' is not a whole number of epochs",
                        d -> train(d, "--schedule", "multistep:abc")),
                new Row("spike penalty weight for no spiking layer", 2, "--spike-penalty-weights: spike penalty weight for 'nosuch', "
                        + "which is not a spiking layer (spiking layers: sn1, sn2)", d -> train(d, "--spike-penalty-weights", "nosuch=2")),
                new Row("zero training samples asked for", 2, "--limit-train must be >= 1, was 0", d -> train(d, "--limit-train", "0")),
                new Row("negative training samples asked for", 2, "--limit-train must be >= 1, was -5", d -> train(d, "--limit-train", "-5")),
                new Row("width NaN", 2, "--width must be finite and > 0, was NaN", d -> train(d, "--width", "NaN")),
                new Row("negative width", 2, "--width must be finite and > 0, was -1", d -> train(d, "--width", "-1")),
                new Row("dropout of 1", 2, "--dropout must be in [0, 1), was 1", d -> train(d, "--dropout", "1")),
                new Row("crop larger than the image", 2, "--crop must be < 28, the image size of mnist-10k, was 100000",
                        d -> train(d, "--crop", "100000")),
                new Row("unknown data set", 2, "--data: unknown data set 'mnist-1k'; valid names: mnist-10k, mnist, fashion-mnist, "
                        + "cifar10, cifar100, cifar100-coarse, svhn", d -> train(d, "--data", "mnist-1k")),
                new Row("unknown preset", 2, "--model: unknown model 'vgg42'", d -> train(d, "--model", "vgg42")),
                new Row("unknown surrogate for finetune (before the model file)", 2, "--surrogate: unknown surrogate 'magic'",
                        d -> new String[] {"finetune", "--model-file", d.resolve("nowhere.snn4j").toString(), "--surrogate", "magic"}),
                // model specs: exit 1, naming the field and the layer entry
                new Row("spec file that is not JSON", 1, "spec.json: not valid JSON (End of input at line 1 column 15 path $.name)",
                        d -> trainSpec(d, "{\"name\": \"x\", ")),
                new Row("spec with an unknown layer type", 1, "layers[1] (convolution): unknown layer type 'convolution'",
                        d -> trainSpec(d, TINY_SPEC.replace("\"linear\", \"out\": 10}, {\"type\": \"spike\"", "\"convolution\"}, {\"type\": \"spike\""))),
                new Row("spec with a misspelt field", 1, "unknown field 'kernal'",
                        d -> trainSpec(d, TINY_SPEC.replace("{\"type\": \"flatten\"}", "{\"type\": \"conv\", \"out\": 2, \"kernal\": 3}"))),
                new Row("spec whose network ends in the wrong shape", 1, "the network ends in shape [7], expected [10]",
                        d -> trainSpec(d, TINY_SPEC.replace("{\"type\": \"linear\", \"out\": 10}, {\"type\": \"readout\"}",
                                "{\"type\": \"linear\", \"out\": 7}, {\"type\": \"readout\"}"))),
                new Row("linear layer on images without flatten", 1, "has rank 3, expected 1 (add a flatten layer first)",
                        d -> trainSpec(d, TINY_SPEC.replace("{\"type\": \"flatten\"}, ", ""))),
                new Row("spec whose weights exceed the heap", 1, "more than the JVM's maximum heap",
                        d -> trainSpec(d, TINY_SPEC.replace("\"out\": 10}, {\"type\": \"spike\"", "\"out\": 2000000}, {\"type\": \"spike\""))),
                new Row("spec with a number too large for Gson", 1, "field 'out' must be an integer",
                        d -> trainSpec(d, TINY_SPEC.replace("\"out\": 10}, {\"type\": \"spike\"", "\"out\": 1e999999999}, {\"type\": \"spike\""))),
                // data files: exit 1, naming the file
                new Row("IDX images cut short", 1, "train-images-idx3-ubyte: truncated after 1584 of 3152 bytes",
                        d -> mnist(d, "train-images-idx3-ubyte", b -> java.util.Arrays.copyOf(b, 1584))),
                new Row("IDX labels file given as images", 1, "magic number expected 2051, was 2049",
                        d -> mnist(d, "train-images-idx3-ubyte", b -> ByteBuffer.wrap(b).putInt(0, 2049).array())),
                new Row("IDX label out of range", 1, "label 12 at index 0 out of range [0, 10)",
                        d -> mnist(d, "train-labels-idx1-ubyte", b -> { b[8] = 12; return b; })),
                new Row("IDX header declaring 2^31 bytes", 1, "dimensions 4 x 65536 x 65536 exceed 2^31 bytes",
                        d -> mnist(d, "train-images-idx3-ubyte", b -> ByteBuffer.wrap(b).putInt(8, 65536).putInt(12, 65536).array())),
                new Row("corrupt gzip data", 1, "corrupt gzip data",
                        d -> mnist(d, "train-images-idx3-ubyte.gz", b -> { byte[] z = org.snn4j.datasets.DataFiles.gzip(b); z[20] ^= 0x55; return z; })),
                new Row("missing CIFAR batch", 1, "data_batch_1.bin: file not found", d -> cifar(d, 0)),
                new Row("CIFAR batch not a whole number of records", 1, "is not a whole number of 3073-byte records",
                        d -> cifar(d, 3073 * 2 + 100)),
                new Row("IDX files with 0 images", 1, "mnist-train: the data set holds no samples", d -> mnist(d, 0, "", b -> b)),
                new Row("training set of one class", 1, "mnist-train: all 4 samples are of class 3; training needs at least two classes",
                        d -> mnist(d, "train-labels-idx1-ubyte", b -> { java.util.Arrays.fill(b, 8, b.length, (byte) 3); return b; })),
                new Row("evaluation on a set without samples", 1, "mnist-test: the data set holds no samples", d -> {
                    mnist(d, 0, "", b -> b);
                    return new String[] {"eval", "--model-file", modelFile(d, "m.snn4j", TINY_SPEC, TINY_SPEC, "{\"mode\": \"snn\"}").toString(),
                            "--data", "mnist", "--data-dir", d.toString()};
                }),
                new Row("SVHN file saved as MATLAB v7.3", 1, "MATLAB v7.3 (HDF5) files are not supported; save with -v7 or -v6",
                        BadInputCatalogueTest::svhnV73),
                // model and checkpoint files
                new Row("model file that does not exist", 1, "nowhere.snn4j: no such file",
                        d -> new String[] {"eval", "--model-file", d.resolve("nowhere.snn4j").toString()}),
                new Row("model file that is not safetensors", 1, "junk.snn4j: header length",
                        d -> eval(Files.writeString(d.resolve("junk.snn4j"), "junk file"))),
                new Row("safetensors file that is no snn4j model", 1, "not an snn4j model or checkpoint (snn4j.format is null",
                        d -> eval(foreignSafetensors(d))),
                new Row("model file with a tensor of another shape", 1, "tensor 'fc1.weight' shape expected [10, 784], was [11, 784]",
                        d -> eval(modelFile(d, "shape.snn4j", TINY_SPEC, TINY_SPEC.replace("\"out\": 10}, {\"type\": \"spike\"",
                                "\"out\": 11}, {\"type\": \"spike\""), "{\"mode\": \"snn\"}"))),
                new Row("model file with an infinite weight", 1, "inf.snn4j: tensor 'fc1.weight' holds a non-finite value Infinity at index 0",
                        d -> eval(infiniteWeight(d))),
                new Row("model file whose train_state is damaged", 1, "train_state.steps must be an integer, was \"eight\"",
                        d -> eval(modelFile(d, "state.snn4j", TINY_SPEC, TINY_SPEC, "{\"mode\": \"snn\", \"steps\": \"eight\"}"))),
                new Row("model file whose train_state is not JSON", 1, "metadata train_state is not valid JSON",
                        d -> eval(modelFile(d, "state2.snn4j", TINY_SPEC, TINY_SPEC, "{\"mode\": "))),
                new Row("--resume without a checkpoint", 1, "no checkpoint to resume from", d -> train(d, "--resume")),
                // where results go, and training itself
                new Row("output under a regular file", 1, "not-a-dir exists and is not a directory",
                        d -> train(d, "--out", Files.writeString(d.resolve("not-a-dir"), "x").resolve("m.snn4j").toString())),
                new Row("learning rate that diverges", 1, "training diverged at epoch 1, batch 2: conv1: non-finite value Infinity at "
                        + "element 131 of the output; no epoch had finished, so there is no checkpoint", d -> train(d, "--lr", "1e38")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void badInputGivesOneLineAndItsExitCode(Row row) throws IOException {
        Path d = Files.createTempDirectory(dir, "row");
        CliTest.Run r = CliTest.run(row.args().make(d));
        String err = r.err().strip();
        java.util.List<String> lines = err.lines().toList();
        String last = lines.getLast();
        System.out.println("CATALOGUE|" + row.what() + "|" + r.code() + "|" + last);
        assertEquals(row.code(), r.code(), err);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("snn4j ")).count(), "one error line: " + err);
        assertTrue(last.startsWith("snn4j ") && last.contains(row.message()), err);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by")), "no stack trace: " + err);
        assertFalse(Files.exists(d.resolve("never.snn4j")), "a failed run writes no model");
    }

    private static String[] train(Path d, String... more) {
        String[] base = CliTest.with(new String[] {"train"}, TINY);
        return CliTest.with(CliTest.with(base, "--out", d.resolve("never.snn4j").toString()), more);
    }

    private static String[] trainSpec(Path d, String spec) throws IOException {
        return train(d, "--model", Files.writeString(d.resolve("spec.json"), spec).toString());
    }

    private static String[] eval(Path modelFile) {
        return new String[] {"eval", "--model-file", modelFile.toString(), "--limit-test", "64"};
    }

    /** Four small IDX files of 28x28 digits in {@code d}, one of them changed by {@code damage}. */
    private static String[] mnist(Path d, String damaged, java.util.function.UnaryOperator<byte[]> damage) throws IOException {
        return mnist(d, 4, damaged, damage);
    }

    /** As {@link #mnist(Path, String, java.util.function.UnaryOperator)} with {@code n} images per split. */
    private static String[] mnist(Path d, int n, String damaged, java.util.function.UnaryOperator<byte[]> damage) throws IOException {
        Map<String, byte[]> files = org.snn4j.datasets.DataFiles.smallMnist(n);
        for (var e : files.entrySet()) {
            if (damaged.equals(e.getKey() + ".gz")) {
                Files.write(d.resolve(damaged), damage.apply(e.getValue()));
            } else {
                Files.write(d.resolve(e.getKey()), e.getKey().equals(damaged) ? damage.apply(e.getValue()) : e.getValue());
            }
        }
        return train(d, "--data", "mnist", "--data-dir", d.toString());
    }

    /** CIFAR-10 files in {@code d}: the first training batch of {@code size} bytes (absent for 0), the others whole. */
    private static String[] cifar(Path d, int size) throws IOException {
        Path b = Files.createDirectories(d.resolve("cifar-10-batches-bin"));
        byte[] record = new byte[3073];
        if (size > 0) Files.write(b.resolve("data_batch_1.bin"), new byte[size]);
        for (int i = 2; i <= 5; i++) Files.write(b.resolve("data_batch_" + i + ".bin"), record);
        Files.write(b.resolve("test_batch.bin"), record);
        return train(d, "--data", "cifar10", "--data-dir", d.toString());
    }

    private static String[] svhnV73(Path d) throws IOException {
        byte[] header = new byte[512];
        byte[] text = "MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Nov 30 2026 HDF5 schema 1.00 .".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        Files.write(d.resolve("train_32x32.mat"), header);
        Files.write(d.resolve("test_32x32.mat"), header);
        return train(d, "--data", "svhn", "--data-dir", d.toString());
    }

    private static Path foreignSafetensors(Path d) {
        Path f = d.resolve("foreign.safetensors");
        org.snn4j.io.SafeTensors.save(f, Map.of("w", org.snn4j.tensor.Tensor.zeros(2)), Map.of("format", "pt"));
        return f;
    }

    /** A model file of {@link #TINY_SPEC} whose first weight (fc1.weight[0]) is +Inf: well-formed, checksum and all. */
    private static Path infiniteWeight(Path d) {
        Model weights = ModelBuilder.build(ModelSpec.parse(TINY_SPEC, "weights"), ModelBuilder.Mode.SNN, 1);
        weights.parameterTensors().get("fc1.weight").data()[0] = Float.POSITIVE_INFINITY;
        Path f = d.resolve("inf.snn4j");
        new Checkpoint(Checkpoint.Kind.MODEL, weights.spec().toJson(), Map.of("train_state", "{\"mode\": \"snn\"}"),
                weights.parameterTensors(), weights.bufferTensors(), Map.of()).save(f);
        return f;
    }

    /** A model file whose spec is {@code spec} and whose tensors come from a model built from {@code weightsSpec}. */
    private static Path modelFile(Path d, String name, String spec, String weightsSpec, String trainState) {
        Model weights = ModelBuilder.build(ModelSpec.parse(weightsSpec, "weights"), ModelBuilder.Mode.SNN, 1);
        Path f = d.resolve(name);
        new Checkpoint(Checkpoint.Kind.MODEL, ModelSpec.parse(spec, "spec").toJson(), Map.of("train_state", trainState),
                weights.parameterTensors(), weights.bufferTensors(), Map.of()).save(f);
        return f;
    }
}
