package org.snn4j.interop;

import io.jhdf.api.Group;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.io.FileFormatException;
import org.snn4j.model.LayerSpec;
import org.snn4j.tensor.Tensor;

/**
 * NIR's recurrent edges and CubaLIF neurons on import. A neuron node (IF, LIF or CubaLIF) L is recurrent when
 * an edge leads from it back to itself (a one-to-one recurrence of weight 1) or through one Linear or Affine
 * node W whose only successor is L (L → W → L: W's weight, zero bias, is the recurrent weight; snnTorch's
 * RSynaptic and the NIR paper's Braille network). NIR sums a node's incoming edges, and in discrete time an
 * edge back in the graph carries the previous step's spikes, which is {@link org.snn4j.neuron.RecurrentNeuronLayer}'s
 * C[t] = X[t] + W·S[t−1]. {@link #cut} removes these edges so the rest of the graph is a chain; {@link #layer}
 * translates the neuron.
 *
 * <p>Time constants: LIF α = 1 − dt/τ and input scale R·dt/τ ({@link NirTime}); CubaLIF
 * τ_syn·dI/dt = −I + w_in·x, τ_mem·dv/dt = (v_leak − v) + R·I gives β = 1 − dt/τ_syn, α = 1 − dt/τ_mem and input
 * scale (w_in·dt/τ_syn)·(R·dt/τ_mem) (snnTorch's Synaptic export writes w_in = τ_syn/dt and R = τ_mem/dt: scale 1).
 * The scale is divided into the threshold, as for the feed-forward neurons. The node's metadata may say
 * {@code reset = subtract} and, on the weight node, {@code recurrence = one-to-one} (a diagonal W), as
 * {@link NirExporter} writes them.
 */
final class NirRecurrence {
    /** A recurrent neuron's loop: the weight node, or the neuron itself for a self-edge. */
    private final Map<String, String> loops = new HashMap<>();
    private final NirFields fields;
    private final Group nodes;
    private final double dt;

    private NirRecurrence(NirFields fields, Group nodes, double dt) {
        this.fields = fields;
        this.nodes = nodes;
        this.dt = dt;
    }

    /** Finds the recurrent loops of the graph and removes their edges from {@code next} and {@code incoming}. */
    static NirRecurrence cut(NirFields fields, Group nodes, Map<String, List<String>> next, Map<String, Integer> incoming,
                             double dt) {
        NirRecurrence r = new NirRecurrence(fields, nodes, dt);
        for (var e : next.entrySet()) {
            String from = e.getKey();
            if (!(nodes.getChild(from) instanceof Group g) || !isNeuron(fields.string(g, "type"))) continue;
            for (String to : e.getValue()) {
                boolean self = to.equals(from);
                boolean through = !self && nodes.getChild(to) instanceof Group w && isWeight(fields.string(w, "type"))
                        && next.getOrDefault(to, List.of()).equals(List.of(from));
                if (!self && !through) continue;
                if (r.loops.put(from, to) != null) throw new FileFormatException(fields.source(), "node '" + from + "' has two recurrent loops");
            }
        }
        for (var loop : r.loops.entrySet()) {
            String neuron = loop.getKey(), via = loop.getValue();
            next.get(neuron).remove(via);
            if (!via.equals(neuron)) {
                next.remove(via);
                incoming.merge(via, -1, Integer::sum);
            }
            incoming.merge(neuron, -1, Integer::sum);
        }
        return r;
    }

    private static boolean isNeuron(String type) {
        return type.equals("IF") || type.equals("LIF") || type.equals("CubaLIF");
    }

    private static boolean isWeight(String type) {
        return type.equals("Linear") || type.equals("Affine");
    }

    /** Whether {@code name} is a neuron node this class translates: a CubaLIF, or any neuron in a loop. */
    boolean translates(String name, String type) {
        return type.equals("CubaLIF") || loops.containsKey(name);
    }

