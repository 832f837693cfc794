package org.snn4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.snn4j.stdp.DiehlCookConfig;

/**
 * {@code snn4j stdp}: trains Diehl &amp; Cook's network by unsupervised STDP ({@link StdpTraining}, the same run as
 * {@code train --model diehl-cook:N --learning stdp}), adding the time step ({@code --dt}) and a timing of the
 * learning alone ({@code --bench}).
 */
@Command(name = "stdp", mixinStandardHelpOptions = true,
        description = "Unsupervised STDP: train Diehl & Cook's network (Poisson inputs, adaptive thresholds, lateral inhibition), "
                + "label its neurons by their strongest class response and classify by their votes. "
                + "The same run as `train --model diehl-cook:N --learning stdp`, with --dt and --bench besides.")
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

    @Option(names = "--lockout", paramLabel = "MS", description = "After a spike an excitatory neuron cannot fire for MS ms "
            + "(the Brian 2 ports' timer: 50; at or below the 5 ms refractory period: none; default: that of the network's defaults).")
    Double lockout;

    @Option(names = "--conductances", paramLabel = "K", description = "How the synaptic conductances decay per step: exact, or euler "
            + "as Brian steps them (default: that of the network's defaults).")
    String conductances;

    @Option(names = "--theta-rest", paramLabel = "MV", description = "The level the adaptive thresholds decay towards, in mV above "
            + "the base threshold (the reference code's: -20; default: that of the network's defaults).")
    Double thetaRest;

    @Option(names = "--holdout", paramLabel = "N", defaultValue = "0", description = "Learn and label on all training samples but the "
            + "last N and score on those N instead of the test set, for choosing settings without the test set (default: 0, off).")
    int holdout;

    @Mixin
    PlotsOption plots;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the trained network to FILE (for snn4j report) and a line per "
            + "pass to the metrics log FILE.metrics.jsonl.")
    Path out;

    @Option(names = "--bench", description = "Only time the learning: one pass over the training samples (use --limit-train), "
            + "no labelling or test; prints the samples per second.")
    boolean bench;

    @Option(names = "--conv", paramLabel = "MAPS", split = ",", description = "Convolutional STDP instead (Kheradpisheh et al. 2018): "
            + "layers of MAPS maps each, learned one after the other, then a linear readout on their frozen features against the same "
            + "readout on random frozen features.")
    int[] conv;

    @Option(names = "--conv-thresholds", paramLabel = "V", split = ",", defaultValue = "15,10",
            description = "--conv: firing threshold of each layer (default: ${DEFAULT-VALUE}, the first of them for one layer).")
    float[] convThresholds;

    @Option(names = "--kernel", paramLabel = "K", defaultValue = "5", description = "--conv: kernel size (default: ${DEFAULT-VALUE}).")
    int kernel;

    @Option(names = "--pool", paramLabel = "P", defaultValue = "2", description = "--conv: first-spike max pooling after each layer (default: ${DEFAULT-VALUE}).")
    int pool;

    @Option(names = "--steps", paramLabel = "T", defaultValue = "15", description = "--conv: time steps of the first-spike coding (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--stdp-samples", paramLabel = "N", defaultValue = "5000",
            description = "--conv: training images each layer learns from (default: ${DEFAULT-VALUE}).")
    int stdpSamples;

    @Option(names = "--readout-epochs", paramLabel = "E", defaultValue = "10", description = "--conv: epochs of the readout (default: ${DEFAULT-VALUE}).")
    int readoutEpochs;

    @Option(names = "--coding", paramLabel = "C", defaultValue = "dog", description = "--conv: input coding, dog (difference-of-Gaussians "
            + "ON/OFF channels, the paper's) or intensity (default: ${DEFAULT-VALUE}).")
    String coding;

    @Override
    public Integer call() {
        if (conv != null) return conv();
        for (String f : CONV_FLAGS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(f)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), f + " applies to --conv only");
            }
        }
        if (conductances != null && !conductances.equals("exact") && !conductances.equals("euler")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--conductances must be exact or euler, was " + conductances);
        }
        DiehlCookConfig defaults = DiehlCookConfig.defaults(1);
        return new StdpTraining(spec, neurons, passes, dt, lockout != null ? lockout : defaults.lockoutMs(),
                conductances != null ? conductances.equals("euler") : defaults.eulerConductances(),
                thetaRest != null ? thetaRest : defaults.thetaRestMv(), holdout)
                .run(dataOptions, common, plots, bench, out);
    }

    private static final java.util.Set<String> DIEHL_COOK_FLAGS = java.util.Set.of("--neurons", "--passes", "--dt", "--bench", "--out",
            "--lockout", "--conductances", "--theta-rest", "--holdout");
    private static final java.util.Set<String> CONV_FLAGS = java.util.Set.of("--conv-thresholds", "--kernel", "--pool", "--steps", "--stdp-samples",
            "--readout-epochs", "--coding");

    private int conv() {
        var parsed = spec.commandLine().getParseResult();
        for (String f : DIEHL_COOK_FLAGS) {
            if (parsed.hasMatchedOption(f)) throw new picocli.CommandLine.ParameterException(spec.commandLine(), f + " does not apply to --conv");
        }
        float[] thresholds = parsed.hasMatchedOption("--conv-thresholds") ? convThresholds
                : java.util.Arrays.copyOf(convThresholds, Math.min(conv.length, convThresholds.length));
        if (!coding.equals("dog") && !coding.equals("intensity")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--coding must be dog or intensity, was " + coding);
        }
        return new ConvStdpTraining(spec, conv, thresholds, kernel, pool, steps, stdpSamples, readoutEpochs, coding.equals("dog"))
                .run(dataOptions, common, plots);
    }
}
