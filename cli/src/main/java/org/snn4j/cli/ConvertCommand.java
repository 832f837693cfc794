package org.snn4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snn4j.convert.ConversionErrors;
import org.snn4j.convert.ConversionLog;
import org.snn4j.convert.ConversionMethod;
import org.snn4j.convert.ConversionSweep.Row;
import org.snn4j.convert.Cluster;
import org.snn4j.convert.ConversionSweep;
import org.snn4j.convert.Converter;
import org.snn4j.convert.SweepOptions;
import org.snn4j.data.Dataset;
import org.snn4j.interop.OnnxImporter;
import org.snn4j.io.AtomicFile;
import org.snn4j.io.OutputLock;
import org.snn4j.metrics.EnergyModel;
import org.snn4j.model.AnnActivation;
import org.snn4j.model.Model;
import org.snn4j.model.ModelFile;
import org.snn4j.neuron.InitialMembrane;
import org.snn4j.neuron.Reset;
import org.snn4j.plot.ReportFigures;
import org.snn4j.train.EvalResult;
import org.snn4j.train.MetricsLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code snn4j convert}: ANN → SNN conversion, test accuracy against T for each method. */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Convert an ANN trained with `train --ann` into an SNN of IF neurons and report test accuracy "
                + "against T for each normalization method, beside the ANN's accuracy.",
                "Batch norms are folded; each spiking layer's threshold (and spike amplitude) is c times the chosen "
                + "percentile of its non-zero ANN activations on the first N training images, or c times the layer's "
                + "trained bound λ (method bound, for ANNs trained with --activation clip or qcfs; QCFS: --initial half-threshold)."})
final class ConvertCommand implements Callable<Integer> {
    private static final String TUNED = "tuned";
    /** From p99.9, threshold tuning for the network's output instead of each layer's. */
    private static final String TUNED_NETWORK = "tuned-network";
    /** Method suffixes: the thresholds of max, pP or bound tuned for each T (layer objective, network objective). */
    private static final String TUNED_SUFFIX = "+tuned";
    private static final String TUNED_NETWORK_SUFFIX = "+tuned-network";
    /** What --table PREFIX writes: PREFIX.json and PREFIX.md (the plot is --plots DIR's conversion figure). */
    private static final List<String> TABLE_FILES = List.of(".json", ".md");
    private static final String SPIKE_NORM = "spike-norm";
    /** Method suffix: per-channel bias calibration of that method's SNN for each T. */
    private static final String BIAS = "+bias";

    @Spec
    CommandSpec spec;

    @Option(names = "--model-file", paramLabel = "FILE", description = "An ANN written by train --ann --out (or import --format onnx).")
    Path modelFile;

