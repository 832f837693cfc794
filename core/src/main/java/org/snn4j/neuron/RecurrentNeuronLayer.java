package org.snn4j.neuron;

import java.util.List;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.snn4j.kernels.StepNeuronSpec;
import org.snn4j.kernels.StepNeurons;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.LayerState;
import org.snn4j.nn.Parameter;
import org.snn4j.nn.Pass;
import org.snn4j.nn.RunListeners;
import org.snn4j.nn.ShapeException;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Sequence;
import org.snn4j.tensor.Tensor;

/**
 * A layer of H stepped neurons per sample ({@link StepNeuron}: LIF, CubaLIF or ALIF) with an optional recurrent
 * connection from its own spikes at t−1: input currents {@code [T, N, ...]} with H values per sample → spikes
 * {@code [T, N, ...]} (0/1), per step
 * <pre>
 *   C[t] = X[t] + W·S[t−1]    (S[0] = 0; W [H, H] dense, or a diagonal [H] one-to-one, or none)
 * </pre>
 * then the neuron step ({@link StepNeurons}). The recurrent weights are parameter {@code <name>.recurrent}
 * (weight-decayed), initialised N(0, std²). Backward is full BPTT through the neurons and the recurrence:
 * ∂L/∂S[t] gets Wᵀ·∂L/∂C[t+1], ∂L/∂W = Σ_t ∂L/∂C[t]·S[t−1]ᵀ (snnTorch's RLeaky/RSynaptic, Bellec's LSNN).
 * A held input is a current held for T steps (∂L/∂X = Σ_t ∂L/∂X[t]).
 *
 * <p>State: without a {@link LayerState} every pass starts at rest. With one, the pass continues each stream's
 * V, I, A and last spikes from it (keys {@code <name>#v}, {@code #i}, {@code #a}, {@code #s}) and leaves the
 * state after its last step there; a pass that also keeps what backward needs is a window of truncated BPTT:
 * its gradients stop at the state it started from (treated as a constant, as snnTorch's detached hidden
 * state). The pass keeps H[t] and Θ[t] for backward (two {@code [T, N·H]} arrays): memory grows with the
 * window, not with the sequence. The op counter hears the recurrent synapses as a weighted layer
 * {@code <name>.recurrent} fed by the pass's spikes (H·H or H dense MACs per sample and step; one accumulate per
 * spike and target neuron), the last step's spikes included although they reach only the next pass.
 */
public final class RecurrentNeuronLayer implements Layer {
    private final String name;
    private final int features;
    private final StepNeuron neuron;
    private final Surrogate surrogate;
    private final boolean detachReset;
    private final Recurrence recurrence;
    private final Parameter recurrent;
    private final RecurrentWeights weights;
    /** The gradient tests' smooth step (a surrogate's primitive), null for Heaviside. */
    private final DoubleUnaryOperator smooth;

    /**
     * @param features H, the neurons per sample
     * @param initStd  standard deviation of the initial recurrent weights (e.g. 1/√H)
     * @throws IllegalArgumentException when the surrogate is Lee's or STDB's (no derivative in x)
     */
    public RecurrentNeuronLayer(String name, int features, StepNeuron neuron, Surrogate surrogate, boolean detachReset,
                                Recurrence recurrence, double initStd, Rng initRng) {
        this.name = Objects.requireNonNull(name);
        if (features < 1) throw new IllegalArgumentException(name + ": features must be >= 1, was " + features);
        if (!(initStd >= 0) || Double.isInfinite(initStd)) throw new IllegalArgumentException(name + ": bad init std " + initStd);
        this.features = features;
        this.neuron = Objects.requireNonNull(neuron);
        this.surrogate = Objects.requireNonNull(surrogate);
        this.detachReset = detachReset;
        this.recurrence = Objects.requireNonNull(recurrence);
        neuron.spec(surrogate, detachReset);   // refuses a surrogate the step kernels cannot differentiate
        if (recurrence == Recurrence.NONE) {
            this.recurrent = null;
        } else {
            Tensor w = recurrence == Recurrence.DENSE ? Tensor.zeros(features, features) : Tensor.zeros(features);
            initRng.fillGaussian(w.data(), initStd);
            this.recurrent = new Parameter(name + ".recurrent", w, true);
        }
        this.weights = recurrent == null ? null : new RecurrentWeights(recurrence, recurrent, features);
        this.smooth = null;
    }

    private RecurrentNeuronLayer(RecurrentNeuronLayer of, DoubleUnaryOperator smooth) {
        this.name = of.name;
        this.features = of.features;
        this.neuron = of.neuron;
        this.surrogate = of.surrogate;
        this.detachReset = of.detachReset;
        this.recurrence = of.recurrence;
        this.recurrent = of.recurrent;
        this.weights = of.weights;
        this.smooth = smooth;
    }

    /** The gradient tests' twin: the same layer and parameter objects, the surrogate's primitive in place of Heaviside. */
    RecurrentNeuronLayer smoothTwin() {
        return new RecurrentNeuronLayer(this, surrogate::primitive);
    }

    @Override
    public String name() {
        return name;
    }

    /** H, the neurons per sample. */
    public int features() {
        return features;
    }

