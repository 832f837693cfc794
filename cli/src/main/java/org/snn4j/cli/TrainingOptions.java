package org.snn4j.cli;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.DataSource;
import org.snn4j.datasets.Datasets;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.io.JsonLines;
import org.snn4j.io.OutputLock;
import org.snn4j.loss.Loss;
import org.snn4j.loss.Losses;
import org.snn4j.metrics.EnergyModel;
import org.snn4j.model.Model;
import org.snn4j.optim.OptimizerKind;
import org.snn4j.optim.ScheduleSpec;
import org.snn4j.plot.ReportFigures;
import org.snn4j.plot.svg.Svg;
import org.snn4j.train.Augment;
import org.snn4j.train.MetricsLog;
import org.snn4j.train.RunSettings;
import org.snn4j.train.SpikePenalty;
import org.snn4j.train.LocalBackend;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.TrainingBackend;
import org.snn4j.train.TrainResult;
import org.snn4j.train.Trainer;
import org.snn4j.train.TrainingListener;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The optimisation flags {@code train} and {@code finetune} share, and the run and report they share. */
final class TrainingOptions {
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

    @Option(names = "--loss", defaultValue = "ce",
            description = "ce, sse (Lee et al.), mse, or stochmax[:SIGMA[:NOISE[:ANNEALING]]]: cross-entropy on logits plus σ·noise "
                    + "during training only (Panda et al.), NOISE gaussian, gumbel or target, σ annealed constant, linear or cosine "
                    + "over training (defaults 1, gaussian, linear) (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--spike-penalty", paramLabel = "LAMBDA", defaultValue = "0",
            description = "Weight λ of the spike-count term λ·S of the loss, S = mean spikes per neuron per step (Allred et al.) "
                    + "(default: ${DEFAULT-VALUE}).")
    double spikePenalty;

    @Option(names = "--spike-penalty-schedule", paramLabel = "S", defaultValue = "constant",
            description = "λ over epochs: constant, linear (0 → λ), anneal (fast rise to λ), step (0, then λ from half the epochs) "
                    + "(default: ${DEFAULT-VALUE}).")
    String spikePenaltySchedule;

    @Option(names = "--spike-penalty-weights", paramLabel = "LAYER=W,...",
            description = "Per-layer weights of the spike count in the penalty (default: 1 for every spiking layer).")
    String spikePenaltyWeights;

    @Option(names = "--spike-penalty-norm", paramLabel = "N", defaultValue = "neurons",
            description = "What the spike counts are divided by: neurons (all hidden neuron-steps: every spike weighs alike) or "
                    + "layers (each layer's own, averaged over the layers: each layer's rate weighs alike) (default: ${DEFAULT-VALUE}).")
    String spikePenaltyNorm;

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

    @Option(names = "--force", description = "Start over although the checkpoint holds an unfinished run (without --resume).")
    boolean force;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Mixin
    PlotsOption plots;

    @Mixin
    SparkOptions sparkOptions;

    @Option(names = "--spark-shared-data",
            description = "With Spark: every executor opens the training set's files at the same path (a shared filesystem) instead of "
                    + "receiving the samples from the driver; always so for --data folder:PATH, whose tasks decode only their shards' images.")
    boolean sparkSharedData;

    @Option(names = "--local-sgd", paramLabel = "K",
            description = "With Spark: local SGD, every partition taking K optimizer steps on its shards before the weights and "
                    + "optimizer states are averaged (K times less traffic; not the single-machine run) (default: a synchronous step).")
    Integer localSgd;

    @Option(names = "--gradient-chunk", paramLabel = "N", defaultValue = "0",
            description = "Compute each mini-batch in chunks of N samples, each drawing its random numbers from (seed, epoch, batch, "
                    + "chunk), and add their gradients in chunk order: with Spark the run is then the single-machine run bit for bit "
                    + "for any --spark-partitions (default: ${DEFAULT-VALUE}, off).")
    int gradientChunk;

    @Option(names = "--measured-weight-gradient",
            description = "Choose each convolution's weight-gradient kernel (sum over the input's events or GEMM) by timing both on "
                    + "this machine, as the forward's is chosen, instead of by a fixed 30 % density: faster where that is wrong, but "
                    + "the two differ in rounding and a timing decides, so the run is no longer reproducible bit for bit from its "
                    + "seed (local training only).")
    boolean measuredWeightGradient;

    /** Where the training set's files are (null: event data, or not known), for executors that open them. */
    private DataSource trainFiles;

