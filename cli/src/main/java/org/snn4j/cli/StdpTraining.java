package org.snn4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snn4j.data.Dataset;
import org.snn4j.io.JsonLines;
import org.snn4j.plot.StdpFigures;
import org.snn4j.plot.svg.Svg;
import org.snn4j.stdp.DiehlCook;
import org.snn4j.stdp.DiehlCookConfig;
import org.snn4j.stdp.DiehlCookFile;
import org.snn4j.train.MetricsLog;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Diehl &amp; Cook's unsupervised STDP training as the command line runs it, the one implementation behind
 * {@code snn4j stdp --neurons N} and {@code snn4j train --model diehl-cook:N --learning stdp}: train a pass over the
 * training set, label the neurons on it and print the test accuracy of their votes, for every pass; then the figures
 * ({@code --plots}) and the JSON line ({@code --json}). With {@code bench} it only times one pass of learning.
 */
final class StdpTraining {
    /** The metrics log's kind of line for a pass of STDP training. */
    static final String KIND = "stdp_pass";
    /** The model name that trains by STDP: {@code diehl-cook:N}, N excitatory neurons. */
    static final String MODEL = "diehl-cook";
    /** The flags of {@code train} that apply to {@code --learning stdp}; any other is refused. */
    private static final Set<String> TRAIN_FLAGS = Set.of("--model", "--learning", "--epochs", "--plots", "--out", "--json", "--seed", "--threads",
            "--data", "--data-dir", "--limit-train", "--limit-test", "--no-progress", "--help", "--version");

    private final CommandSpec spec;
    private final int neurons;
    private final int passes;
    private final double dt;
    private final double lockoutMs;
    private final boolean eulerConductances;
    private final double thetaRestMv;
    private final int holdout;

    /**
     * @param thetaRestMv the level the adaptive thresholds decay towards, mV
     * @param holdout 0, or learn and label on all training samples but the last {@code holdout} and score on those
     * @throws ParameterException for a count of neurons or passes below 1, a dt outside (0, 10] ms, a lock-out outside
     *     [0, 1000] ms, a threshold rest level outside [-100, 100] mV, a negative hold-out, or Euler conductances at dt &gt;= 1 ms
     */
    StdpTraining(CommandSpec spec, int neurons, int passes, double dt, double lockoutMs, boolean eulerConductances, double thetaRestMv,
            int holdout) {
        if (neurons < 1) throw new ParameterException(spec.commandLine(), "--neurons must be >= 1, was " + neurons);
        if (passes < 1) throw new ParameterException(spec.commandLine(), "--passes must be >= 1, was " + passes);
        if (!(dt > 0) || dt > 10) throw new ParameterException(spec.commandLine(), "--dt must be in (0, 10] ms, was " + dt);
        if (!(lockoutMs >= 0) || lockoutMs > 1000) throw new ParameterException(spec.commandLine(), "--lockout must be in [0, 1000] ms, was " + lockoutMs);
        if (holdout < 0) throw new ParameterException(spec.commandLine(), "--holdout must be >= 0, was " + holdout);
        if (!(Math.abs(thetaRestMv) <= 100)) throw new ParameterException(spec.commandLine(), "--theta-rest must be in [-100, 100] mV, was " + thetaRestMv);
        if (eulerConductances && dt >= 1) throw new ParameterException(spec.commandLine(), "euler conductances need --dt below 1 ms, was " + dt);
        this.spec = spec;
        this.neurons = neurons;
        this.passes = passes;
        this.dt = dt;
        this.lockoutMs = lockoutMs;
        this.eulerConductances = eulerConductances;
        this.thetaRestMv = thetaRestMv;
        this.holdout = holdout;
    }

