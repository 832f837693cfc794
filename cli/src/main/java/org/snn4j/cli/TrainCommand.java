package org.snn4j.cli;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.EventDatasets;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.model.AnnActivation;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.Presets;
import org.snn4j.model.Recipe;
import org.snn4j.tensor.Tensor;
import org.snn4j.train.ActivityInit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code snn4j train}: spike-based BPTT training of a preset or spec-file network; with {@code --learning stdp}, Diehl &amp;
 * Cook's network by unsupervised STDP ({@link StdpTraining}, as {@code snn4j stdp}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train an SNN with spike-based backpropagation through time and report accuracy and spikes; "
                + "`--model diehl-cook:N --learning stdp` trains Diehl & Cook's network by unsupervised STDP instead (as `snn4j stdp`).")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    TrainingOptions training;

    @Mixin
    EventOptions eventOptions;

    @Option(names = "--T", paramLabel = "STEPS", defaultValue = "8", description = "Time steps per sample (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--encoder", defaultValue = "direct",
            description = "direct or bernoulli; event data is read as frames (default: ${DEFAULT-VALUE}; frames for event data).")
    String encoder;

    @Option(names = "--gain", defaultValue = "1", description = "Bernoulli gain c: spike probability c·|x| (default: ${DEFAULT-VALUE}).")
    double gain;

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

    @Option(names = "--learning", paramLabel = "bptt|stdp", defaultValue = "bptt",
            description = "bptt: surrogate-gradient BPTT (default); stdp: unsupervised STDP of --model diehl-cook:N, the run of "
                    + "`snn4j stdp --neurons N` with its defaults (--epochs passes, 1 unless given), which also takes --plots.")
    String learning;

    @Option(names = "--init", paramLabel = "default|activity", defaultValue = "default",
            description = "Weights: the preset's initialisation, or activity: then scaled layer by layer until every spiking layer "
                    + "fires 0.02-0.3 spikes per neuron per step on the first 64 training images, direct input at T steps "
                    + "(a deep preset that falls silent at small T stays alive) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--pretrain", paramLabel = "stdp", description = "stdp: before gradient training, initialise the model's "
            + "convolutions by convolutional STDP, layer by layer, on the first --pretrain-samples training images (pixel intensities as "
            + "first-spike times; each learned kernel centred and scaled to the initial weights' standard deviation).")
    String pretrain;

    @Option(names = "--pretrain-samples", paramLabel = "N", defaultValue = "2000",
            description = "With --pretrain stdp: training images each convolution learns from (default: ${DEFAULT-VALUE}).")
    int pretrainSamples;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.applyThreads(spec);
        if (!learning.equals("bptt") && !learning.equals("stdp")) {
            throw new ParameterException(spec.commandLine(), "--learning must be bptt or stdp, was '" + learning + "'");
        }
        if (learning.equals("stdp")) return StdpTraining.ofTrain(spec, modelOptions.model, training.epochs).run(dataOptions, common,
                training.plots, false, training.out);
        if (modelOptions.model.startsWith(StdpTraining.MODEL + ":")) {
            throw new ParameterException(spec.commandLine(), "--model " + modelOptions.model + " learns by STDP: add --learning stdp");
        }
        // A preset's measured recipe replaces the defaults of the flags not given (SNN training only: an ANN
        // twin is trained with the command's defaults). --init activity is the other remedy for a silent deep
        // preset: asked for, it wins over the recipe's tdBN as an explicit flag wins over any recipe setting.
        Recipe presetRecipe = init.equals("activity") ? Presets.recipe(modelOptions.model).without("norm") : Presets.recipe(modelOptions.model);
        List<String> recipe = ann || modelOptions.specFile() != null ? List.of() : RecipeDefaults.apply(spec, presetRecipe);
        if (!recipe.isEmpty()) System.err.println("recipe of " + modelOptions.model + ": " + String.join(" ", recipe));
        Flags.positive(spec, "--T", steps);
        Flags.positive(spec, "--gain", gain);
        if (!init.equals("default") && !init.equals("activity")) {
            throw new ParameterException(spec.commandLine(), "--init must be default or activity, was '" + init + "'");
        }
        if (ann && init.equals("activity")) throw new ParameterException(spec.commandLine(), "--init activity applies to SNN training only");
        if (pretrain != null && !pretrain.equals("stdp")) throw new ParameterException(spec.commandLine(), "--pretrain must be stdp, was '" + pretrain + "'");
        if (pretrain == null && spec.commandLine().getParseResult().hasMatchedOption("--pretrain-samples")) {
            throw new ParameterException(spec.commandLine(), "--pretrain-samples applies to --pretrain stdp");
        }
        if (pretrainSamples < 1) throw new ParameterException(spec.commandLine(), "--pretrain-samples must be >= 1, was " + pretrainSamples);
        if (pretrain != null && dataOptions.isEvents()) throw new ParameterException(spec.commandLine(), "--pretrain stdp reads images, not event data");
        EncoderSpec encoderSpec = Flags.parsed(spec, "--encoder", () -> EncoderSpec.parse(encoder, gain));
        training.check(spec);
        encoderSpec = eventInput(encoderSpec);
        AnnActivation annActivation = annActivation();
        modelOptions.check(spec);
        try {
            if (modelOptions.hybrid() != null && ann) throw new Snn4jException("--hybrid builds an SNN with ANN layers; drop --ann");
        } catch (Snn4jException e) {  // also a malformed --boundary or a negative K
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ModelBuilder.Mode mode = ann ? ModelBuilder.Mode.ANN : ModelBuilder.Mode.SNN;
        Presets.Norm norm = modelOptions.norm(spec, ann);
        if (norm == Presets.Norm.TDBN && init.equals("activity")) {
            throw new ParameterException(spec.commandLine(), "--init activity scales weights whose scale --norm tdbn normalises away; use one of them");
        }
        ModelSpec declared = modelOptions.declaredSpec(spec, dataOptions.layout(), norm);
        training.checkAgainst(spec, dataOptions.name(), dataOptions.layout(),
                () -> ModelBuilder.build(declared, mode, common.seed).neuronLayers().keySet());
        Dataset train = dataOptions.trainingSet(common.dataDir);
        training.trainFiles(dataOptions.source(common.dataDir, true));
        Dataset test = dataOptions.load(common.dataDir, false);
        ModelSpec modelSpec = dataOptions.isEvents() ? declared : modelOptions.spec(train, norm);
        if (annActivation != null) modelSpec = modelSpec.withAnnActivation(annActivation);
        if (ann && (steps != 1 || encoderSpec.kind() != EncoderSpec.Kind.DIRECT)) {
            System.err.println("ANN training: one step of direct input (--T and --encoder are ignored)");
            steps = 1;
            encoderSpec = new EncoderSpec(EncoderSpec.Kind.DIRECT, gain);
        }
        Model model = ModelBuilder.build(modelSpec, mode, common.seed);
        if (pretrain != null) StdpPretrain.apply(spec, model, train, pretrainSamples, common.seed);
        JsonObject extra = new JsonObject();
        if (!ann && !dataOptions.isEvents()) {
            // Each spiking layer's rate as the first training step sees it (batch statistics), on the first training
            // batch (at most 64 images; --init activity scales on 64) as direct input: a layer at 0 gets no surrogate
            // gradient. No more images than a batch, so that a run whose batches fit is not refused for this pass
            // (Lee's vgg9 and resnet11 at T = 100 with batch 16).
            int calibrationSize = Math.min(train.size(), init.equals("activity") ? 64 : Math.min(64, training.batch));
            Tensor calibration = train.images(IntStream.range(0, calibrationSize).toArray());
            Flags.fits(spec, model, steps, Math.max(training.batch, calibration.dim(0)), true);  // a run too large is refused before this pass
            Map<String, Double> rates = init.equals("activity") ? ActivityInit.apply(model, calibration, steps, 0.02, 0.3)
                    : ActivityInit.rates(model, calibration, steps);
            System.err.println((init.equals("activity") ? "activity initialisation" : "at initialisation")
                    + ", spikes per neuron per step (first " + calibration.dim(0) + " training images, direct input, T=" + steps + "): "
                    + rates.entrySet().stream().map(e -> e.getKey() + String.format(Locale.ROOT, " %.3f", e.getValue()))
                    .collect(Collectors.joining(", ")));
            JsonObject initRates = new JsonObject();
            rates.forEach(initRates::addProperty);
            extra.add("init_rates", initRates);
        }
        System.err.printf("training %s%s (%,d parameters) on %s: %d train / %d test samples, T=%d, %s%n", modelSpec.name(),
                ann ? " (ANN twin, " + modelSpec.annActivation() + ")" : "", model.parameterCount(), train.name(), train.size(),
                test.size(), steps, Terminal.threads());
        if (ann) extra.add("ann_activation", modelSpec.annActivation().toJson());
        if (!recipe.isEmpty()) extra.addProperty("recipe", String.join(" ", recipe));
        if (pretrain != null) extra.addProperty("pretrain", "stdp, " + pretrainSamples + " samples per convolution");
        training.trainAndReport(spec, Outputs.of(spec).input("--model", modelOptions.specFile()), model, train, test, steps,
                encoderSpec, common,
                Path.of("runs", modelSpec.name() + (ann ? "-ann" : "") + ".snn4j"), extra);
        return 0;
    }

    /**
     * For event data: the frames the data becomes, the {@code frames} encoder and, unless {@code --model}
     * names one, the {@code nmnist} preset. Frames of image data, or an ANN on event data, are bad usage.
     */
    private EncoderSpec eventInput(EncoderSpec requested) {
        boolean encoderGiven = spec.commandLine().getParseResult().hasMatchedOption("--encoder");
        if (!dataOptions.isEvents()) {
            if (requested.kind() == EncoderSpec.Kind.FRAMES) {
                throw new ParameterException(spec.commandLine(), "--encoder frames reads event data (--data n-digits), not "
                        + dataOptions.name());
            }
            return requested;
        }
        if (ann) throw new ParameterException(spec.commandLine(), "--ann trains on one step of images; event data needs an SNN");
        if (encoderGiven && requested.kind() != EncoderSpec.Kind.FRAMES) {
            throw new ParameterException(spec.commandLine(), "--data " + dataOptions.name() + " is event data, read as frames; drop --encoder "
                    + encoder);
        }
        dataOptions.events(spec, eventOptions, steps, common.seed);
        if (!spec.commandLine().getParseResult().hasMatchedOption("--model")) {
            // spike audio (a row of units) gets the recurrent audio preset, camera events the N-MNIST one
            modelOptions.model = EventDatasets.layout(dataOptions.name()).height() == 1 ? "shd-rsnn" : "nmnist";
        }
        return new EncoderSpec(EncoderSpec.Kind.FRAMES, gain);
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
