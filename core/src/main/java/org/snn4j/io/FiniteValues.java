package org.snn4j.io;

import java.util.Map;
import org.snn4j.tensor.Tensor;

/**
 * The one check that values read from or written to a file are finite: a NaN or infinity in a weight, a
 * buffer, optimizer state or an imported array is refused at every door (model and checkpoint load, ONNX,
 * NIR and safetensors import, NIR and safetensors export) with the tensor and the first bad index named.
 * Every door calls this class, so they agree on what is refused and on the words.
 */
public final class FiniteValues {
    private FiniteValues() {}

    /**
     * What is wrong with {@code values}, or null when all are finite.
     *
     * @param what names the values in the message, e.g. {@code tensor 'fc1.weight'}
     * @return {@code <what> holds a non-finite value <v> at index <i>} for the first NaN or infinity
     */
    public static String problem(String what, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) return what + " holds a non-finite value " + values[i] + " at index " + i;
        }
        return null;
    }

    /** As {@link #problem(String, float[])} for named tensors, each named {@code tensor '<name>'}; the first bad one. */
    public static String problem(Map<String, Tensor> tensors) {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String p = problem("tensor '" + e.getKey() + "'", e.getValue().data());
            if (p != null) return p;
        }
        return null;
    }

    /**
     * Refuses non-finite values read from a file.
     *
     * @param source names the file in the message
     * @throws FileFormatException {@code <source>: <what> holds a non-finite value ... at index ...}
     */
    public static void require(String source, String what, float[] values) {
        String p = problem(what, values);
        if (p != null) throw new FileFormatException(source, p);
    }

    /** As {@link #require(String, String, float[])} for every tensor of {@code tensors}. */
    public static void require(String source, Map<String, Tensor> tensors) {
        String p = problem(tensors);
        if (p != null) throw new FileFormatException(source, p);
    }

    /**
     * Refuses to write non-finite values to a file another tool will read (export).
     *
     * @param model names the model in the message
     * @throws org.snn4j.Snn4jException {@code <model>: <what> holds a non-finite value ... at index ...; not exported}
     */
    @SafeVarargs
    public static void requireExportable(String model, Map<String, Tensor>... tensors) {
        for (Map<String, Tensor> t : tensors) {
            String p = problem(t);
            if (p != null) throw new org.snn4j.Snn4jException(model + ": " + p + "; a model with non-finite weights is not exported");
        }
    }
}