    /**
     * The run {@code train --model diehl-cook:N --learning stdp} asks for, with {@code stdp}'s defaults ({@code --epochs}
     * passes, one unless given; dt 0.5 ms).
     *
     * @throws ParameterException when the model is not {@code diehl-cook:N}, or a flag of gradient training is given
     */
    static StdpTraining ofTrain(CommandSpec spec, String model, int epochs) {
        if (!model.startsWith(MODEL + ":")) {
            throw new ParameterException(spec.commandLine(), "--learning stdp trains Diehl & Cook's network: --model " + MODEL + ":N, not "
                    + model);
        }
        int n;
        try {
            n = Integer.parseInt(model.substring(MODEL.length() + 1));
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) throw new ParameterException(spec.commandLine(), "--model " + model + ": N of " + MODEL + ":N must be a whole number >= 1");
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (!TRAIN_FLAGS.contains(o.longestName())) {
                throw new ParameterException(spec.commandLine(), o.longestName() + " does not apply to --learning stdp (its flags: "
                        + String.join(", ", new java.util.TreeSet<>(TRAIN_FLAGS)) + ")");
            }
        }
        boolean passesGiven = spec.commandLine().getParseResult().hasMatchedOption("--epochs");
        if (passesGiven && epochs < 1) throw new ParameterException(spec.commandLine(), "--epochs must be >= 1, was " + epochs);
        DiehlCookConfig d = DiehlCookConfig.defaults(n);
        return new StdpTraining(spec, n, passesGiven ? epochs : 1, d.dtMs(), d.lockoutMs(), d.eulerConductances(), d.thetaRestMv(), 0);
    }

    /**
     * Trains (or with {@code bench} only times the learning) on {@code data}; returns the exit code. With {@code out}
     * (null: none) the trained network is written there ({@link DiehlCookFile}, what {@code snn4j report} reads) and every
     * pass appends a line of kind {@code stdp_pass} to the metrics log beside it (a new run starts those lines afresh).
     */
    int run(DataOptions data, CommonOptions common, PlotsOption plots, boolean bench, Path out) {
        if ((plots.given() || out != null) && bench) {
            throw new ParameterException(spec.commandLine(), (plots.given() ? "--plots" : "--out") + " and --bench exclude each other");
        }
        plots.check(spec);
        Outputs.of(spec).output("--out", out).check(true);
        Path log = out == null ? null : MetricsLog.beside(out);
        if (log != null) JsonLines.retain(log, o -> !o.has("kind") || !KIND.equals(o.get("kind").getAsString()));
        if (holdout > 0 && (bench || out != null)) {
            throw new ParameterException(spec.commandLine(), "--holdout and " + (bench ? "--bench" : "--out") + " exclude each other");
        }
        Dataset train = data.load(common.dataDir, true);
        DiehlCook net = new DiehlCook(DiehlCookConfig.builder(neurons).dt(dt).seed(common.seed).lockout(lockoutMs)
                .eulerConductances(eulerConductances).thetaRest(thetaRestMv).build(), train.sampleSize());
        if (bench) return bench(net, train, common);
        Dataset test;
        if (holdout > 0) {
            if (holdout >= train.size()) {
                throw new ParameterException(spec.commandLine(), "--holdout " + holdout + " leaves no training samples of " + train.size());
            }
            test = train.range(train.size() - holdout, train.size());
            train = train.subset(train.size() - holdout);
        } else {
            test = data.load(common.dataDir, false);
        }
        String scored = holdout > 0 ? "held-out accuracy" : "test accuracy";
        JsonArray perPass = new JsonArray();
        for (int p = 1; p <= passes; p++) {
            DiehlCook.Pass pass = net.train(train);
            double accuracy = net.evaluate(test);
            double theta = meanThreshold(net);
            System.out.printf(Locale.ROOT, "pass %d: %d samples in %.1f s (%.1f samples/s, %.1f spikes/sample, mean θ %.2f mV), %s %.2f %%%n",
                    p, pass.samples(), pass.seconds(), pass.samplesPerSecond(), (double) pass.spikes() / pass.samples(), theta, scored,
                    100 * accuracy);
            JsonObject o = new JsonObject();
            o.addProperty("pass", p);
            o.addProperty("samples_per_second", pass.samplesPerSecond());
            o.addProperty(holdout > 0 ? "heldout_accuracy" : "test_accuracy", accuracy);
            o.addProperty("spikes_per_sample", (double) pass.spikes() / pass.samples());
            o.addProperty("mean_theta_mv", theta);
            perPass.add(o);
            if (log != null) JsonLines.append(log, logLine(p, pass, accuracy, train, test));
        }
        if (out != null) {
            DiehlCookFile.save(out, net, train.sampleShape());
            System.out.println("network file: " + out);
        }
        if (plots.given()) plots.write(figures(net, test));
        if (common.json) {
            JsonObject o = json();
            o.addProperty("train_samples", train.size());
            o.addProperty(holdout > 0 ? "heldout_samples" : "test_samples", test.size());
            o.add("passes", perPass);
            System.out.println(o);
        }
        return 0;
    }

    /** The mean of the excitatory neurons' adaptive thresholds θ, mV above the base threshold. */
    private static double meanThreshold(DiehlCook net) {
        int n = net.config().neurons();
        double sum = 0;
        for (int j = 0; j < n; j++) sum += net.threshold(j);
        return sum / n;
    }

    private int bench(DiehlCook net, Dataset train, CommonOptions common) {
        DiehlCook.Pass pass = net.learn(train);
        System.out.printf(Locale.ROOT, "stdp learning, %d neurons, dt %s ms: %d samples in %.1f s, %.1f samples/s (%.1f spikes/sample)%n",
                neurons, dt, pass.samples(), pass.seconds(), pass.samplesPerSecond(), (double) pass.spikes() / pass.samples());
        if (common.json) {
            JsonObject o = json();
            o.addProperty("samples", pass.samples());
            o.addProperty("seconds", pass.seconds());
            o.addProperty("samples_per_second", pass.samplesPerSecond());
            System.out.println(o);
        }
        return 0;
    }

    /** One pass as a metrics-log line. */
    private JsonObject logLine(int p, DiehlCook.Pass pass, double accuracy, Dataset train, Dataset test) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", KIND);
        o.addProperty("command", spec.name());
        o.addProperty("model", MODEL + ":" + neurons);
        o.addProperty("pass", p);
        o.addProperty("passes", passes);
        o.addProperty("dt_ms", dt);
        JsonLines.putNumber(o, "test_accuracy", accuracy);
        JsonLines.putNumber(o, "samples_per_second", pass.samplesPerSecond());
        o.addProperty("pass_seconds", pass.seconds());
        JsonLines.putNumber(o, "spikes_per_sample", (double) pass.spikes() / pass.samples());
        o.addProperty("train_samples", train.size());
        o.addProperty("test_samples", test.size());
        o.addProperty("time", java.time.Instant.now().toString());
        return o;
    }

    private JsonObject json() {
        JsonObject o = new JsonObject();
        o.addProperty("model", MODEL + ":" + neurons);
        o.addProperty("dt_ms", dt);
        o.addProperty("lockout_ms", lockoutMs);
        o.addProperty("conductances", eulerConductances ? "euler" : "exact");
        o.addProperty("theta_rest_mv", thetaRestMv);
        return o;
    }

    /**
     * The receptive fields (channels stacked vertically, {@code width} pixels across) and the raster of a sample of
     * class {@code label} whose {@code spikes} these are: what {@code --plots} and the report draw.
     */
    static Map<String, Svg> figures(DiehlCook net, int width, List<int[]> spikes, int label) {
        int n = net.config().neurons();
        Map<String, Svg> figures = new LinkedHashMap<>();
        figures.put("receptive-fields", StdpFigures.receptiveFieldsFigure("Receptive fields of the " + n + " excitatory neurons",
                StdpFigures.receptiveFields(net.weights(), net.inputs(), n, net.inputs() / width, width, 1)));
        figures.put("raster", StdpFigures.raster("Excitatory spikes, test sample 0 (class " + label + ")", spikes, n, net.config().dtMs()));
        return figures;
    }

    private static Map<String, Svg> figures(DiehlCook net, Dataset test) {
        int[] shape = test.sampleShape();
        return figures(net, shape[shape.length - 1], net.spikes(test.sample(0)), test.label(0));
    }
}
