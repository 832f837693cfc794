package org.snn4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.snn4j.data.Dataset;
import org.snn4j.plot.StdpFigures;
import org.snn4j.stdp.DiehlCook;
import org.snn4j.stdp.DiehlCookConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code snn4j stdp}: trains Diehl &amp; Cook's network by unsupervised STDP, labels its neurons on the training
 * set after every pass and prints the test accuracy of their votes and the training speed; with {@code --plots}
 * it then draws the receptive fields and a raster, with {@code --bench} it only times the learning.
 */
@Command(name = "stdp", mixinStandardHelpOptions = true,
        description = "Unsupervised STDP: train Diehl & Cook's network (Poisson inputs, adaptive thresholds, lateral inhibition), "
                + "label its neurons by their strongest class response and classify by their votes.")
final class StdpCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--neurons", paramLabel = "N", defaultValue = "100", description = "Excitatory neurons (default: ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--passes", paramLabel = "P", defaultValue = "1", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--dt", paramLabel = "MS", defaultValue = "0.5", description = "Time step in ms (default: ${DEFAULT-VALUE}).")
    double dt;

    @Mixin
    PlotsOption plots;

    @Option(names = "--bench", description = "Only time the learning: one pass over the training samples (use --limit-train), "
            + "no labelling or test; prints the samples per second.")
    boolean bench;

    @Override
    public Integer call() {
        if (neurons < 1) throw new ParameterException(spec.commandLine(), "--neurons must be >= 1, was " + neurons);
        if (passes < 1) throw new ParameterException(spec.commandLine(), "--passes must be >= 1, was " + passes);
        if (!(dt > 0) || dt > 10) throw new ParameterException(spec.commandLine(), "--dt must be in (0, 10] ms, was " + dt);
        if (plots.given() && bench) throw new ParameterException(spec.commandLine(), "--plots and --bench exclude each other");
        plots.check(spec);
        Dataset train = dataOptions.load(common.dataDir, true);
        DiehlCook net = new DiehlCook(DiehlCookConfig.defaults(neurons).withDt(dt).withSeed(common.seed), train.sampleSize());
        if (bench) return bench(net, train);
        Dataset test = dataOptions.load(common.dataDir, false);
        JsonArray perPass = new JsonArray();
        for (int p = 1; p <= passes; p++) {
            DiehlCook.Pass pass = net.train(train);
            double accuracy = net.evaluate(test);
            System.out.printf(Locale.ROOT, "pass %d: %d samples in %.1f s (%.1f samples/s, %.1f spikes/sample), test accuracy %.2f %%%n",
                    p, pass.samples(), pass.seconds(), pass.samplesPerSecond(), (double) pass.spikes() / pass.samples(), 100 * accuracy);
            JsonObject o = new JsonObject();
            o.addProperty("pass", p);
            o.addProperty("samples_per_second", pass.samplesPerSecond());
            o.addProperty("test_accuracy", accuracy);
            perPass.add(o);
        }
        if (plots.given()) draw(net, test);
        if (common.json) {
            JsonObject o = new JsonObject();
            o.addProperty("model", "diehl-cook:" + neurons);
            o.addProperty("dt_ms", dt);
            o.addProperty("train_samples", train.size());
            o.addProperty("test_samples", test.size());
            o.add("passes", perPass);
            System.out.println(o);
        }
        return 0;
    }

    private int bench(DiehlCook net, Dataset train) {
        DiehlCook.Pass pass = net.learn(train);
        System.out.printf(Locale.ROOT, "stdp learning, %d neurons, dt %s ms: %d samples in %.1f s, %.1f samples/s (%.1f spikes/sample)%n",
                neurons, dt, pass.samples(), pass.seconds(), pass.samplesPerSecond(), (double) pass.spikes() / pass.samples());
        if (common.json) {
            JsonObject o = new JsonObject();
            o.addProperty("model", "diehl-cook:" + neurons);
            o.addProperty("dt_ms", dt);
            o.addProperty("samples", pass.samples());
            o.addProperty("seconds", pass.seconds());
            o.addProperty("samples_per_second", pass.samplesPerSecond());
            System.out.println(o);
        }
        return 0;
    }

    private void draw(DiehlCook net, Dataset test) {
        int[] shape = test.sampleShape();
        int width = shape[shape.length - 1], height = test.sampleSize() / width; // channels stacked vertically
        java.util.Map<String, org.snn4j.plot.svg.Svg> figures = new java.util.LinkedHashMap<>();
        figures.put("receptive-fields", StdpFigures.receptiveFieldsFigure("Receptive fields of the " + neurons + " excitatory neurons",
                StdpFigures.receptiveFields(net.weights(), test.sampleSize(), neurons, height, width, 1)));
        figures.put("raster", StdpFigures.raster("Excitatory spikes, first test sample (class " + test.label(0) + ")",
                net.spikes(test.sample(0)), neurons, dt));
        plots.write(figures);
    }
}
