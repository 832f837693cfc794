package org.snn4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.model.BlockVariant;
import org.snn4j.model.Hybrid;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.NeuronSettings;
import org.snn4j.model.Presets;
import org.snn4j.neuron.NeuronConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Which network to build and how its neurons behave: a preset or spec file, with neuron overrides. */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "NAME|FILE", defaultValue = "w1",
            description = "Preset (lenet, lenet-pool-scaled, vgg7, vgg9, vgg9-plan, vgg11, vgg16, resnet7, resnet9, resnet11, resnet11-plan, "
                    + "resnet<6n+2>, backres-vgg<n>, plain-vgg<n>, w1, shd-rsnn, nmnist, dvs-gesture; `snn4j info --model NAME` shows its "
                    + "neuron and training recipe) or a JSON model spec file (default: ${DEFAULT-VALUE}; on event data: nmnist, "
                    + "on spike audio: shd-rsnn).")
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
            description = "Surrogate gradient: lee, lee-no-leak-factor, lee-pool, rectangular, triangle, fast-sigmoid, arctan, stdb.")
    String surrogate;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0",
            description = "Dropout after hidden layers of presets, mask held over all T steps (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--width", paramLabel = "F", defaultValue = "1",
            description = "Channel width multiplier for presets (default: ${DEFAULT-VALUE}).")
    double width;

    @Option(names = "--norm", paramLabel = "none|tdbn", defaultValue = "none",
            description = "Normalisation of a VGG or ResNet preset in SNN training: none, or tdbn (Zheng et al.'s threshold-dependent "
                    + "batch norm: statistics over time, batch and space per channel, scaled by alpha*V_th, after each conv and hidden "
                    + "linear layer; folded into the layer before it for export). ANN training (--ann) always puts a batch norm "
                    + "after each conv (default: ${DEFAULT-VALUE}).")
    String norm;

    @Option(names = "--block-variant", paramLabel = "V", defaultValue = "standard",
            description = "Residual blocks: standard, spiking-shortcut or spiking-branch (a spiking layer ends that path; "
                    + "see docs/ARCHITECTURE.md) (default: ${DEFAULT-VALUE}).")
    String blockVariant;

    @Option(names = "--hybrid", paramLabel = "K",
            description = "Hybrid network (Panda et al.): the first K top-level spiking layers spike, the later ones become the "
                    + "ANN activation (relu unless the spec says otherwise) and run on one step.")
    Integer hybrid;

    @Option(names = "--boundary", paramLabel = "rate|membrane[:LEAK]", defaultValue = "rate",
            description = "With --hybrid: what the first ANN layer receives from the spiking ones: the spike rate, or its own "
                    + "synaptic input integrated over T in a membrane with leak LEAK (default 1) (default: ${DEFAULT-VALUE}).")
    String boundary;

    /**
     * The hybrid boundary the flags ask for (null without {@code --hybrid}).
     *
     * @throws org.snn4j.Snn4jException for a malformed {@code --boundary} or a negative K
     */
    Hybrid hybrid() {
        if (hybrid == null) {
            if (!boundary.equals("rate")) throw new org.snn4j.Snn4jException("--boundary applies with --hybrid only");
            return null;
        }
        if (hybrid < 0) throw new org.snn4j.Snn4jException("--hybrid must be >= 0, was " + hybrid);
        String[] parts = boundary.split(":", -1);
        Hybrid.Boundary kind = Hybrid.Boundary.byLabel(parts[0]);
        if (parts.length > 2 || (parts.length == 2 && kind != Hybrid.Boundary.MEMBRANE)) {
            throw new org.snn4j.Snn4jException("--boundary must be rate or membrane[:LEAK], was '" + boundary + "'");
        }
        try {
            return new Hybrid(kind, parts.length == 2 ? Double.parseDouble(parts[1]) : 1);
        } catch (NumberFormatException e) {
            throw new org.snn4j.Snn4jException("--boundary leak '" + parts[1] + "' is not a number");
        }
    }

    /**
     * Checks the neuron and block flags before any data is read: an unknown name or a value out of range
     * is bad usage (exit code 2), like every other flag.
     */
    void check(CommandSpec spec) {
        if (threshold != null) Flags.positiveFinite(spec, "--threshold", threshold);
        Flags.positiveFinite(spec, "--width", width);
        Flags.fraction(spec, "--dropout", dropout);
        if (leak != null && !(leak >= 0 && leak <= 1)) throw new ParameterException(spec.commandLine(), "--leak must be in [0, 1], was " + leak);
        String flag = "--block-variant";
        try {
            BlockVariant.byId(blockVariant);
            NeuronConfig.Builder b = NeuronConfig.builder();
            flag = "--neuron";
            if (neuron != null) b.model(neuron);
            flag = "--reset";
            if (reset != null) b.reset(reset);
            flag = "--surrogate";
            if (surrogate != null) b.surrogate(surrogate);
        } catch (Snn4jException e) {
            throw new ParameterException(spec.commandLine(), flag + ": " + e.getMessage());
        }
    }

    /**
     * The normalisation the presets get: a batch norm for an ANN twin, else what {@code --norm} asks; bad usage
     * (exit code 2) for an unknown name, for {@code --norm} with {@code --ann} or a spec file.
     */
    Presets.Norm norm(CommandSpec spec, boolean ann) {
        Presets.Norm n = Flags.parsed(spec, "--norm", () -> Presets.Norm.byLabel(norm));
        if (n == Presets.Norm.BATCH) throw new ParameterException(spec.commandLine(), "--norm must be none or tdbn, was 'bn' (--ann puts it in)");
        if (n == Presets.Norm.NONE) return ann ? Presets.Norm.BATCH : n;
        if (ann) throw new ParameterException(spec.commandLine(), "--norm " + norm + " applies to SNN training (--ann puts a batch norm after each conv)");
        if (specFile() != null) {
            throw new ParameterException(spec.commandLine(), "--norm applies to presets; the spec file " + model + " states its own batchnorm entries");
        }
        return n;
    }

    /** The JSON spec file --model names, or null when it names a preset. */
    Path specFile() {
        Path file = Path.of(model);
        return model.endsWith(".json") || Files.isRegularFile(file) ? file : null;
    }

    /**
     * Checks that {@code --model} names a preset (bad usage, exit code 2, when it names neither a preset
     * nor a file), building it for the layout the data set declares, before any data is read.
     *
     * @return the spec for that layout (a spec file is loaded as {@link #spec} loads it: its errors are
     *         failures, exit code 1)
     */
    ModelSpec declaredSpec(CommandSpec spec, Datasets.Layout layout, Presets.Norm norm) {
        if (specFile() == null) {
            ModelSpec preset = Flags.parsed(spec, "--model", () -> preset(layout.sampleShape(), layout.classes(), norm));
            if (norm == Presets.Norm.TDBN && preset.layers().equals(preset(layout.sampleShape(), layout.classes(), Presets.Norm.NONE).layers())) {
                throw new ParameterException(spec.commandLine(), "--norm tdbn: preset " + model + " has no place for it (VGG and ResNet presets have)");
            }
        }
        return spec(layout.sampleShape(), layout.classes(), norm);
    }

    /** The spec for the given data: a preset built for its shape, or a spec file; then neuron overrides. */
    ModelSpec spec(Dataset data, Presets.Norm norm) {
        return spec(data.sampleShape(), data.numClasses(), norm);
    }

    private ModelSpec preset(int[] shape, int classes, Presets.Norm norm) {
        return Presets.byName(model, shape, classes, new Presets.Options(norm, dropout, width));
    }

    private ModelSpec spec(int[] shape, int classes, Presets.Norm norm) {
        Path file = specFile();
        ModelSpec spec = file != null ? ModelSpec.load(file) : preset(shape, classes, norm);
        spec = BlockVariant.byId(blockVariant).apply(spec);
        Hybrid h = hybrid();
        if (h != null) spec = h.firstSpiking(spec, hybrid);
        NeuronSettings o = NeuronSettings.NONE;
        if (neuron != null) o = o.withModel(neuron);
        if (leak != null) o = o.withLeak(leak.floatValue());
        if (threshold != null) o = o.withThreshold(threshold.floatValue());
        if (reset != null) o = o.withReset(reset);
        if (surrogate != null) o = o.withSurrogate(surrogate);
        return o.isEmpty() ? spec : spec.withNeuron(o);
    }
}
