package org.snn4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.snn4j.convert.BatchNormFolding;
import org.snn4j.interop.NirExporter;
import org.snn4j.interop.SafeTensorsModel;
import org.snn4j.model.Model;
import org.snn4j.model.ModelFile;
import org.snn4j.nn.BatchNorm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code snn4j export}: a saved model as NIR (for other SNN tools and neuromorphic hardware) or plain safetensors. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export a model written by train, convert or finetune --out.",
                "nir: the SNN as a NIR graph (HDF5), read by snnTorch, Norse, Sinabs, SpikingJelly, Lava-DL, Rockpool and "
                + "neuromorphic toolchains; what NIR cannot express (reset by subtraction, ...) is warned about on stderr.",
                "safetensors: the weights under PyTorch-style names (conv1.weight, ...) and the JSON spec beside them (PATH with .json)."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "nir|safetensors", required = true, description = "Output format.")
    String format;

    @Option(names = "--model-file", paramLabel = "FILE", required = true, description = "A model written by --out.")
    Path modelFile;

    @Option(names = "--out", paramLabel = "PATH", required = true, description = "File to write.")
    Path out;

    @Option(names = "--force", description = "Replace an existing spec file beside --out (safetensors: PATH with .json).")
    boolean force;

    @Mixin
    NirTimeOptions time;

    @Override
    public Integer call() {
        double dt = time.dt(spec);
        if (!format.equals("nir") && !format.equals("safetensors")) {
            throw new ParameterException(spec.commandLine(), "--format: unknown format '" + format + "' (valid: nir, safetensors)");
        }
        Outputs.of(spec).input("--model-file", modelFile).output("--out", out)
                .derived("the spec beside --out", format.equals("safetensors") ? SafeTensorsModel.specFile(out) : null).check(force);
        ModelFile saved = ModelFile.read(modelFile);
        if (format.equals("nir")) {
            if (saved.isAnn()) throw new ParameterException(spec.commandLine(), modelFile + " holds an ANN; NIR export takes an SNN (convert it first)");
            Model snn = saved.model();
            if (snn.layers().stream().anyMatch(l -> l instanceof BatchNorm)) {
                // NIR has no batch norm: a tdBN-trained SNN goes out with each one folded into the conv or linear before it
                snn = BatchNormFolding.fold(snn);
                System.err.println("snn4j export: batch norms folded into the layers before them");
            }
            List<String> warnings = NirExporter.export(snn, out, dt);
            for (String w : warnings) System.err.println("snn4j export: warning: " + w);
            long spiking = snn.neuronLayers().size() + snn.layers().stream()
                    .filter(l -> l instanceof org.snn4j.neuron.RecurrentNeuronLayer).count();
            System.out.println("wrote " + out + " (NIR, " + spiking + " spiking layers, dt " + dt + ")");
        } else {
            SafeTensorsModel.save(saved.model(), out);
            System.out.println("wrote " + out + " and " + SafeTensorsModel.specFile(out));
        }
        return 0;
    }
}
