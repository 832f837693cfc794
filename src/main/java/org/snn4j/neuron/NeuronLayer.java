package org.snn4j.neuron;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.snn4j.Snn4jException;
import org.snn4j.kernels.NeuronLoops;
import org.snn4j.kernels.NeuronSpec;
import org.snn4j.kernels.Parallel;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
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
 * A converted layer may carry a {@link ChannelCalibration}: per-channel thresholds and bias currents, and
 * may have {@link NeuronConfig#signed signed} spikes ({@link SignedSpikes}, inference only).
 */
public final class NeuronLayer implements Layer {
    private final String name;
    private final NeuronConfig config;
    private final Surrogate surrogate;
    private final boolean detachReset;
    private final Parameter leak;
    private final Parameter threshold;
    private final boolean smooth;
    private final ChannelCalibration channels;

    /**
     * @param detachReset the reset path contributes no gradient (∂V/∂H through S detached)
     * @throws Snn4jException when a trainable neuron is paired with Lee's derivative (no such gradient)
     */
    public NeuronLayer(String name, NeuronConfig config, Surrogate surrogate, boolean detachReset) {
        this(name, config, surrogate, detachReset, null);
    }

    /** @param channels per-channel threshold scales and bias currents, or null for none */
    public NeuronLayer(String name, NeuronConfig config, Surrogate surrogate, boolean detachReset, ChannelCalibration channels) {
        this(name, config, surrogate, detachReset, trainableOrNull(name + ".leak", config, config.model().leak()),
                trainableOrNull(name + ".threshold", config, config.threshold()), false, channels);
        if (config.model().trainable() && surrogate instanceof LeeDerivative) {
            throw new Snn4jException(name + ": plif needs a surrogate with leak and threshold gradients; "
                    + "Lee's derivative has none");
        }
    }

    private NeuronLayer(String name, NeuronConfig config, Surrogate surrogate, boolean detachReset, Parameter leak,
                        Parameter threshold, boolean smooth, ChannelCalibration channels) {
        this.name = java.util.Objects.requireNonNull(name);
        this.config = java.util.Objects.requireNonNull(config);
        this.surrogate = java.util.Objects.requireNonNull(surrogate);
        this.detachReset = detachReset;
        this.leak = leak;
        this.threshold = threshold;
        this.smooth = smooth;
        this.channels = channels;
    }

    private static Parameter trainableOrNull(String name, NeuronConfig config, float value) {
        return config.model().trainable() ? new Parameter(name, Tensor.full(value, 1), false) : null;
    }

    /**
     * Gradient-test hook: the same layer (sharing its parameters) with the surrogate's primitive in
     * place of Heaviside (see {@link NeuronLoops#chargeFireResetForwardSmooth}), so finite differences
     * of its forward match its backward.
     */
    NeuronLayer smoothForTesting() {
        if (!surrogate.hasPrimitive()) throw new IllegalStateException(surrogate.name() + " has no primitive");
        return new NeuronLayer(name, config, surrogate, detachReset, leak, threshold, true, channels);
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

    /** The per-channel settings, or null when every neuron runs with the config's θ and no bias current. */
    public ChannelCalibration channels() {
        return channels;
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
     * {@code held}), writing spikes of value 1 (and −1 for {@link NeuronConfig#signed signed} neurons, the
     * signed number of spikes of the step with bursts) into {@code spikes}; returns the number of spikes. What calibrations that simulate one layer use.
     */
    public long fire(NeuronSpec spec, float[] current, float[] spikes, int steps, int neurons, boolean held) {
        if (config.signed()) return SignedSpikes.forward(spec, current, spikes, steps, neurons, held, config.burst());
        return held ? NeuronLoops.chargeFireResetForwardHeld(spec, current, spikes, steps, neurons)
                : NeuronLoops.chargeFireResetForward(spec, current, spikes, steps, neurons);
    }

    /**
     * Whether {@link #fireScaled} computes what {@link #forward} would in {@code ctx}: a plain
     * inference pass (see {@link ForwardContext#plainInference}) through a layer with neither per-channel
     * settings nor signed spikes, whose smooth test twin this is not.
     */
    public boolean firesPlainly(ForwardContext ctx) {
        return ctx.plainInference() && channels == null && !config.signed() && !smooth;
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
     * Inference through this layer and the pooling layer after it, one sample at a time with
     * {@link SampleFiring} (the spike trains never reach memory); null, to run the two layers one by one,
     * unless {@link #firesPlainly} holds and the input is a sequence of images.
     */
    @Override
    public Tensor forwardThenPool(Tensor input, Pool2d<?> pool, ForwardContext ctx) {
        if (!firesPlainly(ctx) || input.rank() != 5) return null;
        Sequence sequence = ctx.sequence(input);
        boolean held = sequence.held();
        int steps = sequence.steps(), samples = sequence.samples(), size = sequence.perSample();
        int[] image = input.shapeFrom(2);
        Tensor output = ctx.empty(Tensor.concat(new int[] {steps, samples}, pool.outputShape(image)));
        float[] x = input.data();
        LongAdder count = new LongAdder();
        Parallel.forRange(samples, 1, (from, to) -> {
            SampleFiring firing = new SampleFiring(this, pool, steps, image, held);
            float[] current = firing.newCurrent();
            for (int n = from; n < to; n++) {
                if (held) System.arraycopy(x, n * size, current, 0, size);
                for (int t0 = 0; t0 < steps; t0 += firing.chunk()) {
                    int t1 = t0 + firing.chunk();
                    for (int t = t0; !held && t < t1; t++) System.arraycopy(x, (t * samples + n) * size, current, (t - t0) * size, size);
                    count.add(firing.run(current, t0, t1, n, samples, output.data()));
                }
            }
        });
        ctx.listeners().spikes(name, count.sum(), size, steps, samples);
        return output;
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx) {
        if (input.rank() < 2) throw new ShapeException(name, "input rank", "≥ 2 ([T, N, ...])", input.shapeString());
        if (config.signed() && ctx.keepForBackward()) {
            throw new Snn4jException(name + ": signed spikes have no gradient (they are for converted inference); "
                    + "train or fine-tune without them");
        }
        Sequence sequence = ctx.sequence(input);
        boolean held = sequence.held();
        int steps = sequence.steps(), samples = sequence.samples(), perSample = sequence.perSample();
        int neurons = samples * perSample;
        NeuronSpec configured = spec();
        RunListeners listeners = ctx.listeners();
        float th = listeners.threshold(name, input, steps, configured.threshold());
        if (!(th > 0) || !Float.isFinite(th)) throw new Snn4jException(name + ": tuned threshold must be finite and > 0, was " + th);
        NeuronSpec spec = th == configured.threshold() ? configured : configured.withThreshold(th);
        int[] shape = input.shape();
        shape[0] = steps;
        Tensor spikes = ctx.empty(shape);
        // A held input is integrated by the held kernels straight from its one step; the smooth test
        // forward has no held variant and integrates the repeated sequence instead.
        boolean heldKernel = held && !smooth;
        ChannelCalibration calibration = calibrationFor(input, steps, ctx);
        int inner = calibration == null ? 1 : perSample / calibration.channels();
        Tensor normalized = null;
        if (calibration != null) {
            normalized = ctx.empty(input.shape());
            calibration.normalizeCurrent(input.data(), normalized.data(), inner);
        }
        float[] current = normalized == null ? input.data() : normalized.data();
        float[] x = held && smooth ? repeat(current, steps) : current;
        long count = smooth
                ? NeuronLoops.chargeFireResetForwardSmooth(spec, surrogate::primitive, x, spikes.data(), steps, neurons)
                : fire(spec, x, spikes.data(), steps, neurons, heldKernel);
        listeners.spikes(name, count, perSample, steps, samples);
        if (config.burst()) listeners.bursts(spikes, () -> burstSizes(spikes.data()));
        float amplitude = config.amplitude() * (th / configured.threshold());
        if (calibration != null) {
            calibration.scale(spikes.data(), amplitude, 0f, spikes.data(), inner);
        } else {
            scale(spikes.data(), spikes.size(), amplitude);
        }
        listeners.observeActivation(name, input, spikes);
        if (!ctx.keepForBackward()) {
            if (normalized != null) ctx.release(normalized);
            return Pass.inferenceOnly(name, spikes);
        }
        return Pass.of(name, spikes, (gradOutput, needInputGrad) -> {
            Tensor gradInput = !needInputGrad ? null : ctx.empty(heldKernel ? input.shape() : spikes.shape());
            double[] paramGrads = leak == null ? null : new double[2];
            float[] gi = gradInput == null ? null : gradInput.data();
            // ∂L/∂S = amplitude·∂L/∂(amplitude·S), plus the spike-count penalty's gradient at every spike output.
            float[] gs = gradOutput.data();
            float penalty = listeners.spikeLossGradient(name);
            if (calibration != null) {
                float[] scaled = ctx.empty(gradOutput.shape()).data();
                calibration.scale(gs, amplitude, penalty, scaled, inner);
                gs = scaled;
            } else if (amplitude != 1f || penalty != 0f) {
                gs = scaleAndShift(gs, gs.length, amplitude, penalty, ctx.empty(gradOutput.shape()).data());
            }
            if (smooth) {
                NeuronLoops.bpttReverseSmooth(spec, surrogate::primitive, x, gs, gi, steps, neurons, paramGrads);
            } else if (heldKernel) {
                NeuronLoops.bpttReverseHeld(spec, x, gs, gi, steps, neurons, paramGrads);
            } else {
                NeuronLoops.bpttReverse(spec, x, gs, gi, steps, neurons, paramGrads);
            }
            if (calibration != null && gi != null) calibration.unnormalizeGradient(gi, inner);
            if (paramGrads != null) {
                leak.grad().data()[0] += (float) paramGrads[0];
                threshold.grad().data()[0] += (float) paramGrads[1];
            }
            return held && smooth && gradInput != null ? sumOverSteps(gradInput, input.shape(), ctx) : gradInput;
        });
    }

    /** This pass's per-channel settings (a bias tuner may choose the currents), checked against the input's channels. */
    private ChannelCalibration calibrationFor(Tensor input, int steps, ForwardContext ctx) {
        if (channels != null && (input.rank() < 3 || input.dim(2) != channels.channels())) {
            throw new ShapeException(name, "input channels (dimension 2)", String.valueOf(channels.channels()), input.shapeString());
        }
        float[] configured = channels == null ? null : channels.bias();
        float[] bias = ctx.listeners().channelBias(name, input, steps, configured);
        if (bias == configured) return channels;
        if (input.rank() < 3) throw new ShapeException(name, "input rank", "≥ 3 ([T, N, C, ...]) for bias currents", input.shapeString());
        return (channels == null ? ChannelCalibration.identity(input.dim(2)) : channels).withBias(bias);
    }

    /** Spikes of value 1 in {@code spikes[0, length)} scaled in place to {@code amplitude}. */
    private static void scale(float[] spikes, int length, float amplitude) {
        if (amplitude != 1f) scaleAndShift(spikes, length, amplitude, 0f, spikes);
    }

    /** {@code out = a·x + b} over {@code [0, length)}; returns {@code out}. */
    private static float[] scaleAndShift(float[] x, int length, float a, float b, float[] out) {
        for (int i = 0; i < length; i++) out[i] = a * x[i] + b;
        return out;
    }

    /** The number of spikes in each signed burst count of {@code counts}: |k|. */
    private static float[] burstSizes(float[] counts) {
        float[] sizes = new float[counts.length];
        for (int i = 0; i < counts.length; i++) sizes[i] = Math.abs(counts[i]);
        return sizes;
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
