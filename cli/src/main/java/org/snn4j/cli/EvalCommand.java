package org.snn4j.cli;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.snn4j.data.Dataset;
import org.snn4j.encode.Encoders;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Executor;
import org.snn4j.io.AtomicFile;
import org.snn4j.loss.Losses;
import org.snn4j.metrics.EnergyModel;
import org.snn4j.model.Model;
import org.snn4j.model.ModelFile;
import org.snn4j.model.AnnActivation;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.plot.ReportFigures;
import org.snn4j.plot.SpikeRaster;
import org.snn4j.tensor.Workspace;
import org.snn4j.train.EvalResult;
import org.snn4j.train.Evaluator;
import org.snn4j.train.TrainConfig;
import org.snn4j.convert.Cluster;
import org.snn4j.encode.EncoderSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snn4j eval}: accuracy and spikes of a trained model on a test set. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a trained model: accuracy, spikes per neuron per step by layer, throughput.")
final class EvalCommand implements Callable<Integer> {
    /** Neurons a layer the text raster shows. */
    private static final int RASTER_ROWS = 16;

    @Spec
    CommandSpec spec;

    @Mixin
    SavedModelOptions savedModel;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    EngineOption engine;

    @Option(names = "--encoder", description = "direct or bernoulli (default: as trained).")
    String encoder;

    @Option(names = "--batch", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    PlotsOption plots;

    @Option(names = "--raster", paramLabel = "SAMPLE",
            description = "Print the spikes of test sample SAMPLE through every spiking layer as text (16 active neurons a layer, one column per step).")
    Integer raster;

    @Option(names = "--energy", paramLabel = "MODEL", defaultValue = "45nm-fp32",
            description = "Energy per operation: 45nm-fp32 (MAC 4.6 pJ, AC 0.9 pJ), 45nm-int32 (3.2, 0.1) or MAC_PJ,AC_PJ (default: ${DEFAULT-VALUE}).")
    String energy;

    @Option(names = "--logits", paramLabel = "FILE",
            description = "Write the logits (the readout of each test sample, in data order) to FILE as a NumPy .npy array of float32 [N, classes], "
                    + "and report their standard deviation and mean gap between each sample's two largest.")
    Path logits;

    @Option(names = "--holdout", paramLabel = "N",
            description = "Score on the last N training samples (of those --limit-train keeps) instead of the test set, for choosing "
                    + "settings without the test set: a model trained on fewer than the first (limit − N) never saw them.")
    Integer holdout;

    @Option(names = "--activation", paramLabel = "clip",
            description = "For an ANN trained with --activation qcfs: evaluate it as the clip ANN of the same weights and "
                    + "trained bounds (the floor removed: what its SNN approaches as T grows).")
    String activation;

    @Mixin
    EventOptions eventOptions;

    @Mixin
    SparkOptions sparkOptions;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.applyThreads(spec);
        EngineMode mode = engine.mode(spec);
        EnergyModel energyModel;
        try {
            energyModel = EnergyModel.parse(energy);
        } catch (org.snn4j.Snn4jException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--energy: " + e.getMessage());
        }
        Outputs outputs = Outputs.of(spec).input("--model-file", savedModel.modelFile).output("--logits", logits);
        plots.check(spec);
        outputs.check(true);
        Cluster.Provider spark = sparkOptions.provider(spec, Cluster.Provider.class, Cluster.Provider::name);
        if (spark != null) onSparkOnly();
        ModelFile saved = asActivation(savedModel.read());
        Executor inference = new Executor(saved.model(), mode);
        Model model = saved.model();
        ModelSpec modelSpec = model.spec();
        int t = savedModel.steps(spec, saved);
        Flags.positive(spec, "--batch", batch);
        if (raster != null) Flags.nonNegative(spec, "--raster", raster);
        Flags.fits(spec, model, t, batch, false);
        String enc = encoder != null ? encoder : saved.encoder();
        double gain = saved.encoderGain();
        if (dataOptions.isEvents()) eventData(enc, t, modelSpec.inputShape());
        if (holdout != null && dataOptions.isEvents()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--holdout takes image data; event data is scored on its test split");
        }
        if (logits != null) AtomicFile.requireWritable(logits);
        // event data goes straight into the network (event lists; no dense frame in the event modes)
        Dataset test = dataOptions.isEvents() ? null : holdout != null ? heldOut() : dataOptions.load(common.dataDir, false);
        if (raster != null && raster >= test.size()) {  // refused before the evaluation, not after it
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--raster " + raster + " is past the last test sample ("
                    + (test.size() - 1) + ")");
        }
        LogitsFile readouts = logits != null ? new LogitsFile() : null;
        EvalResult r;
        if (spark != null) {
            try (Cluster cluster = spark.open(sparkOptions.options())) {
                r = cluster.evaluate(model, test, TrainConfig.builder().steps(t).encoder(EncoderSpec.parse(enc, gain))
                        .loss(Losses.byName("ce")).batch(batch).seed(common.seed).build());
            }
        } else r = test == null
                ? Evaluator.runEvents(inference, dataOptions.recordings(common.dataDir, false), dataOptions.eventTransform(),
                        dataOptions.binning(), Losses.byName("ce"), batch, common.seed, new Workspace(), readouts)
                : Evaluator.run(inference, test, t, Encoders.byName(enc, gain), Losses.byName("ce"), batch, common.seed,
                        new Workspace(), readouts);
        if (readouts != null) readouts.write(logits);
        System.out.printf("model %s from %s, T=%d, engine %s, %s%n", modelSpec.name(), savedModel.modelFile, t, inference.mode().label(),
                Terminal.threads());
        Reports.printEvaluation(System.out, r, energyModel);
        if (spark == null) Reports.printEngineActivity(System.out, inference);  // the executors' engines are not this one
        double[] spread = readouts != null ? readouts.spread() : null;
        if (logits != null) {
            System.out.printf(java.util.Locale.ROOT, "logits: %s (standard deviation %.3f, mean gap between the two largest %.3f)%n",
                    logits, spread[0], spread[1]);
        }
        if (raster != null) {
            System.out.print(TextRaster.render(SpikeRaster.of(model, test.images(raster).reshape(test.sampleShape()), t,
                    RASTER_ROWS, SpikeRaster.Selection.ACTIVE)));
        }
        if (plots.given()) {  // firing-rates, raster, membrane, operations, energy
            java.util.Map<String, org.snn4j.plot.svg.Svg> figures = new java.util.LinkedHashMap<>();
            figures.put("firing-rates", ReportFigures.firingRates(modelSpec.name() + ", T=" + t + ": spikes per neuron per step",
                    r.spikeRates()));
            figures.putAll(PlotsOption.sampleFigures(model, test, t));
            figures.putAll(ReportFigures.ofEvaluation(PlotsOption.evaluation(r, t, energyModel)));
            plots.write(figures);
        }
        if (common.json) {
            JsonObject o = Reports.evaluationJson(r, energyModel);
            o.addProperty("model", modelSpec.name());
            o.addProperty("T", t);
            o.addProperty("engine", inference.mode().label());
            if (holdout != null) o.addProperty("heldout_samples", test.size());
            o.add("engine_layers", Reports.engineActivityJson(inference));
            if (spread != null) {
                o.addProperty("logit_std", spread[0]);
                o.addProperty("logit_top2_gap", spread[1]);
            }
            System.out.println(o);
        }
        return 0;
    }