    private SpikePenalty penalty = SpikePenalty.none();
    private ScheduleSpec parsedSchedule;
    private OptimizerKind parsedOptimizer;
    private Loss parsedLoss;
    private TrainingBackend.Provider spark;

    /** Tells where the training set's files are, so that Spark's executors can open them ({@code --spark-shared-data}). */
    void trainFiles(DataSource files) {
        this.trainFiles = files;
    }

    /** Range checks and parsing into the library's values, as bad usage naming the flag. */
    void check(CommandSpec spec) {
        Flags.positive(spec, "--epochs", epochs);
        Flags.positive(spec, "--batch", batch);
        Flags.positive(spec, "--lr", lr);
        Flags.positiveFinite(spec, "--lr", lr);  // infinity (NaN keeps the message of the check above)
        Flags.nonNegative(spec, "--weight-decay", weightDecay);
        Flags.fraction(spec, "--momentum", momentum);
        Flags.nonNegative(spec, "--crop", crop);
        Flags.nonNegative(spec, "--gradient-chunk", gradientChunk);
        Flags.nonNegative(spec, "--spike-penalty", spikePenalty);
        plots.check(spec);
        parsedLoss = Flags.parsed(spec, "--loss", () -> Losses.byName(loss));
        spark = sparkOptions.provider(spec, TrainingBackend.Provider.class, TrainingBackend.Provider::name);
        if (sparkSharedData && spark == null) throw new ParameterException(spec.commandLine(), "--spark-shared-data needs --spark-master");
        if (localSgd != null) {
            if (spark == null) throw new ParameterException(spec.commandLine(), "--local-sgd needs --spark-master");
            Flags.positive(spec, "--local-sgd", localSgd);
            if (gradientChunk > 0) throw new ParameterException(spec.commandLine(), "--gradient-chunk: local SGD has no chunks");
        }
        penalty = Flags.parsed(spec, "--spike-penalty",
                () -> new SpikePenalty(spikePenalty, SpikePenalty.Schedule.parse(spikePenaltySchedule),
                        SpikePenalty.parseWeights(spikePenaltyWeights), SpikePenalty.Normalisation.parse(spikePenaltyNorm)));
        parsedOptimizer = Flags.parsed(spec, "--optimizer", () -> OptimizerKind.byLabel(optimizer));
        parsedSchedule = Flags.parsed(spec, "--schedule", () -> {
            ScheduleSpec s = ScheduleSpec.parse(schedule);
            s.create(lr, epochs);  // a cosine minimum above --lr
            return s;
        });
    }

    /**
     * The checks that need the data set's layout and the model's spiking layers, made before any data is
     * read (bad usage naming the flag): a {@code --crop} padding must be smaller than the image, or whole
     * samples would be shifted out of view; every layer {@code --spike-penalty-weights} names must spike.
     *
     * @param dataName      names the set in the message
     * @param spikingLayers the model's spiking layers, asked for only when {@code --spike-penalty-weights} is given
     */
    void checkAgainst(CommandSpec spec, String dataName, Datasets.Layout layout,
                      Supplier<? extends Collection<String>> spikingLayers) {
        int[] shape = layout.sampleShape();
        int side = Math.min(shape[1], shape[2]);
        if (crop >= side) {
            throw new ParameterException(spec.commandLine(), "--crop must be < " + side + ", the image size of " + dataName
                    + ", was " + crop);
        }
        if (spikePenaltyWeights != null) {
            Flags.parsed(spec, "--spike-penalty-weights", () -> {
                penalty.requireLayers(spikingLayers.get());
                return penalty;
            });
        }
    }

    /**
     * Trains {@code model} with the flags {@link #check} parsed and prints the results (and the JSON line
     * with {@code --json}).
     *
     * <p>Before any epoch: the model file and checkpoint may be neither an input nor the same file
     * ({@link Outputs}), a checkpoint of an unfinished run is replaced only with {@code --force} (or
     * continued with {@code --resume}), and the model file is claimed for this run ({@link OutputLock}), so
     * a second run writing it fails at its start.
     *
     * @param spec       the command, for bad-usage errors
     * @param inputs     the command's input files (the checks add the outputs)
     * @param defaultOut the model file when {@code --out} is not given
     * @param extraJson  fields the command adds to the JSON line
     */
    void trainAndReport(CommandSpec spec, Outputs inputs, Model model, Dataset train, Dataset test, int steps, EncoderSpec encoder,
                        CommonOptions common, Path defaultOut, JsonObject extraJson) {
        Path outFile = out != null ? out : defaultOut;
        Path ckpt = checkpoint != null ? checkpoint : Path.of(outFile + ".ckpt");
        inputs.output("--out", outFile).output("--checkpoint", ckpt).check(true);
        Flags.fits(spec, model, steps, batch, true);
        if (!resume && !force) {
            RunSettings.unfinishedRun(ckpt).ifPresent(run -> {
                throw new ParameterException(spec.commandLine(), "--checkpoint " + ckpt + " holds " + run
                        + "; continue it with --resume, or start over with --force");
            });
        }
        try (OutputLock claim = OutputLock.acquire(outFile)) {
            train(model, train, test, steps, encoder, common, outFile, ckpt, extraJson, spec.name());
        }
    }