    @Option(names = "--ann", paramLabel = "MODEL.onnx", description = "Instead of --model-file: an ANN in ONNX (e.g. exported from PyTorch), "
            + "imported as import --format onnx does.")
    Path onnxFile;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--method", paramLabel = "M", split = ",", defaultValue = "max,p99.9",
            description = {"Methods (default: ${DEFAULT-VALUE}): max (thresholds at the 100th percentile of each layer's ANN activations), "
                    + "pP (the P-th percentile, e.g. p99.9), bound (the trained bound λ of a clip or qcfs ANN), tuned (from p99.9, "
                    + "each layer's threshold tuned for each T on the calibration batch, layer by layer, for its own output: TTRBR's threshold "
                    + "tuning), tuned-network (as tuned, then each layer's threshold, from the input on, set again among 0.5 to 2 times "
                    + "it for the error of the network's output against the ANN's logits; one SNN pass per layer and candidate), "
                    + "spike-norm (each threshold = C times the largest input current the SNN layer receives at T, layer by layer: "
                    + "Sengupta et al.'s threshold balancing). max, pP and bound take the suffix " + TUNED_SUFFIX + " or " + TUNED_NETWORK_SUFFIX
                    + " (e.g. bound+tuned-network: the tuning starts from their thresholds; tuned is p99.9+tuned). "
                    + "Any method with the suffix " + BIAS + " (e.g. bound+bias, tuned+bias) "
                    + "then calibrates a bias current per channel for each T on the calibration batch, layer by layer, so that each "
                    + "channel's mean SNN output matches the ANN's (Li et al.'s bias correction)."})
    List<String> methods;

    @Option(names = "--T", paramLabel = "STEPS", split = ",", defaultValue = "1,2,4,8,16,32,64,128",
            description = "Time steps to evaluate (default: ${DEFAULT-VALUE}).")
    List<Integer> steps;

    @Option(names = "--threshold-scale", paramLabel = "C", defaultValue = "1",
            description = "θ_l = C·λ_l (default: ${DEFAULT-VALUE}).")
    double thresholdScale;

    @Option(names = "--reset", paramLabel = "subtract|zero", defaultValue = "subtract", description = "Reset (default: ${DEFAULT-VALUE}).")
    String reset;

    @Option(names = "--initial", paramLabel = "zero|half-threshold", defaultValue = "zero",
            description = "Initial membrane (default: ${DEFAULT-VALUE}).")
    String initial;

    @Option(names = "--signed", description = "Signed IF neurons: a neuron that has fired takes a spike back (a spike of −θ) when "
            + "its membrane falls below 0, so its net spike count follows its accumulated input however unevenly it arrives "
            + "(removes the over-firing that compounds in deep networks; Wang et al. 2022, Hu et al. Fast-SNN). "
            + "Needs --reset subtract; the SNN is for inference only.")
    boolean signed;

    @Option(names = "--burst", description = "With --signed: a neuron may emit several spikes (or take several back) in one "
            + "step, so its net count after every step is its accumulated input quantized, clip(floor((V[0] + Σx)/θ), 0, T), "
            + "however large the step's input (Li and Zeng's burst spikes, signed).")
    boolean burst;

    @Option(names = "--per-channel", description = "Percentile methods (max, pP) set one threshold per channel from each channel's own "
            + "percentile instead of one per layer (not with tuned or spike-norm, which tune one threshold per layer).")
    boolean perChannel;

    @Option(names = "--calibration", paramLabel = "N", defaultValue = "512",
            description = "Training images for the activation statistics (default: ${DEFAULT-VALUE}).")
    int calibration;

    @Option(names = "--tune-samples", paramLabel = "N", defaultValue = "128",
            description = "Training images in the batch that tuned, spike-norm and --errors use; at T steps at most "
                    + ConversionSweep.SAMPLE_STEPS_PER_BATCH + "/T, and at least " + ConversionSweep.MIN_TUNE_SAMPLES + " (default: ${DEFAULT-VALUE}).")
    int tuneSamples;

    @Option(names = "--errors", description = "Also measure each spiking layer's quantization and deviation error (TTRBR) per method and T.")
    boolean errors;

    @Option(names = "--batch", defaultValue = "100",
            description = "Batch size; evaluation at T steps uses at most " + ConversionSweep.SAMPLE_STEPS_PER_BATCH + "/T samples per batch, "
                    + "since every layer holds the whole [T, N, ...] sequence (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--table", paramLabel = "PREFIX",
            description = "Also write the table to PREFIX.json and PREFIX.md (the accuracy-against-T plot: --plots).")
    Path table;

    @Mixin
    PlotsOption plots;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the SNN of the first method (for eval; T = the largest evaluated).")
    Path out;

    @Mixin
    SparkOptions sparkOptions;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.applyThreads(spec);
        SweepOptions options = sweepOptions();
        if ((modelFile == null) == (onnxFile == null)) {
            throw new ParameterException(spec.commandLine(), "give one of --model-file (an snn4j ANN) and --ann (an ONNX ANN)");
        }
        Path source = modelFile != null ? modelFile : onnxFile;
        Outputs outputs = Outputs.of(spec).input("--model-file", modelFile).input("--ann", onnxFile).output("--out", out);
        if (table != null) {
            for (String ext : TABLE_FILES) outputs.output("--table", Path.of(table + ext));
        }
        outputs.check(true);
        plots.check(spec);
        ModelFile saved = modelFile != null ? ModelFile.read(modelFile) : ModelFile.of(OnnxImporter.importAnn(onnxFile));
        if (!saved.isAnn()) throw new ParameterException(spec.commandLine(), modelFile + " holds an SNN; convert takes an ANN (train --ann)");
        AnnActivation activation = saved.model().spec().annActivation();
        if (options.methods().stream().anyMatch(m -> m.normalization() instanceof Converter.TrainedBound) && !activation.bounded()) {
            throw new ParameterException(spec.commandLine(), "--method bound needs an ANN trained with --activation clip or qcfs; "
                    + source + " has " + activation.kind().label());
        }
        Cluster.Provider spark = sparkOptions.provider(spec, Cluster.Provider.class, Cluster.Provider::name);
        Dataset calibrationSet = dataOptions.load(common.dataDir, true);
        Dataset test = dataOptions.load(common.dataDir, false);
        try (Cluster cluster = spark == null ? null : spark.open(sparkOptions.options())) {
            return sweep(saved, activation, source, calibrationSet, test, options, cluster);
        }
    }

    /** The sweep (its calibration and test evaluations on {@code cluster}, or here when null), printed and written. */
    private int sweep(ModelFile saved, AnnActivation activation, Path source, Dataset calibrationSet, Dataset test, SweepOptions options,
                      Cluster cluster) {
        ConversionSweep sweep = ConversionSweep.prepare(saved.model(), calibrationSet, test, options, cluster);
        double annAccuracy = sweep.ann().accuracy();
        System.out.printf("ANN %s (%s) from %s: test accuracy %.4f (%d samples), %s%n", saved.model().spec().name(), activation,
                source, annAccuracy, test.size(), Terminal.threads());
        int largestT = options.largestSteps();
        // The metrics log (issue 26): one JSON line per (method, T) beside --out (none without --out).
        ConversionLog metrics = out != null ? new ConversionLog(MetricsLog.beside(out), this::label) : null;
        List<Row> rows;
        try (OutputLock claim = out != null ? OutputLock.acquire(out) : null) {  // a second convert to --out fails here
            rows = sweep.run((row, snn) -> {
                print(row);
                if (metrics != null) metrics.measured(row, snn);
                if (row.methodIndex() == 0 && row.steps() == largestT && out != null) ModelFile.of(snn, largestT).save(out);
            });
        }
        JsonObject json = json(saved.model(), annAccuracy, rows, test.size());
        if (table != null) {
            AtomicFile.writeString(Path.of(table + ".json"), json + "\n");
            AtomicFile.writeString(Path.of(table + ".md"), markdown(annAccuracy, rows));
        }
        if (plots.given()) {  // conversion: accuracy against T per method, the ANN's across
            Map<String, java.util.TreeMap<Integer, Double>> curves = new java.util.LinkedHashMap<>();
            for (Row r : rows) curves.computeIfAbsent(label(r), k -> new java.util.TreeMap<>()).put(r.steps(), r.result().accuracy());
            plots.write(Map.of("conversion", ReportFigures.conversion(curves, annAccuracy)));
        }
        if (common.json) System.out.println(json);
        return 0;
    }

    /** The flags as the sweep's options; bad values are reported as bad usage naming the flag. */
    private SweepOptions sweepOptions() {
        Flags.positive(spec, "--calibration", calibration);
        Flags.positive(spec, "--batch", batch);
        for (int t : steps) Flags.positive(spec, "--T", t);
        Flags.positive(spec, "--tune-samples", tuneSamples);
        Flags.positiveFinite(spec, "--threshold-scale", thresholdScale);
        Reset resetMode = switch (reset) {
            case "subtract" -> Reset.SUBTRACT;
            case "zero" -> Reset.ZERO;
            default -> throw new ParameterException(spec.commandLine(), "--reset: unknown reset '" + reset + "' (valid: subtract, zero)");
        };
        InitialMembrane initialMembrane = switch (initial) {
            case "zero" -> InitialMembrane.ZERO;
            case "half-threshold" -> InitialMembrane.HALF_THRESHOLD;
            default -> throw new ParameterException(spec.commandLine(), "--initial: unknown initial membrane '" + initial
                    + "' (valid: zero, half-threshold)");
        };
        if (signed && resetMode != Reset.SUBTRACT) throw new ParameterException(spec.commandLine(), "--signed needs --reset subtract");
        if (burst && !signed) throw new ParameterException(spec.commandLine(), "--burst needs --signed");
        List<ConversionMethod> typed = new ArrayList<>();
        for (String m : methods) typed.add(method(m));
        return SweepOptions.builder(typed, steps).thresholdScale(thresholdScale).reset(resetMode).initial(initialMembrane)
                .signed(signed, burst).calibrationSamples(calibration).tuneSamples(tuneSamples).errors(errors).batch(batch)
                .seed(common.seed).build();
    }

    /**
     * A --method value: a base method, optionally followed by a tuning suffix ({@value #TUNED_SUFFIX} or
     * {@value #TUNED_NETWORK_SUFFIX}, after max, pP or bound) and then by {@value #BIAS}.
     */
    private ConversionMethod method(String methodWithSuffix) {
        boolean bias = methodWithSuffix.endsWith(BIAS);
        String base = bias ? methodWithSuffix.substring(0, methodWithSuffix.length() - BIAS.length()) : methodWithSuffix;
        ConversionMethod.Tuning tuning = ConversionMethod.Tuning.NONE;
        if (base.endsWith(TUNED_NETWORK_SUFFIX) || base.endsWith(TUNED_SUFFIX)) {
            boolean network = base.endsWith(TUNED_NETWORK_SUFFIX);
            tuning = network ? ConversionMethod.Tuning.NETWORK_THRESHOLD_TUNING : ConversionMethod.Tuning.THRESHOLD_TUNING;
            base = base.substring(0, base.length() - (network ? TUNED_NETWORK_SUFFIX : TUNED_SUFFIX).length());
            if (base.equals(TUNED) || base.equals(TUNED_NETWORK) || base.equals(SPIKE_NORM)) {
                throw new ParameterException(spec.commandLine(), "--method " + methodWithSuffix + ": a tuning suffix follows max, "
                        + "p<percentile> or bound, not " + base);
            }
        }
        boolean tunes = tuning != ConversionMethod.Tuning.NONE || base.equals(TUNED) || base.equals(TUNED_NETWORK) || base.equals(SPIKE_NORM);
        if (tunes && perChannel) {
            throw new ParameterException(spec.commandLine(), "--per-channel: method " + methodWithSuffix + " tunes one threshold per "
                    + "layer; use it without --per-channel");
        }
        ConversionMethod m = switch (base) {
            case TUNED -> ConversionMethod.thresholdTuning();
            case TUNED_NETWORK -> ConversionMethod.networkThresholdTuning();
            case SPIKE_NORM -> ConversionMethod.spikeNorm();
            case "max" -> ConversionMethod.percentile(100, perChannel);
            case "bound" -> {
                if (perChannel) throw new ParameterException(spec.commandLine(), "--per-channel: method bound has one trained bound per layer");
                yield ConversionMethod.trainedBound();
            }
            default -> ConversionMethod.percentile(percentile(methodWithSuffix, base), perChannel);
        };
        if (tuning != ConversionMethod.Tuning.NONE) m = m.withTuning(tuning);
        return bias ? m.withBiasCalibration() : m;
    }

    /** P of a method pP, in (0, 100]. */
    private double percentile(String methodWithSuffix, String base) {
        try {
            if (base.startsWith("p")) {
                double p = Double.parseDouble(base.substring(1));
                if (p > 0 && p <= 100) return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--method: unknown method '" + methodWithSuffix
                + "' (valid: max, p<percentile> such as p99.9, bound, tuned, tuned-network, spike-norm; max, p<percentile> and bound "
                + "optionally with " + TUNED_SUFFIX + " or " + TUNED_NETWORK_SUFFIX + "; each optionally with " + BIAS + ")");
    }

    /** The row's method as --method named it. */
    private String label(Row row) {
        return methods.get(row.methodIndex());
    }

    /** The progress line of a row and, with --errors, one line per spiking layer. */
    private void print(Row row) {
        EvalResult r = row.result();
        System.out.printf(Locale.ROOT, "  T=%-4d %-8s accuracy %.4f  spikes/neuron/step %.4f  ACs %.3g  MACs %.3g  ANN/SNN energy %.2f%n",
                row.steps(), label(row), r.accuracy(), r.overallSpikeRate(), r.acsPerSample(), r.macsPerSample(),
                r.annEnergyJoules(EnergyModel.FP32_45NM) / r.energyJoules(EnergyModel.FP32_45NM));
        for (ConversionErrors.LayerError e : row.errors()) {
            System.out.printf(Locale.ROOT, "      %-12s θ %.3f  quantization %.4f  deviation %.4f  vs ANN %.4f (excess %+.4f, ANN mean %.4f)  input spread/θ %.3f%n",
                    e.layer(), e.threshold(), e.quantization(), e.deviation(), e.versusAnn(), e.excess(), e.annMean(), e.inputSpread());
        }
    }

    private JsonObject json(Model ann, double annAccuracy, List<Row> rows, int testSamples) {
        JsonObject o = new JsonObject();
        o.addProperty("model", ann.spec().name());
        o.add("ann_activation", ann.spec().annActivation().toJson());
        o.addProperty("ann_accuracy", annAccuracy);
        o.addProperty("test_samples", testSamples);
        o.addProperty("calibration_samples", calibration);
        o.addProperty("threshold_scale", thresholdScale);
        o.addProperty("reset", reset);
        o.addProperty("initial", initial);
        o.addProperty("signed", signed);
        o.addProperty("burst", burst);
        o.addProperty("per_channel", perChannel);
        o.addProperty("energy_model", EnergyModel.FP32_45NM.toString());
        JsonArray results = new JsonArray();
        for (Row r : rows) {
            JsonObject e = new JsonObject();
            e.addProperty("method", label(r));
            e.addProperty("T", r.steps());
            e.addProperty("accuracy", r.result().accuracy());
            e.addProperty("spikes_per_neuron", r.result().overallSpikeRate());
            e.addProperty("spikes_per_sample", r.result().spikesPerSample());
            e.addProperty("acs", r.result().acsPerSample());
            e.addProperty("macs", r.result().macsPerSample());
            e.addProperty("energy_snn_joules", r.result().energyJoules(EnergyModel.FP32_45NM));
            e.addProperty("energy_ann_joules", r.result().annEnergyJoules(EnergyModel.FP32_45NM));
            JsonObject th = new JsonObject();
            r.thresholds().forEach(th::addProperty);
            e.add("thresholds", th);
            if (!r.errors().isEmpty()) {
                JsonArray layers = new JsonArray();
                for (ConversionErrors.LayerError le : r.errors()) {
                    JsonObject l = new JsonObject();
                    l.addProperty("layer", le.layer());
                    l.addProperty("threshold", le.threshold());
                    l.addProperty("quantization_error", le.quantization());
                    l.addProperty("deviation_error", le.deviation());
                    l.addProperty("error_vs_ann", le.versusAnn());
                    l.addProperty("excess_vs_ann", le.excess());
                    l.addProperty("ann_mean", le.annMean());
                    l.addProperty("input_spread", le.inputSpread());
                    layers.add(l);
                }
                e.add("layers", layers);
            }
            results.add(e);
        }
        o.add("results", results);
        if (out != null) o.addProperty("model_file", out.toString());
        return o;
    }

    /**
     * Two tables: accuracy (%) per method and T with the mean spikes per neuron per step in brackets,
     * then the ANN/SNN energy ratio (45 nm fp32) with the ACs per sample in brackets.
     */
    private String markdown(double annAccuracy, List<Row> rows) {
        EnergyModel energy = EnergyModel.FP32_45NM;
        return table("method", rows, r -> String.format(Locale.ROOT, "%.2f (%.3f)", 100 * r.result().accuracy(),
                        r.result().overallSpikeRate()), String.format(Locale.ROOT, "%.2f", 100 * annAccuracy))
                + "\n" + table("ANN/SNN energy (ACs)", rows, r -> String.format(Locale.ROOT, "%.2f (%.3g)",
                        r.result().annEnergyJoules(energy) / r.result().energyJoules(energy), r.result().acsPerSample()), "1");
    }

    private String table(String corner, List<Row> rows, java.util.function.Function<Row, String> cell, String annCell) {
        StringBuilder sb = new StringBuilder("| " + corner + " | ");
        for (int t : steps) sb.append("T=").append(t).append(" | ");
        sb.append("ANN |\n|---|");
        sb.append("---|".repeat(steps.size() + 1)).append('\n');
        for (int i = 0; i < methods.size(); i++) {
            sb.append("| ").append(methods.get(i)).append(" | ");
            for (Row r : rows) if (r.methodIndex() == i) sb.append(cell.apply(r)).append(" | ");
            sb.append(annCell).append(" |\n");
        }
        return sb.toString();
    }
}
