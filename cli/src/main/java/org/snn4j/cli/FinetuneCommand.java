package org.snn4j.cli;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snn4j.data.Dataset;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelFile;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.NeuronSettings;
import org.snn4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code snn4j finetune}: hybrid training (Rathi et al. 2020): spike-based BPTT from a converted SNN's
 * weights and thresholds, with soft reset and a surrogate gradient relative to each layer's threshold;
 * with {@code --trainable} every IF layer becomes a parametric LIF whose leak (from 1) and threshold
 * (from the converted θ_l) are trained as well (DIET-SNN, Rathi and Roy 2021).
 */
@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fine-tune an SNN (typically one written by convert --out) with spike-based backpropagation through time.",
                "With --trainable, each spiking layer's leak and threshold are trained too (DIET-SNN); spike amplitudes "
                        + "stay at the converted thresholds."})
final class FinetuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model-file", paramLabel = "FILE", required = true, description = "An SNN written by convert --out or train --out.")
    Path modelFile;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--T", paramLabel = "STEPS", description = "Time steps (default: as saved).")
    Integer steps;

    @Option(names = "--surrogate", paramLabel = "NAME", description = "Surrogate gradient (default: as saved, triangle for converted models).")
    String surrogate;

    @Option(names = "--trainable", description = "Train every spiking layer's leak and threshold (parametric LIF, DIET-SNN).")
    boolean trainable;

    @Mixin
    TrainingOptions training;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.applyThreads(spec);
        training.check(spec);
        if (surrogate != null) Flags.parsed(spec, "--surrogate", () -> org.snn4j.neuron.NeuronConfig.builder().surrogate(surrogate));
        ModelFile saved = ModelFile.read(modelFile);
        if (saved.isAnn()) throw new ParameterException(spec.commandLine(), modelFile + " holds an ANN; finetune takes an SNN (convert it first)");
        int t = steps != null ? steps : saved.steps(8);
        Flags.positive(spec, "--T", t);
        ModelSpec modelSpec = saved.model().spec();
        if (surrogate != null) {
            modelSpec = modelSpec.withNeuron(NeuronSettings.NONE.withSurrogate(surrogate));
        }
        if (trainable) modelSpec = parametric(modelSpec);
        Model model = ModelBuilder.build(modelSpec, ModelBuilder.Mode.SNN, common.seed);
        // Saved weights; the leaks and thresholds a parametric layer adds start from its configuration.
        Map<String, Tensor> params = new LinkedHashMap<>(model.parameterTensors());
        params.putAll(saved.model().parameterTensors());
        model.load(params, saved.model().bufferTensors(), modelFile.toString());
        training.checkAgainst(spec, dataOptions.name(), dataOptions.layout(), () -> model.neuronLayers().keySet());
        Dataset train = dataOptions.trainingSet(common.dataDir);
        training.trainFiles(dataOptions.source(common.dataDir, true));
        Dataset test = dataOptions.load(common.dataDir, false);
        System.err.printf("fine-tuning %s from %s (%,d parameters%s) on %s: %d train / %d test samples, T=%d, %s%n", modelSpec.name(),
                modelFile, model.parameterCount(), trainable ? ", trainable leaks and thresholds" : "", train.name(), train.size(),
                test.size(), t, Terminal.threads());
        training.trainAndReport(spec, Outputs.of(spec).input("--model-file", modelFile), model, train, test, t,
                EncoderSpec.parse(saved.encoder(), saved.encoderGain()), common,
                Path.of("runs", modelSpec.name() + "-finetuned.snn4j"), new JsonObject());
        return 0;
    }

    /** Every spiking layer as a parametric LIF starting at leak 1 and its own threshold. */
    private static ModelSpec parametric(ModelSpec spec) {
        Map<String, NeuronSettings> byLayer = new LinkedHashMap<>(spec.neuronByLayer());
        for (var n : ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 0).neuronLayers().values()) {
            NeuronSettings o = byLayer.getOrDefault(n.name(), NeuronSettings.NONE);
            byLayer.put(n.name(), o.withModel("plif").withLeak(1f).withThreshold(n.config().threshold()));
        }
        return spec.withNeuronByLayer(byLayer);
    }
}
