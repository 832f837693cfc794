package org.snn4j.neuron;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.snn4j.Snn4jException;
import org.snn4j.kernels.NeuronLoops;
import org.snn4j.kernels.NeuronSpec;
import org.snn4j.kernels.Parallel;
import org.snn4j.nn.AvgPool2d;
import org.snn4j.nn.EarliestFailure;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.LayerState;
import org.snn4j.nn.NumericalException;
import org.snn4j.nn.Parameter;
import org.snn4j.nn.Pass;
import org.snn4j.nn.Pool2d;
import org.snn4j.nn.RunListeners;
import org.snn4j.nn.ShapeException;
import org.snn4j.tensor.Sequence;
import org.snn4j.tensor.Tensor;

/**
 * A layer of spiking neurons: input currents {@code [T, N, ...]} → spikes {@code [T, N, ...]} (0 or the
 * config's amplitude, 1 by default), one neuron per input element. Per neuron, t = 1..T:
 * <pre>
 *   H[t] = α·V[t−1] + X[t];   S[t] = Θ(H[t] − θ);   V[t] = H[t] − θ·S[t]  or  H[t]·(1 − S[t])
 * </pre>
 * with the model, test, reset and V[0] from {@link NeuronConfig}; backward is BPTT through the
 * surrogate (or Lee et al.'s derivative), formulas in {@link NeuronLoops}. For {@link ParametricLIF}
 * the layer owns parameters {@code <name>.leak} and {@code <name>.threshold} (shape [1], not decayed).
 * Tells the pass's listeners its spikes ({@link RunListeners#spikes}). A held input ({@link Sequence#held})
 * is a current held for T steps (direct input computed
 * once by the layers before): the output has T steps and ∂L/∂X = Σ_t ∂L/∂X[t]. The pass keeps a reference to its input
 * (not a copy; backward recomputes H from it), so the caller must not modify the input before backward.
 * A network converted from an ANN uses {@link ConvertedNeuronLayer}, which adds per-pass tuned thresholds,
 * per-channel settings and signed spikes to these dynamics. A pass with a {@link LayerState} continues
 * each stream's membranes from where the pass before left them (inference only).
 */
public class NeuronLayer implements Layer {
    private final String name;
    private final NeuronConfig config;
    private final Surrogate surrogate;
    private final boolean detachReset;
    private final Parameter leak;
    private final Parameter threshold;

    /**
     * @param detachReset the reset path contributes no gradient (∂V/∂H through S detached)
     * @throws Snn4jException when a trainable neuron is paired with Lee's derivative (no such gradient), or
     *                        the config has signed spikes (a {@link ConvertedNeuronLayer}'s)
     */
    public NeuronLayer(String name, NeuronConfig config, Surrogate surrogate, boolean detachReset) {
        this(name, config, surrogate, detachReset, false);
    }

    /** @param signedAllowed whether the config may have signed spikes (a converted layer's) */
    NeuronLayer(String name, NeuronConfig config, Surrogate surrogate, boolean detachReset, boolean signedAllowed) {
        this.name = java.util.Objects.requireNonNull(name);
        this.config = java.util.Objects.requireNonNull(config);
        this.surrogate = java.util.Objects.requireNonNull(surrogate);
        this.detachReset = detachReset;
        this.leak = trainableOrNull(name + ".leak", config, config.model().leak());
        this.threshold = trainableOrNull(name + ".threshold", config, config.threshold());
        if (config.model().trainable() && surrogate instanceof LeeDerivative) {
            throw new Snn4jException(name + ": plif needs a surrogate with leak and threshold gradients; "
                    + "Lee's derivative has none");
        }
        if (config.signed() && !signedAllowed) {
            throw new IllegalArgumentException(name + ": signed spikes are a converted layer's (ConvertedNeuronLayer)");
        }
    }

    /** A layer with {@code original}'s settings and the same parameter objects (a twin that shares its training). */
    NeuronLayer(NeuronLayer original) {
        this.name = original.name;
        this.config = original.config;
        this.surrogate = original.surrogate;
        this.detachReset = original.detachReset;
        this.leak = original.leak;
        this.threshold = original.threshold;
    }

