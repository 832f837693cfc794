package org.snn4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;
import org.snn4j.data.Dataset;
import org.snn4j.stdp.ConvStdpLearning;
import org.snn4j.stdp.ConvStdpNetwork;
import org.snn4j.stdp.FirstSpikeCoding;
import org.snn4j.tensor.Rng;
import org.snn4j.train.LinearReadout;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Convolutional STDP as {@code snn4j stdp --conv MAPS,...} runs it (Kheradpisheh et al. 2018): learn the layers one
 * after the other by STDP on the first {@code stdpSamples} training images, freeze them, train a linear readout by
 * gradient descent on their features of the training set and print its test accuracy; then the same readout on the
 * features of the same network with random frozen weights (the untrained initial weights, and weights uniform in
 * [0, 1]), the control that says what STDP added.
 */
final class ConvStdpTraining {
    private final CommandSpec spec;
    private final int[] maps;
    private final float[] thresholds;
    private final int kernel;
    private final int pool;
    private final int steps;
    private final int stdpSamples;
    private final int readoutEpochs;
    private final boolean dog;

    /** @throws ParameterException for counts below 1 or a threshold per layer missing */
    ConvStdpTraining(CommandSpec spec, int[] maps, float[] thresholds, int kernel, int pool, int steps, int stdpSamples, int readoutEpochs,
            boolean dog) {
        if (maps.length == 0) throw new ParameterException(spec.commandLine(), "--conv needs at least one layer's map count");
        for (int m : maps) if (m < 1) throw new ParameterException(spec.commandLine(), "--conv map counts must be >= 1, were " + java.util.Arrays.toString(maps));
        if (thresholds.length != maps.length) {
            throw new ParameterException(spec.commandLine(), "--conv-thresholds needs one threshold per layer (" + maps.length + "), has " + thresholds.length);
        }
        for (float t : thresholds) if (!(t > 0)) throw new ParameterException(spec.commandLine(), "--conv-thresholds must be > 0, were " + java.util.Arrays.toString(thresholds));
        if (kernel < 1 || pool < 1 || steps < 1 || stdpSamples < 1 || readoutEpochs < 1) {
            throw new ParameterException(spec.commandLine(), "--kernel, --pool, --steps, --stdp-samples and --readout-epochs must be >= 1");
        }
        this.spec = spec;
        this.maps = maps.clone();
        this.thresholds = thresholds.clone();
        this.kernel = kernel;
        this.pool = pool;
        this.steps = steps;
        this.stdpSamples = stdpSamples;
        this.readoutEpochs = readoutEpochs;
        this.dog = dog;
    }

    /** Runs on {@code data}; returns the exit code. */
    int run(DataOptions data, CommonOptions common, PlotsOption plots) {
        plots.check(spec);
        Dataset train = data.load(common.dataDir, true);
        Dataset test = data.load(common.dataDir, false);
        ConvStdpNetwork net = network(train, common.seed);
        JsonArray layers = new JsonArray();
        for (int i = 0; i < maps.length; i++) {
            ConvStdpNetwork.Training t = net.trainLayer(i, train, stdpSamples, ConvStdpLearning.defaults(), new Rng(common.seed * 31 + i));
            System.out.printf(Locale.ROOT, "layer %d (%d maps, threshold %s): STDP on %d samples in %.1f s, %.2f winners/sample%n", i + 1, maps[i],
                    thresholds[i], t.samples(), t.seconds(), (double) t.winners() / t.samples());
            JsonObject o = new JsonObject();
            o.addProperty("maps", maps[i]);
            o.addProperty("threshold", thresholds[i]);
            o.addProperty("stdp_samples", t.samples());
            o.addProperty("seconds", t.seconds());
            layers.add(o);
        }
        if (plots.given()) plots.write(kernelFigures(net));
        double stdp = readout("stdp", net, train, test, common.seed);
        double untrained = readout("random (untrained initial weights)", network(train, common.seed), train, test, common.seed);
        ConvStdpNetwork uniform = network(train, common.seed);
        Rng rng = new Rng(common.seed * 17 + 3);
        for (ConvStdpNetwork.Stage s : uniform.stages()) rng.fillUniform(s.layer().weights(), 0f, 1f);
        double random = readout("random (weights uniform in [0, 1])", uniform, train, test, common.seed);
        if (common.json) {
            JsonObject o = new JsonObject();
            o.addProperty("model", "conv-stdp");
            o.addProperty("kernel", kernel);
            o.addProperty("pool", pool);
            o.addProperty("steps", steps);
            o.addProperty("coding", dog ? "dog" : "intensity");
            o.addProperty("seed", common.seed);
            o.add("layers", layers);
            o.addProperty("features", net.featureSize());
            o.addProperty("readout_epochs", readoutEpochs);
            o.addProperty("train_samples", train.size());
            o.addProperty("test_samples", test.size());
            o.addProperty("stdp_test_accuracy", stdp);
            o.addProperty("untrained_test_accuracy", untrained);
            o.addProperty("uniform_random_test_accuracy", random);
            System.out.println(o);
        }
        return 0;
    }

