package org.snn4j.interop;

import java.util.ArrayList;
import java.util.List;
import org.snn4j.io.FileFormatException;
import org.snn4j.io.FiniteValues;
import org.snn4j.model.Model;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Parameter;
import org.snn4j.tensor.Tensor;

/**
 * Weights collected while an importer writes a spec, one group per layer that owns parameters or
 * buffers, in the order the built model lists those layers ({@link Model#layers()}: depth first,
 * a residual block's branch before its shortcut before its output neuron). {@link #loadInto} copies
 * them into the built model by that order, checking every shape, so importers never spell out the
 * names the builder gives layers.
 */
final class ImportedWeights {
    /**
     * One layer's tensors: parameters and buffers in the layer's own order (e.g. weight, bias);
     * {@code activationBound} marks the bound λ of a clip activation, which exists only when the
     * model's ANN activation is bounded.
     */
    record Group(String origin, List<Tensor> parameters, List<Tensor> buffers, boolean activationBound) {}

    private final List<Group> groups = new ArrayList<>();

    void add(String origin, List<Tensor> parameters, List<Tensor> buffers) {
        groups.add(new Group(origin, List.copyOf(parameters), List.copyOf(buffers), false));
    }

    void addActivationBound(String origin, float bound) {
        groups.add(new Group(origin, List.of(Tensor.full(bound, 1)), List.of(), true));
    }

    /** Multiplies the tensors of the last group by {@code factor}; false when there is no group. */
    boolean scaleLast(float factor) {
        if (groups.isEmpty()) return false;
        for (Tensor t : groups.getLast().parameters()) for (int i = 0; i < t.size(); i++) t.data()[i] *= factor;
        return true;
    }

    /** These weights without the activation bounds (for a model whose ANN activation is ReLU). */
    ImportedWeights withoutActivationBounds() {
        ImportedWeights w = new ImportedWeights();
        for (Group g : groups) if (!g.activationBound()) w.groups.add(g);
        return w;
    }

    void addAll(ImportedWeights other) {
        groups.addAll(other.groups);
    }

    /**
     * Copies the groups into the leaf layers of {@code model} that own parameters or buffers, in order.
     *
     * @throws FileFormatException naming the origin (e.g. the ONNX node) whose tensor does not fit or holds
     *                             a NaN or infinity ({@link FiniteValues}: the first bad index)
     */
    void loadInto(Model model, String source) {
        int next = 0;
        for (Layer layer : model.layers()) {
            if (!layer.children().isEmpty() || layer.parameters().isEmpty() && layer.buffers().isEmpty()) continue;
            if (next == groups.size()) throw new FileFormatException(source, "no weights for layer '" + layer.name() + "'");
            Group g = groups.get(next++);
            copy(layer.parameters(), g.parameters(), g.origin(), source);
            copy(layer.buffers(), g.buffers(), g.origin(), source);
        }
        if (next != groups.size()) throw new FileFormatException(source, "weights of " + groups.get(next).origin() + " have no layer");
    }

    private static void copy(List<Parameter> targets, List<Tensor> values, String origin, String source) {
        if (targets.size() != values.size()) {
            throw new FileFormatException(source, origin + ": " + values.size() + " tensors for " + targets.size() + " parameters");
        }
        for (int i = 0; i < targets.size(); i++) {
            Tensor target = targets.get(i).value(), value = values.get(i);
            if (target.size() != value.size()) {
                throw new FileFormatException(source, origin + ": tensor for '" + targets.get(i).name() + "' has shape "
                        + value.shapeString() + ", expected " + target.shapeString());
            }
            FiniteValues.require(source, origin + ": tensor for '" + targets.get(i).name() + "'", value.data());
            System.arraycopy(value.data(), 0, target.data(), 0, value.size());
        }
    }
}
