package org.snn4j.cli;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;
import org.snn4j.data.Datasets;
import org.snn4j.model.AnnActivation;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.train.Augment;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.TrainResult;
import org.snn4j.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code snn4j train}: spike-based BPTT training of a preset or spec-file network. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train an SNN with spike-based backpropagation through time and report accuracy and spikes.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--T", paramLabel = "STEPS", defaultValue = "8", description = "Time steps per sample (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "5e-3", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--schedule", defaultValue = "cosine",
            description = "constant, cosine[:MIN], multistep:E1,E2,..[:GAMMA], warmup:EPOCHS:SCHEDULE (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, adam or adamw (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--weight-decay", defaultValue = "0", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--encoder", defaultValue = "direct", description = "direct or bernoulli (default: ${DEFAULT-VALUE}).")
    String encoder;

    @Option(names = "--gain", defaultValue = "1", description = "Bernoulli gain c: spike probability c·|x| (default: ${DEFAULT-VALUE}).")
    double gain;

    @Option(names = "--loss", defaultValue = "ce", description = "ce, sse (Lee et al.) or mse (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--ann", description = "Train the ANN twin of the model (an activation in place of spiking neurons, T = 1).")
    boolean ann;

    @Option(names = "--activation", paramLabel = "relu|clip|qcfs",
            description = "With --ann: the activation in place of spiking neurons, written into the saved model's spec "
                    + "(default: the spec's ann_activation, relu if none). clip = min(max(z, 0), λ); qcfs = Bu et al.'s "
                    + "quantized clip; λ is trained per layer.")
    String activation;

    @Option(names = "--levels", paramLabel = "L", description = "With --activation qcfs: quantization levels (default: 8).")
    Integer levels;

    @Option(names = "--bound", paramLabel = "LAMBDA",
            description = "With --activation clip or qcfs: initial value of the trainable bound λ (default: 8).")
    Double bound;

    @Option(names = "--crop", paramLabel = "PAD", defaultValue = "0",
            description = "Random crop of training images after zero padding by PAD pixels (default: ${DEFAULT-VALUE}: none).")
    int crop;

    @Option(names = "--flip", description = "Random horizontal flips of training images (not for digits).")
    boolean flip;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the trained model (default: runs/<model>.snn4j).")
    Path out;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Per-epoch checkpoint (default: <out>.ckpt).")
    Path checkpoint;

    @Option(names = "--resume", description = "Continue from the checkpoint.")
    boolean resume;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.applyThreads(spec);
        Flags.positive(spec, "--T", steps);
        Flags.positive(spec, "--epochs", epochs);
        Flags.positive(spec, "--batch", batch);
        Flags.positive(spec, "--lr", lr);
        Flags.positive(spec, "--gain", gain);
        Flags.nonNegative(spec, "--weight-decay", weightDecay);
        Flags.nonNegative(spec, "--crop", crop);
        AnnActivation annActivation = annActivation();
        Dataset train = dataOptions.load(common.dataDir, true);
        Dataset test = dataOptions.load(common.dataDir, false);
        ModelSpec modelSpec = modelOptions.spec(train, ann);
        if (annActivation != null) modelSpec = modelSpec.withAnnActivation(annActivation);
        ModelBuilder.Mode mode = ann ? ModelBuilder.Mode.ANN : ModelBuilder.Mode.SNN;
        if (ann && (steps != 1 || !encoder.equals("direct"))) {
            System.err.println("ANN training: one step of direct input (--T and --encoder are ignored)");
            steps = 1;
            encoder = "direct";
        }
        Path outFile = out != null ? out : Path.of("runs", modelSpec.name() + (ann ? "-ann" : "") + ".snn4j");
        Path ckpt = checkpoint != null ? checkpoint : Path.of(outFile + ".ckpt");
        TrainConfig cfg = new TrainConfig(epochs, batch, steps, lr, schedule, optimizer, weightDecay, momentum, encoder, gain,
                loss, common.seed, outFile, ckpt, resume, !noProgress && !common.json && Terminal.isInteractive(),
                new Augment(crop, flip));
        Model model = ModelBuilder.build(modelSpec, mode, common.seed);
        System.err.printf("training %s%s (%,d parameters) on %s: %d train / %d test samples, T=%d, %s%n", modelSpec.name(),
                ann ? " (ANN twin, " + modelSpec.annActivation() + ")" : "", model.parameterCount(), train.name(), train.size(),
                test.size(), steps, Terminal.threads());
        TrainResult r = new Trainer(model, cfg, train, test, System.err).fit();
        Reports.printEvaluation(System.out, r.test());
        System.out.printf("train samples/s: %.1f%nmodel file: %s%n", r.trainSamplesPerSecond(), r.modelFile());
        if (common.json) {
            JsonObject o = Reports.evaluationJson(r.test());
            o.addProperty("model", modelSpec.name());
            o.addProperty("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
            if (ann) o.add("ann_activation", modelSpec.annActivation().toJson());
            o.addProperty("train_samples_per_second", r.trainSamplesPerSecond());
            o.addProperty("model_file", String.valueOf(r.modelFile()));
            o.addProperty("epochs", r.history().size());
            o.add("history", new com.google.gson.Gson().toJsonTree(r.history()));
            System.out.println(o);
        }
        return 0;
    }

    /** The activation the flags ask for (null: keep the spec's); bad combinations are bad usage. */
    private AnnActivation annActivation() {
        if (!ann) {
            for (var f : new Object[][] {{"--activation", activation}, {"--levels", levels}, {"--bound", bound}}) {
                if (f[1] != null) throw new ParameterException(spec.commandLine(), f[0] + " applies to ANN training only (add --ann)");
            }
            return null;
        }
        if (activation == null) {
            if (levels != null || bound != null) {
                throw new ParameterException(spec.commandLine(), (levels != null ? "--levels" : "--bound") + " needs --activation "
                        + (levels != null ? "qcfs" : "clip or qcfs"));
            }
            return null;
        }
        AnnActivation.Kind kind;
        try {
            kind = AnnActivation.Kind.byLabel(activation);
        } catch (Snn4jException e) {
            throw new ParameterException(spec.commandLine(), "--activation must be relu, clip or qcfs, was '" + activation + "'");
        }
        if (levels != null && kind != AnnActivation.Kind.QCFS) {
            throw new ParameterException(spec.commandLine(), "--levels applies to --activation qcfs only, not " + activation);
        }
        if (bound != null && kind == AnnActivation.Kind.RELU) {
            throw new ParameterException(spec.commandLine(), "--bound applies to --activation clip or qcfs only, not relu");
        }
        if (levels != null) Flags.positive(spec, "--levels", levels);
        if (bound != null) Flags.positiveFinite(spec, "--bound", bound);
        int l = levels != null ? levels : AnnActivation.DEFAULT_LEVELS;
        double b = bound != null ? bound : AnnActivation.DEFAULT_BOUND;
        return switch (kind) {
            case RELU -> AnnActivation.relu();
            case CLIP -> AnnActivation.clip(b);
            case QCFS -> AnnActivation.qcfs(l, b);
        };
    }
}
