package org.snn4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.snn4j.interop.NirImporter;
import org.snn4j.interop.OnnxImporter;
import org.snn4j.model.Model;
import org.snn4j.model.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code snn4j import}: a NIR graph (an SNN) or an ONNX ANN as an snn4j model file. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import a model from another tool into an snn4j model file (for eval, convert, finetune, export).",
                "nir: an SNN in NIR (HDF5). onnx: an ANN (Conv, Gemm/MatMul, Relu, Clip, BatchNormalization, AveragePool, "
                + "MaxPool, GlobalAveragePool, Flatten/Reshape, residual Add), saved as an ANN for convert."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "nir|onnx", required = true, description = "Input format.")
    String format;

    @Parameters(paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "snn4j model file to write.")
    Path out;

    @Mixin
    NirTimeOptions time;

    @Option(names = "--T", paramLabel = "STEPS", defaultValue = "8",
            description = "NIR: time steps saved with the model for eval (default: ${DEFAULT-VALUE}).")
    int steps;

    @Override
    public Integer call() {
        double dt = time.dt(spec);
        Flags.positive(spec, "--T", steps);
        Outputs.of(spec).input("FILE", file).output("--out", out).check(true);
        Model model = switch (format) {
            case "nir" -> NirImporter.importSnn(file, dt);
            case "onnx" -> OnnxImporter.importAnn(file);
            default -> throw new ParameterException(spec.commandLine(), "--format: unknown format '" + format + "' (valid: nir, onnx)");
        };
        ModelFile.of(model, format.equals("onnx") ? 1 : steps).save(out);
        System.out.printf("wrote %s (%s %s: %d layers, %d parameters)%n", out, model.mode().name(), model.spec().name(),
                model.spec().layers().size(), model.parameterCount());
        return 0;
    }
}