    /**
     * Each layer's learned kernels, a tile per map with its input channels stacked vertically (for DoG input: ON above
     * OFF), white = the map's largest weight: {@code conv-kernels-1}, {@code conv-kernels-2}, ...
     */
    static java.util.Map<String, org.snn4j.plot.svg.Svg> kernelFigures(ConvStdpNetwork net) {
        java.util.Map<String, org.snn4j.plot.svg.Svg> figures = new java.util.LinkedHashMap<>();
        for (int l = 0; l < net.stages().size(); l++) {
            org.snn4j.stdp.ConvStdpLayer layer = net.stages().get(l).layer();
            int maps = layer.maps(), k = layer.kernel(), per = layer.inChannels() * k * k;
            float[] kernels = layer.weights(), byInput = new float[kernels.length];
            for (int m = 0; m < maps; m++) {
                for (int i = 0; i < per; i++) byInput[i * maps + m] = kernels[m * per + i];
            }
            String title = "Layer " + (l + 1) + ": " + maps + " kernels " + k + "×" + k + " learned by STDP, " + layer.inChannels()
                    + " input channel" + (layer.inChannels() == 1 ? "" : "s") + " stacked vertically";
            figures.put("conv-kernels-" + (l + 1), org.snn4j.plot.StdpFigures.receptiveFieldsFigure(title,
                    org.snn4j.plot.StdpFigures.receptiveFields(byInput, per, maps, layer.inChannels() * k, k, 8)));
        }
        return figures;
    }

    private ConvStdpNetwork network(Dataset train, long seed) {
        return ConvStdpNetwork.of(new FirstSpikeCoding(train.sampleShape(), steps, dog), maps, kernel, thresholds, pool, seed);
    }

    /** Trains the readout on {@code net}'s frozen features of {@code train}, prints and returns its test accuracy. */
    private double readout(String what, ConvStdpNetwork net, Dataset train, Dataset test, long seed) {
        long t0 = System.nanoTime();
        float[] xTrain = features(net, train);
        float[] xTest = features(net, test);
        LinearReadout r = LinearReadout.train(xTrain, net.featureSize(), train.labels(), train.numClasses(), readoutEpochs, 64, 1e-3, seed);
        double accuracy = r.accuracy(xTest, test.labels());
        System.out.printf(Locale.ROOT, "%s features (%d) + linear readout: test accuracy %.2f %% (%.1f s)%n", what, net.featureSize(), 100 * accuracy,
                (System.nanoTime() - t0) / 1e9);
        return accuracy;
    }

    private static float[] features(ConvStdpNetwork net, Dataset data) {
        int f = net.featureSize();
        float[] x = new float[data.size() * f];
        for (int i = 0; i < data.size(); i++) System.arraycopy(net.features(data.sample(i)), 0, x, i * f, f);
        return x;
    }
}
