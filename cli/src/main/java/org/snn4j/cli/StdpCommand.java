package org.snn4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Mixin
    PlotsOption plots;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the trained network to FILE (for snn4j report) and a line per "
            + "pass to the metrics log FILE.metrics.jsonl.")
    Path out;

    @Option(names = "--bench", description = "Only time the learning: one pass over the training samples (use --limit-train), "
            + "no labelling or test; prints the samples per second.")
    boolean bench;

    @Override
    public Integer call() {
        return new StdpTraining(spec, neurons, passes, dt).run(dataOptions, common, plots, bench, out);
    }
}
