package org.snn4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.snn4j.data.Dataset;
import org.snn4j.stdp.DiehlCook;
import org.snn4j.stdp.DiehlCookConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code snn4j stdp}: trains Diehl &amp; Cook's network by unsupervised STDP, labels its neurons on the training
 * set after every pass and prints the test accuracy of their votes and the training speed.
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

    @Override
    public Integer call() {
        if (neurons < 1) throw new ParameterException(spec.commandLine(), "--neurons must be >= 1, was " + neurons);
        if (passes < 1) throw new ParameterException(spec.commandLine(), "--passes must be >= 1, was " + passes);
        if (!(dt > 0) || dt > 10) throw new ParameterException(spec.commandLine(), "--dt must be in (0, 10] ms, was " + dt);
        Dataset train = dataOptions.load(common.dataDir, true);
        Dataset test = dataOptions.load(common.dataDir, false);
        DiehlCook net = new DiehlCook(DiehlCookConfig.defaults(neurons).withDt(dt).withSeed(common.seed), train.sampleSize());
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
}