    /** The spec entry of neuron node {@code name} over {@code features} values, and its recurrent weight (null: none). */
    Layer layer(String name, String type, Group node, int[] shape) {
        String where = type + " node '" + name + "'";
        if (shape.length != 1) throw error(where + ": a recurrent or CubaLIF layer needs a flat input, has " + java.util.Arrays.toString(shape));
        int features = shape[0];
        double alpha = 1, beta = 0, scale;
        if (type.equals("CubaLIF")) {
            double tauSyn = fields.uniform(node, "tau_syn", where), tauMem = fields.uniform(node, "tau_mem", where);
            beta = NirTime.alpha(tauSyn, dt);
            alpha = NirTime.alpha(tauMem, dt);
            scale = NirTime.inputScale(fields.uniform(node, "w_in", where), tauSyn, dt)
                    * NirTime.inputScale(fields.uniform(node, "r", where), tauMem, dt);
            if (!(beta >= 0 && beta < 1)) throw error(where + ": tau_syn " + tauSyn + " at dt " + dt + " gives decay " + beta + " outside [0, 1)");
        } else if (type.equals("LIF")) {
            double tau = fields.uniform(node, "tau", where);
            alpha = NirTime.alpha(tau, dt);
            scale = NirTime.inputScale(fields.uniform(node, "r", where), tau, dt);
        } else {
            scale = fields.uniform(node, "r", where);
        }
        if (!(alpha > 0 && alpha <= 1)) throw error(where + ": its time constant at dt " + dt + " gives leak " + alpha + " outside (0, 1]");
        if (!(scale > 0)) throw error(where + ": input scale " + scale + " must be > 0");
        if (node.getChild("v_leak") != null && fields.uniform(node, "v_leak", where) != 0) throw error(where + ": v_leak must be 0");
        if (node.getChild("v_reset") != null && fields.uniform(node, "v_reset", where) != 0) throw error(where + ": v_reset must be 0");
        if (!fields.metadata(node, "fire", "strict").equals("strict")) throw error(where + ": a recurrent layer fires at v > v_threshold only");
        String via = loops.get(name);
        String recurrence = via == null ? "none" : via.equals(name) ? "one-to-one" : "dense";
        Tensor weight = null;
        if (via != null && via.equals(name)) {
            weight = Tensor.full(1f, features);
        } else if (via != null) {
            weight = loopWeight(via, features);
            if (fields.metadata((Group) nodes.getChild(via), "recurrence", "dense").equals("one-to-one")) {
                recurrence = "one-to-one";
                weight = diagonal(weight, features);
            }
        }
        float leak = (float) alpha;
        LayerSpec.Recurrent spec = new LayerSpec.Recurrent(type.equals("CubaLIF") ? "cubalif" : "lif", leak,
                type.equals("CubaLIF") ? (float) beta : null, null, null, (float) (fields.uniform(node, "v_threshold", where) / scale),
                fields.metadata(node, "reset", "zero"), recurrence, null, null);
        return new Layer(spec, weight);
    }

    /** A translated neuron: its spec entry and its recurrent weight (null without recurrence). */
    record Layer(LayerSpec.Recurrent spec, Tensor weight) {}

    private Tensor loopWeight(String via, int features) {
        Group w = (Group) nodes.getChild(via);
        String where = fields.string(w, "type") + " node '" + via + "'";
        Tensor weight = fields.tensor(w, "weight", where);
        if (weight.rank() != 2 || weight.dim(0) != features || weight.dim(1) != features) {
            throw error(where + ": recurrent weight " + weight.shapeString() + ", expected [" + features + ", " + features + "]");
        }
        if (w.getChild("bias") != null) {
            for (float b : fields.vector(w, "bias", where, features).data()) {
                if (b != 0) throw error(where + ": a recurrent weight node must have no bias, has " + b);
            }
        }
        return weight;
    }

    private static Tensor diagonal(Tensor w, int n) {
        Tensor d = Tensor.zeros(n);
        for (int i = 0; i < n; i++) d.data()[i] = w.data()[i * n + i];
        return d;
    }

    private FileFormatException error(String problem) {
        return new FileFormatException(fields.source(), problem);
    }
}