    private void train(Model model, Dataset train, Dataset test, int steps, EncoderSpec encoder, CommonOptions common,
                       Path outFile, Path ckpt, JsonObject extraJson, String command) {
        TrainConfig cfg = TrainConfig.builder().epochs(epochs).batch(batch).steps(steps).lr(lr).schedule(parsedSchedule)
                .optimizer(parsedOptimizer).weightDecay(weightDecay).momentum(momentum).encoder(encoder).loss(parsedLoss)
                .seed(common.seed).out(outFile).checkpoint(ckpt).resume(resume)
                .augment(new Augment(crop, flip)).spikePenalty(penalty).gradientChunk(gradientChunk).build();
        boolean bar = !noProgress && !common.json && Terminal.isInteractive();
        // The metrics log beside the model (issue 26): one JSON line per epoch, for `snn4j report`, jq or pandas.
        TrainingListener listener = TrainingListener.all(new TrainingLog(System.err, bar), new MetricsLog(MetricsLog.beside(outFile), cfg, command));
        TrainResult r;
        com.google.gson.JsonArray engineLayers = null;   // what the local executor chose per layer (--json)
        try (TrainingBackend backend = backend(model, cfg, train)) {
            r = new Trainer(model, cfg, train, test, listener, backend).fit();
            if (backend instanceof LocalBackend local) engineLayers = Reports.engineActivityJson(local.executor());
        }
        Reports.printEvaluation(System.out, r.test(), EnergyModel.FP32_45NM);
        System.out.printf("train samples/s: %.1f%nmodel file: %s%n", r.trainSamplesPerSecond(), r.modelFile());
        if (plots.given()) {  // the report's figures: the log's curves, test sample 0, the final evaluation
            Map<String, Svg> figures = new LinkedHashMap<>(ReportFigures.ofMetrics(JsonLines.read(MetricsLog.beside(outFile))));
            figures.putAll(PlotsOption.sampleFigures(model, test, steps));
            figures.putAll(ReportFigures.ofEvaluation(PlotsOption.evaluation(r.test(), steps, EnergyModel.FP32_45NM)));
            plots.write(figures);
        }
        if (common.json) {
            JsonObject o = Reports.evaluationJson(r.test(), EnergyModel.FP32_45NM);
            o.addProperty("model", model.spec().name());
            o.addProperty("mode", model.mode().name().toLowerCase(java.util.Locale.ROOT));
            extraJson.entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
            o.addProperty("train_samples_per_second", r.trainSamplesPerSecond());
            o.addProperty("model_file", String.valueOf(r.modelFile()));
            o.addProperty("epochs", r.history().size());
            o.add("history", new com.google.gson.Gson().toJsonTree(r.history()));
            if (engineLayers != null) o.add("engine_layers", engineLayers);
            System.out.println(o);
        }
    }

    /** This process ({@link LocalBackend}), or Spark ({@link SparkOptions}). */
    private TrainingBackend backend(Model model, TrainConfig cfg, Dataset train) {
        if (spark == null) {
            LocalBackend local = new LocalBackend(model, cfg);
            if (measuredWeightGradient) local.executor().withMeasuredWeightGradient();
            return local;
        }
        Map<String, String> options = sparkOptions.options();
        if (localSgd != null) options.put("local-sgd", String.valueOf(localSgd));
        if (trainFiles != null && (sparkSharedData || DataSource.folder(trainFiles.data()) != null)) {
            options.put("data", trainFiles.data());
            if (trainFiles.dataDir() != null) options.put("data-dir", trainFiles.dataDir());
            options.put("image-size", String.valueOf(trainFiles.imageSize()));
            options.put("limit", String.valueOf(trainFiles.limit()));
        }
        return spark.open(model, cfg, train, options);
    }
}