    public StepNeuron neuron() {
        return neuron;
    }

    public Surrogate surrogate() {
        return surrogate;
    }

    public boolean detachReset() {
        return detachReset;
    }

    public Recurrence recurrence() {
        return recurrence;
    }

    /** The recurrent weights ({@code [H, H]} or {@code [H]}), or null without recurrence. */
    public Parameter recurrentWeight() {
        return recurrent;
    }

    @Override
    public List<Parameter> parameters() {
        return recurrent == null ? List.of() : List.of(recurrent);
    }

    @Override
    public boolean outputAlwaysFinite() {
        return smooth == null;   // spikes 0 or 1
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        long size = 1;
        for (int d : inputShape) size *= d;
        if (size != features) {
            throw new ShapeException(name, "values per sample", String.valueOf(features), java.util.Arrays.toString(inputShape));
        }
        return inputShape.clone();
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx) {
        if (input.rank() < 2) throw new ShapeException(name, "input rank", "≥ 2 ([T, N, ...])", input.shapeString());
        outputShape(input.shapeFrom(2));
        Sequence sequence = ctx.sequence(input);
        boolean held = sequence.held(), keep = ctx.keepForBackward();
        int steps = sequence.steps(), samples = sequence.samples(), m = samples * features;
        StepNeuronSpec spec = neuron.spec(surrogate, detachReset);
        RunListeners listeners = ctx.listeners();
        LayerState state = listeners.layerState();
        StepNeurons.State neurons = state == null ? StepNeurons.State.zeros(m) : new StepNeurons.State(
                state.state(name + "#v", samples, new float[features]), state.state(name + "#i", samples, new float[features]),
                state.state(name + "#a", samples, new float[features]));
        float[] last = weights == null ? null
                : state == null ? new float[m] : state.state(name + "#s", samples, new float[features]);
        float[] first = keep && last != null ? last.clone() : null;   // S before the window, for ∂L/∂W at t = 0
        int[] shape = input.shape();
        shape[0] = steps;
        Tensor spikes = ctx.empty(shape);
        Tensor current = ctx.empty(shape);
        Tensor savedH = keep ? ctx.empty(shape) : null, savedTheta = keep ? ctx.empty(shape) : null;
        float[] x = input.data(), s = spikes.data(), c = current.data();
        float[] h = keep ? savedH.data() : null, th = keep ? savedTheta.data() : null;
        long count = 0;
        for (int t = 0, off = 0; t < steps; t++, off += m) {
            System.arraycopy(x, held ? 0 : off, c, off, m);
            if (weights != null) weights.addCurrent(t == 0 ? last : s, t == 0 ? 0 : off - m, c, off, samples);
            count += smooth == null ? StepNeurons.forward(spec, c, s, off, neurons, h, th)
                    : StepNeurons.forwardSmooth(spec, smooth, c, s, off, neurons, h, th);
        }
        if (state != null && last != null && steps > 0) System.arraycopy(s, (steps - 1) * m, last, 0, m);
        ctx.release(current);
        listeners.spikes(name, count, features, steps, samples);
        // the recurrent synapses, as a weighted layer fed by this pass's spikes (the last step's reach the next pass)
        if (weights != null) listeners.synapses(name + ".recurrent", spikes, steps, (long) recurrent.value().size(), () -> null);
        if (!keep) return Pass.inferenceOnly(name, spikes);
        int[] inShape = input.shape();
        return Pass.of(name, spikes, (gradOutput, needInputGrad) -> {
            Tensor gradSpikes = ctx.empty(shape), gradCurrent = ctx.empty(shape);
            float[] go = gradOutput.data(), gs = gradSpikes.data(), gc = gradCurrent.data();
            float penalty = listeners.spikeLossGradient(name);
            for (int i = 0; i < gs.length; i++) gs[i] = go[i] + penalty;
            StepNeurons.State carried = StepNeurons.State.zeros(m);
            for (int t = steps - 1, off = t * m; t >= 0; t--, off -= m) {
                if (weights != null && t < steps - 1) weights.addSpikeGradient(gc, off + m, gs, off, samples);
                if (smooth == null) {
                    StepNeurons.reverse(spec, h, th, gs, gc, off, carried);
                } else {
                    StepNeurons.reverseSmooth(spec, smooth, h, th, gs, gc, off, carried);
                }
            }
            if (weights != null && steps > 0) {
                weights.addWeightGradient(gc, m, s, 0, (steps - 1) * samples);
                weights.addWeightGradient(gc, 0, first, 0, samples);
            }
            ctx.release(gradSpikes);
            if (!needInputGrad) {
                ctx.release(gradCurrent);
                return null;
            }
            if (!held) return gradCurrent;
            Tensor sum = ctx.zeros(inShape);
            float[] g = sum.data();
            for (int t = 0, off = 0; t < steps; t++, off += m) {
                for (int i = 0; i < m; i++) g[i] += gc[off + i];
            }
            ctx.release(gradCurrent);
            return sum;
        });
    }

    @Override
    public String toString() {
        return "RecurrentNeuronLayer(" + name + ", " + features + " " + neuron + ", " + surrogate + ", recurrence "
                + recurrence.label() + (detachReset ? ", detached reset" : "") + ")";
    }
}
