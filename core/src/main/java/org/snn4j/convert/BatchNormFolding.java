package org.snn4j.convert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.model.LayerSpec;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.SpecException;
import org.snn4j.nn.BatchNorm;
import org.snn4j.nn.Conv2d;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Linear;
import org.snn4j.nn.Parameter;
import org.snn4j.nn.ResidualBlock;
import org.snn4j.nn.Sequential;
import org.snn4j.tensor.Tensor;

/**
 * Folds every evaluation-mode batch norm into the conv or linear layer right before it:
 * <pre>
 *   k = s·γ / √(σ²_running + ε);   W'[o] = k[o]·W[o];   b'[o] = k[o]·(b[o] − μ_running[o]) + β[o]
 * </pre>
 * (b = 0 for a layer without bias; the folded layer gets one; s the batch norm's fixed scale, 1 or tdBN's
 * α·V_th). The result computes what the model (an ANN, or an SNN trained with tdBN) computes in evaluation
 * mode, with no batch norm left: what a spiking network, which has no batch statistics, can run (and what
 * NIR export and neuromorphic targets take). Layer names stay those of the original (the builder numbers each kind apart).
 */
public final class BatchNormFolding {
    private BatchNormFolding() {}

    /**
     * The folded twin of {@code model} (same mode), sharing nothing with it.
     *
     * @throws SpecException naming a batch norm that does not follow a conv or linear layer
     */
    public static Model fold(Model model) {
        Map<String, Tensor> folded = new HashMap<>();
        ModelSpec spec = model.spec().withLayers(foldEntries(model.spec().layers(), model.network(), folded));
        Model out = ModelBuilder.build(spec, model.mode(), 0);
        Map<String, Tensor> params = new LinkedHashMap<>();
        Map<String, Tensor> original = model.parameterTensors();
        for (String name : out.parameterTensors().keySet()) {
            Tensor t = folded.containsKey(name) ? folded.get(name) : original.get(name);
            if (t == null) throw new IllegalStateException("folding lost parameter " + name);
            params.put(name, t);
        }
        Map<String, Tensor> buffers = new LinkedHashMap<>(model.bufferTensors());
        buffers.keySet().retainAll(out.bufferTensors().keySet());
        out.load(params, buffers, "batch-norm folding of " + spec.name());
        return out;
    }

    private static List<LayerSpec> foldEntries(List<LayerSpec> entries, Sequential layers, Map<String, Tensor> folded) {
        List<LayerSpec> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            LayerSpec entry = entries.get(i);
            Layer layer = layers.get(i);
            if (layer instanceof BatchNorm bn) {
                throw new SpecException(bn.name() + ": batch norm after " + (i == 0 ? "the input" : layers.get(i - 1).name())
                        + " cannot be folded (only a batch norm right after a conv or linear layer can)");
            }
            if (layer instanceof ResidualBlock block && entry instanceof LayerSpec.Residual r) {
                entry = r.withBranch(foldEntries(r.branch(), (Sequential) block.branch(), folded));
                if (r.shortcut() != null) {
                    entry = ((LayerSpec.Residual) entry).withShortcut(foldEntries(r.shortcut(), (Sequential) block.shortcut(), folded));
                }
            }
            if (i + 1 < entries.size() && layers.get(i + 1) instanceof BatchNorm bn) {
                foldInto(layer, bn, folded);
                entry = withBias(entry, bn);
                i++;
            }
            out.add(entry);
        }
        return out;
    }

    /** The conv or linear entry {@code entry} with a bias (what folding {@code bn} into it gives it). */
    private static LayerSpec withBias(LayerSpec entry, BatchNorm bn) {
        return switch (entry) {
            case LayerSpec.Conv c -> c.withBias(true);
            case LayerSpec.Linear l -> l.withBias(true);
            default -> throw new SpecException(bn.name() + ": batch norm after a " + entry.type()
                    + " entry cannot be folded (only a batch norm right after a conv or linear layer can)");
        };
    }

    private static void foldInto(Layer layer, BatchNorm bn, Map<String, Tensor> folded) {
        Parameter weight, bias;
        if (layer instanceof Conv2d conv) {
            weight = conv.weight();
            bias = conv.bias();
        } else if (layer instanceof Linear linear) {
            weight = linear.weight();
            bias = linear.bias();
        } else {
            throw new SpecException(bn.name() + ": batch norm after " + layer.name()
                    + " cannot be folded (only a batch norm right after a conv or linear layer can)");
        }
        int channels = bn.channels();
        float[] w = weight.value().data().clone();
        int perChannel = w.length / channels;
        float[] g = bn.weight().value().data(), beta = bn.bias().value().data();
        float[] mean = bn.runningMean().value().data(), var = bn.runningVar().value().data();
        float[] b = new float[channels];
        for (int c = 0; c < channels; c++) {
            double k = bn.scale() * g[c] / Math.sqrt(var[c] + bn.eps());
            for (int j = c * perChannel; j < (c + 1) * perChannel; j++) w[j] = (float) (k * w[j]);
            double b0 = bias == null ? 0 : bias.value().data()[c];
            b[c] = (float) (k * (b0 - mean[c]) + beta[c]);
        }
        String name = weight.name().substring(0, weight.name().lastIndexOf('.'));
        folded.put(weight.name(), new Tensor(w, weight.value().shape()));
        folded.put(name + ".bias", new Tensor(b, channels));
    }
}
