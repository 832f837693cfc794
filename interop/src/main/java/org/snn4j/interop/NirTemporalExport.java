package org.snn4j.interop;

import io.jhdf.api.WritableGroup;
import java.util.List;
import org.snn4j.Snn4jException;
import org.snn4j.neuron.LeakyIntegrator;
import org.snn4j.neuron.Recurrence;
import org.snn4j.neuron.RecurrentNeuronLayer;
import org.snn4j.neuron.Reset;
import org.snn4j.neuron.StepNeuron;
import org.snn4j.tensor.Tensor;

/**
 * The NIR nodes of the temporal layers, the inverse of {@link NirRecurrence}: a {@link RecurrentNeuronLayer} is
 * an IF, LIF or CubaLIF node (CubaLIF: τ_syn = dt/(1 − β), w_in = τ_syn/dt, τ_mem = dt/(1 − α), R = τ_mem/dt, as
 * snnTorch's Synaptic export) and, with recurrence, a Linear node {@code <layer>.w_rec} holding W (a diagonal
 * matrix for one-to-one, marked in its metadata) with edges {@code layer → w_rec → layer}; a
 * {@link LeakyIntegrator} is an LI node (τ = dt/(1 − α), R = r·τ/dt) or, with α = 1, an I node (R = r). ALIF has
 * no NIR node (NIR 1.0 has no adaptive threshold) and is refused.
 */
final class NirTemporalExport {
    private NirTemporalExport() {}

    static void neuron(WritableGroup g, RecurrentNeuronLayer layer, int[] shape, double dt, List<String> warnings) {
        StepNeuron n = layer.neuron();
        if (n.kind() == StepNeuron.Kind.ALIF) {
            throw new Snn4jException(layer.name() + ": adaptive-threshold (alif) neurons have no NIR export: NIR 1.0 has no "
                    + "neuron whose threshold adapts");
        }
        boolean cuba = n.kind() == StepNeuron.Kind.CUBALIF;
        if (cuba && n.leak() >= 1f) throw new Snn4jException(layer.name() + ": a CubaLIF with leak 1 has no finite tau_mem for NIR");
        if (cuba) {
            double tauSyn = dt / (1 - n.synapticDecay()), tauMem = NirTime.tau(n.leak(), dt);
            g.putDataset("type", "CubaLIF");
            g.putDataset("tau_syn", NirExporter.filled(shape, tauSyn));
            g.putDataset("tau_mem", NirExporter.filled(shape, tauMem));
            g.putDataset("r", NirExporter.filled(shape, tauMem / dt));
            g.putDataset("w_in", NirExporter.filled(shape, tauSyn / dt));
            g.putDataset("v_leak", NirExporter.filled(shape, 0));
        } else if (n.leak() < 1f) {
            double tau = NirTime.tau(n.leak(), dt);
            g.putDataset("type", "LIF");
            g.putDataset("tau", NirExporter.filled(shape, tau));
            g.putDataset("r", NirExporter.filled(shape, tau / dt));
            g.putDataset("v_leak", NirExporter.filled(shape, 0));
        } else {
            g.putDataset("type", "IF");
            g.putDataset("r", NirExporter.filled(shape, 1));
        }
        g.putDataset("v_threshold", NirExporter.filled(shape, n.threshold()));
        g.putDataset("v_reset", NirExporter.filled(shape, 0));
        if (n.reset() == Reset.SUBTRACT) {
            g.putGroup("metadata").putDataset("reset", "subtract");
            warnings.add(layer.name() + ": NIR cannot express reset by subtraction (NIR resets to v_reset = 0); kept in the "
                    + "node's metadata for snn4j, other tools will run NIR's behaviour");
        }
    }

    /** The recurrent weight node and its two edges; nothing without recurrence. */
    static void loop(WritableGroup nodes, RecurrentNeuronLayer layer, List<String[]> edges) {
        if (layer.recurrence() == Recurrence.NONE) return;
        int h = layer.features();
        Tensor w = layer.recurrentWeight().value();
        if (layer.recurrence() == Recurrence.ONE_TO_ONE) {
            Tensor dense = Tensor.zeros(h, h);
            for (int i = 0; i < h; i++) dense.data()[i * h + i] = w.data()[i];
            w = dense;
        }
        String name = layer.name() + ".w_rec";
        WritableGroup g = nodes.putGroup(name);
        g.putDataset("type", "Linear");
        g.putDataset("weight", Hdf5Arrays.nested(w));
        if (layer.recurrence() == Recurrence.ONE_TO_ONE) g.putGroup("metadata").putDataset("recurrence", "one-to-one");
        edges.add(new String[] {layer.name(), name});
        edges.add(new String[] {name, layer.name()});
    }

    static void integrator(WritableGroup g, LeakyIntegrator li, int[] shape, double dt) {
        if (li.leak() >= 1f) {
            g.putDataset("type", "I");
            g.putDataset("r", NirExporter.filled(shape, li.inputScale()));
        } else {
            double tau = NirTime.tau(li.leak(), dt);
            g.putDataset("type", "LI");
            g.putDataset("tau", NirExporter.filled(shape, tau));
            g.putDataset("r", NirExporter.filled(shape, li.inputScale() * tau / dt));
            g.putDataset("v_leak", NirExporter.filled(shape, 0));
        }
    }
}