    private static Parameter trainableOrNull(String name, NeuronConfig config, float value) {
        return config.model().trainable() ? new Parameter(name, Tensor.full(value, 1), false) : null;
    }

    @Override
    public boolean outputAlwaysFinite() {
        return true;   // spikes: 0 or the amplitude, a product of settings checked finite
    }

    @Override
    public String name() {
        return name;
    }

    public NeuronConfig config() {
        return config;
    }

    public Surrogate surrogate() {
        return surrogate;
    }

    public boolean detachReset() {
        return detachReset;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public List<Parameter> parameters() {
        return leak == null ? List.of() : List.of(leak, threshold);
    }

    /** The spec the kernels run now (reads the current trainable values). */
    public NeuronSpec spec() {
        float a = leak == null ? config.model().leak() : leak.value().data()[0];
        float th = threshold == null ? config.threshold() : threshold.value().data()[0];
        if (!Float.isFinite(a)) throw new NumericalException(name, "forward", 0, a);
        if (!(th > 0) || !Float.isFinite(th)) {
            throw new Snn4jException(name + ": threshold must be finite and > 0, was " + th);
        }
        return new NeuronSpec(a, th, config.initialMembrane() == InitialMembrane.HALF_THRESHOLD,
                config.fire() == FireTest.STRICT, config.reset() == Reset.SUBTRACT, detachReset, surrogate.spec());
    }

    /**
     * Runs this layer's neuron dynamics with {@code spec} (e.g. a candidate threshold) on the current
     * {@code current} ({@code [steps, neurons]}, or {@code [neurons]} held for every step when
     * {@code held}), writing spikes of value 1 into {@code spikes} (a converted layer's may be signed counts);
     * returns the number of spikes. What calibrations that simulate one layer use.
     */
    public long fire(NeuronSpec spec, float[] current, float[] spikes, int steps, int neurons, boolean held) {
        return held ? NeuronLoops.chargeFireResetForwardHeld(spec, current, spikes, steps, neurons)
                : NeuronLoops.chargeFireResetForward(spec, current, spikes, steps, neurons);
    }

    /**
     * Whether {@link #fireScaled} computes what {@link #forward} would in {@code ctx}: a plain inference pass
     * (see {@link ForwardContext#plainInference}); a converted layer's also needs plain settings.
     */
    public boolean firesPlainly(ForwardContext ctx) {
        return ctx.plainInference();
    }

    /**
     * {@link #forward}'s inference on a bare current ({@code [steps, neurons]}, or {@code [neurons]} when
     * {@code held}) with this layer's {@code spec} ({@link #spec}, taken once per pass by the caller),
     * continuing from the potentials in {@code membrane} and leaving there those after the last step
     * ({@link NeuronLoops#chargeFireResetContinue}): spikes of the configured amplitude into
     * {@code spikes[0, steps·neurons)}; returns the number of spikes, which the caller records. Only where
     * {@link #firesPlainly} holds.
     */
    long fireScaled(NeuronSpec spec, float[] current, float[] spikes, int steps, int neurons, boolean held, float[] membrane) {
        long count = NeuronLoops.chargeFireResetContinue(spec, current, spikes, steps, neurons, held, membrane);
        scale(spikes, steps * neurons, config.amplitude());
        return count;
    }

    /**
     * This layer and the pooling layer after it, one sample at a time with {@link SampleFiring} (the spike
     * trains never reach memory): at inference where {@link #firesPlainly} holds; in training
     * ({@link PooledTraining}) for a plain layer of this class (no trainable leak or threshold, no state, nothing
     * that looks into every layer) before average pooling, its backward also one sample at a time. Null, to
     * run the two layers one by one, otherwise or when the input is not a sequence of images.
     */
    @Override
    public Pass forwardThenPool(Tensor input, Pool2d<?> pool, ForwardContext ctx) {
        if (input.rank() != 5) return null;
        if (firesPlainly(ctx)) return Pass.inferenceOnly(name, firePooled(input, pool, ctx));
        boolean plainTraining = ctx.keepForBackward() && getClass() == NeuronLayer.class && leak == null
                && pool instanceof AvgPool2d && ctx.listeners().layerState() == null && !ctx.listeners().anyNeedsEveryLayer();
        return plainTraining ? PooledTraining.forward(this, input, pool, ctx) : null;
    }

    /** The pooled spikes of {@code input} through this layer and {@code pool}, one sample at a time; tells the listeners the spikes. */
    Tensor firePooled(Tensor input, Pool2d<?> pool, ForwardContext ctx) {
        Sequence sequence = ctx.sequence(input);
        boolean held = sequence.held();
        int steps = sequence.steps(), samples = sequence.samples(), size = sequence.perSample();
        int[] image = input.shapeFrom(2);
        Tensor output = ctx.empty(Tensor.concat(new int[] {steps, samples}, pool.outputShape(image)));
        float[] x = input.data();
        LongAdder count = new LongAdder();
        EarliestFailure failure = new EarliestFailure();
        Parallel.forPieces(samples, 1, () -> {
            SampleFiring firing = new SampleFiring(this, pool, steps, image, held);
            float[] current = firing.newCurrent();
            return (from, to) -> {
                for (int n = from; n < to; n++) {
                    if (held) System.arraycopy(x, n * size, current, 0, size);
                    try {
                        for (int t0 = 0; t0 < steps; t0 += firing.chunk()) {
                            int t1 = t0 + firing.chunk();
                            for (int t = t0; !held && t < t1; t++) System.arraycopy(x, (t * samples + n) * size, current, (t - t0) * size, size);
                            count.add(firing.run(current, t0, t1, n, samples, output.data()));
                        }
                    } catch (NumericalException e) {
                        failure.offer(0, e);
                    }
                }
            };
        });
        failure.throwIfAny();
        ctx.listeners().spikes(name, count.sum(), size, steps, samples);
        return output;
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx) {
        if (input.rank() < 2) throw new ShapeException(name, "input rank", "≥ 2 ([T, N, ...])", input.shapeString());
        Sequence sequence = ctx.sequence(input);
        boolean held = sequence.held();
        int steps = sequence.steps(), samples = sequence.samples(), perSample = sequence.perSample();
        int neurons = samples * perSample;
        Drive drive = drive(input, steps, ctx);
        NeuronSpec spec = drive.spec();
        int[] shape = input.shape();
        shape[0] = steps;
        Tensor spikes = ctx.empty(shape);
        // A held input is integrated by the held kernels straight from its one step, unless this layer has no
        // held kernel: then it integrates the repeated sequence and its gradient is summed over the steps.
        boolean heldKernel = held && hasHeldKernel();
        Tensor driven = drive.current(input, ctx);
        float[] x = held && !heldKernel ? repeat(driven.data(), steps) : driven.data();
        RunListeners listeners = ctx.listeners();
        LayerState state = listeners.layerState();
        if (state != null && ctx.keepForBackward()) throw new Snn4jException(name + ": a pass that continues streams has no backward");
        long count = state == null ? fireForward(spec, x, spikes.data(), steps, neurons, heldKernel)
                : fireContinuing(spec, x, spikes.data(), steps, samples, neurons, heldKernel, state);
        listeners.spikes(name, count, perSample, steps, samples);
        fired(spikes, listeners);
        drive.scale(spikes.data(), 0f, spikes.data());
        listeners.observeActivation(name, input, spikes);
        if (!ctx.keepForBackward()) {
            if (driven != input) ctx.release(driven);
            return Pass.inferenceOnly(name, spikes);
        }
        return Pass.of(name, spikes, (gradOutput, needInputGrad) -> {
            Tensor gradInput = !needInputGrad ? null : ctx.empty(heldKernel ? input.shape() : spikes.shape());
            double[] paramGrads = leak == null ? null : new double[2];
            float[] gi = gradInput == null ? null : gradInput.data();
            // ∂L/∂S = amplitude·∂L/∂(amplitude·S), plus the spike-dependent loss terms' gradient at every spike output.
            float[] gs = gradOutput.data();
            float penalty = listeners.spikeLossGradient(name);
            if (!drive.isUnitScale() || penalty != 0f) {
                float[] scaled = ctx.empty(gradOutput.shape()).data();
                drive.scale(gs, penalty, scaled);
                gs = scaled;
            }
            reverse(spec, x, gs, gi, steps, neurons, heldKernel, paramGrads);
            if (gi != null) drive.unnormalizeGradient(gi);
            if (paramGrads != null) {
                leak.grad().data()[0] += (float) paramGrads[0];
                threshold.grad().data()[0] += (float) paramGrads[1];
            }
            return held && !heldKernel && gradInput != null ? sumOverSteps(gradInput, input.shape(), ctx) : gradInput;
        });
    }

    /**
     * How this pass drives the neurons: the spec ({@link #spec}) and spike amplitude of the config; a
     * converted layer's may differ per pass and per channel ({@link ConvertedNeuronLayer}).
     */
    Drive drive(Tensor input, int steps, ForwardContext ctx) {
        return new Drive.Uniform(spec(), config.amplitude());
    }

    /** Whether this layer integrates a held input with the held kernels (the smooth test twin has none). */
    boolean hasHeldKernel() {
        return true;
    }

    /** Forward dynamics over the (held) current, spikes of value 1 into {@code spikes}; the number of spikes. */
    long fireForward(NeuronSpec spec, float[] current, float[] spikes, int steps, int neurons, boolean held) {
        return fire(spec, current, spikes, steps, neurons, held);
    }

    /**
     * {@link #fireForward} for {@code samples} streams continuing from their state in {@code state} (the
     * membranes, V[0] for a stream that starts afresh) and leaving there the state after the last step.
     */
    long fireContinuing(NeuronSpec spec, float[] current, float[] spikes, int steps, int samples, int neurons, boolean held,
                        LayerState state) {
        float[] membrane = state.state(name, samples, initialMembranes(spec, neurons / samples));
        return NeuronLoops.chargeFireResetContinue(spec, current, spikes, steps, neurons, held, membrane);
    }

    /** V[0] of {@code perStream} neurons. */
    static float[] initialMembranes(NeuronSpec spec, int perStream) {
        float[] v = new float[perStream];
        java.util.Arrays.fill(v, spec.initialMembrane());
        return v;
    }

    /** Tells the listeners what else they need to know of the spikes just fired (bursts; nothing here). */
    void fired(Tensor spikes, RunListeners listeners) {}

    /** The reverse (BPTT) loop: ∂L/∂X into {@code gradInput} (null: not needed), ∂L/∂(leak, θ) into {@code paramGrads}. */
    void reverse(NeuronSpec spec, float[] current, float[] gradSpikes, float[] gradInput, int steps, int neurons, boolean held,
                 double[] paramGrads) {
        if (held) {
            NeuronLoops.bpttReverseHeld(spec, current, gradSpikes, gradInput, steps, neurons, paramGrads);
        } else {
            NeuronLoops.bpttReverse(spec, current, gradSpikes, gradInput, steps, neurons, paramGrads);
        }
    }

    /** Spikes of value 1 in {@code spikes[0, length)} scaled in place to {@code amplitude} (as {@link Drive.Uniform#scale}). */
    private static void scale(float[] spikes, int length, float amplitude) {
        if (amplitude == 1f) return;
        for (int i = 0; i < length; i++) spikes[i] = amplitude * spikes[i] + 0f;
    }

    /** A held one-step input as the T-step current the loops integrate. */
    private static float[] repeat(float[] x, int steps) {
        float[] r = new float[x.length * steps];
        for (int t = 0; t < steps; t++) System.arraycopy(x, 0, r, t * x.length, x.length);
        return r;
    }

    /** ∂L/∂x for a held input: Σ_t ∂L/∂X[t], shaped as the one-step input. */
    private static Tensor sumOverSteps(Tensor grad, int[] heldShape, ForwardContext ctx) {
        Tensor sum = ctx.zeros(heldShape);
        float[] s = sum.data(), g = grad.data();
        int n = s.length;
        for (int t = 0; t < grad.dim(0); t++) {
            for (int i = 0, o = t * n; i < n; i++) s[i] += g[o + i];
        }
        return sum;
    }

    @Override
    public String toString() {
        return "NeuronLayer(" + name + ", " + config + ", " + surrogate + (detachReset ? ", detached reset" : "") + ")";
    }
}
