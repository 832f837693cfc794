package org.snn4j.cli;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snn4j.data.Dataset;
import org.snn4j.model.BlockVariant;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.Presets;
import picocli.CommandLine.Option;

/** Which network to build and how its neurons behave: a preset or spec file, with neuron overrides. */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "NAME|FILE", defaultValue = "w1",
            description = "Preset (lenet, vgg7, vgg9, vgg11, vgg16, resnet7, resnet9, resnet11, resnet<6n+2>, w1) "
                    + "or a JSON model spec file (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--neuron", paramLabel = "if|lif|plif", description = "Neuron model for all spiking layers.")
    String neuron;

    @Option(names = "--leak", paramLabel = "ALPHA", description = "LIF leak factor per step (1 = no leak).")
    Double leak;

    @Option(names = "--threshold", paramLabel = "THETA", description = "Firing threshold.")
    Double threshold;

    @Option(names = "--reset", paramLabel = "zero|subtract", description = "Reset after a spike.")
    String reset;

    @Option(names = "--surrogate", paramLabel = "NAME",
            description = "Surrogate gradient: lee, lee-no-leak-factor, rectangular, triangle, fast-sigmoid, arctan, stdb.")
    String surrogate;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0",
            description = "Dropout after hidden layers of presets, mask held over all T steps (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--width", paramLabel = "F", defaultValue = "1",
            description = "Channel width multiplier for presets (default: ${DEFAULT-VALUE}).")
    double width;

    @Option(names = "--block-variant", paramLabel = "V", defaultValue = "standard",
            description = "Residual blocks: standard, spiking-shortcut or spiking-branch (a spiking layer ends that path; "
                    + "see docs/ARCHITECTURE.md) (default: ${DEFAULT-VALUE}).")
    String blockVariant;

    /** The spec for the given data: a preset built for its shape, or a spec file; then neuron overrides. */
    ModelSpec spec(Dataset data, boolean batchNorm) {
        ModelSpec spec;
        Path file = Path.of(model);
        if (model.endsWith(".json") || Files.isRegularFile(file)) {
            spec = ModelSpec.load(file);
        } else {
            spec = Presets.byName(model, data.sampleShape(), data.numClasses(), new Presets.Options(batchNorm, dropout, width));
        }
        spec = BlockVariant.byId(blockVariant).apply(spec);
        JsonObject o = new JsonObject();
        if (neuron != null) o.addProperty("model", neuron);
        if (leak != null) o.addProperty("leak", leak);
        if (threshold != null) o.addProperty("threshold", threshold);
        if (reset != null) o.addProperty("reset", reset);
        if (surrogate != null) o.addProperty("surrogate", surrogate);
        return o.isEmpty() ? spec : spec.withNeuron(o);
    }
}
