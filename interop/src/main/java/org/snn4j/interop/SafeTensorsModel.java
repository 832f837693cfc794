package org.snn4j.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.snn4j.io.FileFormatException;
import org.snn4j.io.FiniteValues;
import org.snn4j.io.SafeTensors;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.tensor.Tensor;

/**
 * A model as plain safetensors weights beside its JSON spec, the pair other tools read: tensors
 * under the names PyTorch's {@code state_dict} would use ({@code conv1.weight},
 * {@code bn1.running_mean}: parameters, then buffers), float32, metadata {@code snn4j.mode}
 * ({@code snn} or {@code ann}); the spec in a {@code .json} file of the same base name.
 */
public final class SafeTensorsModel {
    private SafeTensorsModel() {}

    /** The spec file that goes with {@code weights}: same directory and base name, extension {@code .json}. */
    public static Path specFile(Path weights) {
        String name = weights.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return weights.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    /**
     * Writes {@code model}'s weights to {@code weights} and its spec beside it, both atomically.
     *
     * @throws org.snn4j.Snn4jException naming the tensor and index when a weight or buffer is NaN or infinite
     */
    public static void save(Model model, Path weights) {
        FiniteValues.requireExportable(model.spec().name(), model.parameterTensors(), model.bufferTensors());
        Map<String, Tensor> tensors = new LinkedHashMap<>(model.parameterTensors());
        tensors.putAll(model.bufferTensors());
        model.spec().save(specFile(weights));
        SafeTensors.save(weights, tensors, Map.of("snn4j.mode", model.mode().name().toLowerCase(Locale.ROOT)));
    }

    /**
     * Reads weights and the spec beside them.
     *
     * @throws FileFormatException when either file is missing or malformed, or a tensor is missing, of
     *                             another shape than the spec builds, or non-finite
     */
    public static Model load(Path weights) {
        Path spec = specFile(weights);
        if (!Files.isRegularFile(spec)) throw new FileFormatException(weights.toString(), "no model spec " + spec + " beside it");
        SafeTensors.Contents c = SafeTensors.load(weights);
        ModelBuilder.Mode mode = "ann".equals(c.metadata().get("snn4j.mode")) ? ModelBuilder.Mode.ANN : ModelBuilder.Mode.SNN;
        Model model = ModelBuilder.build(ModelSpec.load(spec), mode, 0);
        Map<String, Tensor> params = new LinkedHashMap<>(), buffers = new LinkedHashMap<>();
        java.util.Set<String> bufferNames = model.bufferTensors().keySet();
        c.tensors().forEach((k, v) -> (bufferNames.contains(k) ? buffers : params).put(k, v));
        model.load(params, buffers, weights.toString());
        return model;
    }
}
