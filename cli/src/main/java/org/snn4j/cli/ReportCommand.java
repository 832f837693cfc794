package org.snn4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snn4j.data.Dataset;
import org.snn4j.encode.Encoders;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Executor;
import org.snn4j.io.JsonLines;
import org.snn4j.loss.Losses;
import org.snn4j.metrics.EnergyModel;
import org.snn4j.model.ModelFile;
import org.snn4j.plot.HtmlReport;
import org.snn4j.plot.RunReport;
import org.snn4j.plot.SpikeRaster;
import org.snn4j.plot.StdpRunReport;
import org.snn4j.plot.svg.Svg;
import org.snn4j.stdp.DiehlCook;
import org.snn4j.stdp.DiehlCookFile;
import org.snn4j.tensor.Workspace;
import org.snn4j.train.EvalResult;
import org.snn4j.train.Evaluator;
import org.snn4j.train.MetricsLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snn4j report}: one self-contained HTML page of a model's run, from its metrics log and a fresh evaluation. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write one self-contained HTML report of a model (no network access needed to open it): training curves "
                + "and spike rates per layer over epochs (from the metrics log beside the model), a spike raster of test sample 0 "
                + "through every spiking layer with the membrane traces of a few of its neurons, operation counts and the energy split per layer (from an evaluation on the test "
                + "set), and for conversions accuracy against T per method with the per-layer errors. Each chart has a table "
                + "of the same numbers beside it."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_FILE", description = "A model written by train, finetune or convert (--out).")
    Path modelFile;

    @Option(names = "--out", paramLabel = "FILE", description = "The HTML file to write (default: MODEL_FILE.report.html).")
    Path out;

    @Option(names = "--metrics", paramLabel = "FILE", description = "The metrics log (default: MODEL_FILE" + MetricsLog.SUFFIX + ").")
    Path metrics;

    @Option(names = "--T", paramLabel = "STEPS", description = "Time steps (default: as trained).")
    Integer steps;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--batch", defaultValue = "256", description = "Batch size of the evaluation (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--energy", paramLabel = "MODEL", defaultValue = "45nm-fp32",
            description = "Energy per operation: 45nm-fp32, 45nm-int32 or MAC_PJ,AC_PJ (default: ${DEFAULT-VALUE}).")
    String energy;

    @Mixin
    PlotsOption plots;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.applyThreads(spec);
        Path page = out != null ? out : Path.of(modelFile + ".report.html");
        Path log = metrics != null ? metrics : MetricsLog.beside(modelFile);
        Outputs.of(spec).input("MODEL_FILE", modelFile).input("--metrics", log).output("--out", page).check(true);
        plots.check(spec);
        if (DiehlCookFile.holds(modelFile)) return stdpReport(page, log);
        EnergyModel energyModel = Flags.parsed(spec, "--energy", () -> EnergyModel.parse(energy));
        Flags.positive(spec, "--batch", batch);
        ModelFile saved = ModelFile.read(modelFile);
        int t = steps != null ? steps : saved.steps(8);
        Flags.positive(spec, "--T", t);
        Flags.fits(spec, saved.model(), t, batch, false);
        Dataset test = dataOptions.load(common.dataDir, false);
        EvalResult r = Evaluator.run(new Executor(saved.model(), EngineMode.AUTO), test, t,
                Encoders.byName(saved.encoder(), saved.encoderGain()), Losses.byName("ce"), batch, common.seed, new Workspace());
        SpikeRaster raster = PlotsOption.raster(saved.model(), test, t);
        RunReport report = new RunReport(saved.model().spec().name() + ": run report", "Model " + modelFile + ", metrics log " + log,
                JsonLines.read(log), PlotsOption.evaluation(r, t, energyModel), raster, PlotsOption.traces(saved.model(), test, raster));
        long bytes = HtmlReport.write(page, report);
        System.out.printf("report: %s (%d bytes)%n", page, bytes);
        plots.write(HtmlReport.figures(report));
        return 0;
    }

    /** The report of a Diehl &amp; Cook network written by {@code stdp --out} or {@code train --learning stdp --out}. */
    private int stdpReport(Path page, Path log) {
        DiehlCookFile.Saved saved = DiehlCookFile.load(modelFile);
        DiehlCook net = saved.network();
        Dataset test = dataOptions.load(common.dataDir, false);
        if (test.sampleSize() != net.inputs()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--data " + dataOptions.name() + " has samples of "
                    + test.sampleSize() + " values; the network in " + modelFile + " has " + net.inputs() + " inputs");
        }
        if (net.labels() == null) throw new org.snn4j.Snn4jException(modelFile + ": the network's neurons are not labelled (no pass ended)");
        int n = net.config().neurons(), width = saved.sampleShape()[saved.sampleShape().length - 1];
        double accuracy = net.evaluate(test);
        List<int[]> spikes = net.spikes(test.sample(0));
        Map<String, Svg> figures = StdpTraining.figures(net, width, spikes, test.label(0));
        StdpRunReport report = new StdpRunReport(StdpTraining.MODEL + ":" + n + ": run report", "Network " + modelFile + ", metrics log " + log,
                JsonLines.read(log), accuracy, test.size(), net.labels(), spikes.stream().mapToInt(a -> a.length).sum(),
                figures.get("raster"), figures.get("receptive-fields"));
        long bytes = HtmlReport.write(page, report);
        System.out.printf("report: %s (%d bytes)%n", page, bytes);
        plots.write(HtmlReport.figures(report));
        return 0;
    }
}