    /** The last {@code --holdout} samples of the training split (as cut by {@code --limit-train}). */
    private Dataset heldOut() {
        Flags.positive(spec, "--holdout", holdout);
        Dataset train = dataOptions.load(common.dataDir, true);
        if (holdout > train.size()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--holdout " + holdout + " is more than the "
                    + train.size() + " training samples");
        }
        return train.range(train.size() - holdout, train.size());
    }

    /** What evaluation on Spark does not do: event data, logits, engines other than the dense one (all give the same results). */
    private void onSparkOnly() {
        if (dataOptions.isEvents()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--spark-master: event data is evaluated on one machine");
        }
        if (logits != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--logits: with --spark-master the executors return totals, "
                    + "not each sample's readout");
        }
        if (!engine.engine.equals("auto") && !engine.engine.equals("dense")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--engine " + engine.engine
                    + ": with --spark-master the executors evaluate with the dense engine (the results are the same)");
        }
    }

    /** Event data is read as T frames, by a model trained on frames; the raster and plots show held images only. */
    private void eventData(String enc, int t, int[] modelInput) {
        if (!enc.equals("frames")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--data " + dataOptions.name()
                    + " is event data, read as frames; the model was trained on " + enc + " input");
        }
        if (raster != null || plots.given()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), (raster != null ? "--raster" : "--plots")
                    + " shows a held image; not available for event data");
        }
        dataOptions.events(spec, eventOptions, t, common.seed);
        int[] frame = dataOptions.layout().sampleShape();
        if (!java.util.Arrays.equals(frame, modelInput)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "the model reads frames of " + java.util.Arrays.toString(modelInput)
                    + ", --data " + dataOptions.name() + " with these flags gives " + java.util.Arrays.toString(frame)
                    + "; pass the --downsample and --polarity it was trained with");
        }
    }

    /** The saved model, or with {@code --activation clip} its QCFS ANN rebuilt as a clip ANN holding the same values. */
    private ModelFile asActivation(ModelFile saved) {
        if (activation == null) return saved;
        ModelSpec s = saved.model().spec();
        if (!activation.equals("clip")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--activation must be clip, was '" + activation + "'");
        }
        if (!saved.isAnn() || s.annActivation().kind() != AnnActivation.Kind.QCFS) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--activation clip needs an ANN trained with "
                    + "--activation qcfs; " + savedModel.modelFile + " is " + (saved.isAnn() ? "an ANN with " + s.annActivation() : "an SNN"));
        }
        Model clip = ModelBuilder.build(s.withAnnActivation(AnnActivation.clip(s.annActivation().bound())), ModelBuilder.Mode.ANN, 0);
        clip.load(saved.model().parameterTensors(), saved.model().bufferTensors(), savedModel.modelFile.toString());
        return new ModelFile(clip, saved.state());
    }
}
