package org.snn4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.snn4j.data.Dataset;
import org.snn4j.metrics.EnergyModel;
import org.snn4j.model.Model;
import org.snn4j.plot.MembraneTraces;
import org.snn4j.plot.ReportFigures;
import org.snn4j.plot.RunReport;
import org.snn4j.plot.SpikeRaster;
import org.snn4j.plot.svg.Svg;
import org.snn4j.train.EvalResult;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --plots DIR}: a command's figures, the run report's ({@link ReportFigures}), as {@code DIR/NAME.svg} and
 * {@code DIR/NAME.png}; and how the commands compute the figures of one test sample and of an evaluation, so that
 * the report and every command draw them alike.
 */
final class PlotsOption {
    /** Neurons of each spiking layer shown in a raster: evenly spaced over those that spiked. */
    static final int RASTER_NEURONS = 64;
    /** Neurons whose membrane is traced. */
    static final int TRACED_NEURONS = 6;

    @Option(names = "--plots", paramLabel = "DIR", description = "Write the command's figures to DIR (created if missing), each as "
            + "NAME.svg and NAME.png, under the names of the report's charts (loss, accuracy, spike-rates, raster, membrane, "
            + "operations, energy, conversion, firing-rates, receptive-fields: those the command has data for).")
    Path dir;

    /** Whether {@code --plots} was given. */
    boolean given() {
        return dir != null;
    }

    /** Refuses a DIR that is a file, as bad usage before any work. */
    void check(CommandSpec spec) {
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "--plots " + dir + " is a file, not a directory");
        }
    }

    /** Writes {@code figures} (nothing without {@code --plots}) and says where. */
    void write(Map<String, Svg> figures) {
        if (dir == null) return;
        List<Path> files = ReportFigures.write(dir, figures);
        System.out.println("plots: " + dir + " (" + String.join(", ", figures.keySet()) + "; " + files.size() + " files)");
    }

    /** The spikes of test sample 0 through every spiking layer, held as direct input for {@code steps} steps. */
    static SpikeRaster raster(Model model, Dataset test, int steps) {
        return SpikeRaster.of(model, sample0(test), steps, RASTER_NEURONS, SpikeRaster.Selection.ACTIVE);
    }

    /** The membrane traces of a few neurons of {@code raster}'s last active layer for test sample 0; null without spiking layers. */
    static MembraneTraces traces(Model model, Dataset test, SpikeRaster raster) {
        return MembraneTraces.of(model, sample0(test), raster, TRACED_NEURONS, layer -> model.neuronLayers().get(layer).spec().threshold());
    }

    /** The raster and membrane figures of test sample 0. */
    static Map<String, Svg> sampleFigures(Model model, Dataset test, int steps) {
        SpikeRaster raster = raster(model, test, steps);
        return ReportFigures.ofSample(raster, traces(model, test, raster));
    }

    /** An evaluation as the report shows it: operations and energy per weighted layer and sample. */
    static RunReport.Evaluation evaluation(EvalResult r, int steps, EnergyModel energy) {
        List<RunReport.LayerOps> layers = r.ops().entrySet().stream().map(e -> new RunReport.LayerOps(e.getKey(),
                e.getValue().denseMacsPerSample(), e.getValue().acsPerSample(), e.getValue().macsPerSample(),
                energy.joules(e.getValue().macsPerSample(), 0), energy.joules(0, e.getValue().acsPerSample()),
                energy.joules(e.getValue().denseMacsPerSample(), 0))).toList();
        return new RunReport.Evaluation(steps, r.accuracy(), r.samples(), r.spikeRates(), layers, energy.toString());
    }

    private static org.snn4j.tensor.Tensor sample0(Dataset test) {
        return test.images(0).reshape(test.sampleShape());
    }
}
