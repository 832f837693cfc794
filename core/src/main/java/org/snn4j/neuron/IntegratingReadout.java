package org.snn4j.neuron;

import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.LayerState;
import org.snn4j.nn.Pass;
import org.snn4j.nn.ShapeException;
import org.snn4j.tensor.Sequence;
import org.snn4j.tensor.Tensor;

/**
 * Non-spiking output layer: accumulates its input current in a membrane and reads it out once,
 * {@code [T, N, F] → [1, N, F]}:
 * <pre>
 *   U[t] = α·(U[t−1] + X[t]),  U[0] = 0,   output = U[T] / T = (1/T)·Σ_t α^{T−t+1}·X[t]
 * </pre>
 * α = 1 is the plain accumulated current of Rathi, DIET-SNN and QCFS; α = 0.99 is Lee et al.'s leaky
 * output neuron. Backward is exact, ∂out/∂X[t] = α^{T−t+1}/T, unless {@code leeStraightThrough} selects
 * Lee's code, whose leak is invisible to the gradient: ∂out/∂X[t] = 1/T. Its output is analog: it tells
 * the context so ({@link org.snn4j.nn.SpikeListener#analog}), which is how a hybrid network's spikes-to-ANN
 * boundary, built from this layer, makes the op counter charge the ANN layers after it MACs.
 *
 * <p>A pass with a {@link LayerState} continues each stream's membrane U and its count of steps t from the
 * pass before and outputs U[t]/t, the readout so far: after a stream's T steps, in chunks of any length, the
 * same value, bit for bit, as one pass over the T steps.
 */
public final class IntegratingReadout implements Layer {
    private final String name;
    private final float leak;
    private final boolean leeStraightThrough;

    /**
     * @param leak               α (finite, &gt; 0)
     * @param leeStraightThrough gradient 1/T for every step instead of the exact α^{T−t+1}/T
     */
    public IntegratingReadout(String name, float leak, boolean leeStraightThrough) {
        if (!(leak > 0) || !Float.isFinite(leak)) throw new IllegalArgumentException("readout leak must be > 0, was " + leak);
        this.name = java.util.Objects.requireNonNull(name);
        this.leak = leak;
        this.leeStraightThrough = leeStraightThrough;
    }

    /** α = 1, exact gradient. */
    public IntegratingReadout(String name) {
        this(name, 1f, false);
    }

    @Override
    public String name() {
        return name;
    }

    /** α, the membrane's leak per step. */
    public float leak() {
        return leak;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx) {
        if (input.rank() < 2) throw new ShapeException(name, "input rank", "≥ 2 ([T, N, ...])", input.shapeString());
        ctx.listeners().analog();
        LayerState state = ctx.listeners().layerState();
        if (state != null) return continuing(input, state, ctx);
        if (ctx.sequence(input).held()) return held(input, ctx);
        int steps = input.dim(0), m = input.sizeFrom(1);
        int[] outShape = input.shape();
        outShape[0] = 1;
        Tensor out = ctx.zeros(outShape);
        float[] x = input.data(), u = out.data();
        for (int t = 0; t < steps; t++) {
            for (int j = 0, i = t * m; j < m; j++, i++) u[j] = leak * (u[j] + x[i]);
        }
        float invSteps = steps == 0 ? 0f : 1f / steps;
        for (int j = 0; j < m; j++) u[j] *= invSteps;
        if (!ctx.keepForBackward()) return Pass.inferenceOnly(name, out);
        int[] inShape = input.shape();
        return Pass.of(name, out, (gradOutput, needInputGrad) -> {
            if (!needInputGrad) return null;
            Tensor gradInput = ctx.zeros(inShape);
            float[] g = gradOutput.data(), gx = gradInput.data();
            double weight = leeStraightThrough ? 1.0 : leak;       // α^{T−t+1}, built from t = T down
            for (int t = steps - 1; t >= 0; t--) {
                float w = (float) (weight / steps);
                for (int j = 0, i = t * m; j < m; j++, i++) gx[i] = g[j] * w;
                if (!leeStraightThrough) weight *= leak;
            }
            return gradInput;
        });
    }

    /**
     * Inference continuing every stream's membrane and step count from {@code state} (a held input is
     * integrated as its step repeated): the readout so far, U[t]/t with the float arithmetic of a whole pass.
     */
    private Pass continuing(Tensor input, LayerState state, ForwardContext ctx) {
        if (ctx.keepForBackward()) throw new org.snn4j.Snn4jException(name + ": a pass that continues streams has no backward");
        Sequence sequence = ctx.sequence(input);
        boolean held = sequence.held();
        int steps = sequence.steps(), samples = sequence.samples(), perSample = sequence.perSample(), m = samples * perSample;
        float[] u = state.state(name, samples, new float[perSample]);
        float[] seen = state.state(name + "#steps", samples, new float[1]);
        float[] x = input.data();
        for (int t = 0; t < steps; t++) {
            for (int j = 0, i = held ? 0 : t * m; j < m; j++, i++) u[j] = leak * (u[j] + x[i]);
        }
        int[] outShape = input.shape();
        outShape[0] = 1;
        Tensor out = ctx.empty(outShape);
        float[] o = out.data();
        for (int n = 0; n < samples; n++) {
            seen[n] += steps;
            float invSteps = 1f / seen[n];
            for (int j = n * perSample; j < (n + 1) * perSample; j++) o[j] = u[j] * invSteps;
        }
        return Pass.inferenceOnly(name, out);
    }

    /**
     * A held input ({@link org.snn4j.tensor.Sequence#held}) over T = ctx.steps() steps (a network with no spiking layer before the
     * readout): U[T]/T = c·X with c = (1/T)·Σ_{k=1..T} α^k; the gradient is c·g (1·g for Lee's
     * straight-through variant, whose per-step weight is 1/T).
     */
    private Pass held(Tensor input, ForwardContext ctx) {
        int steps = ctx.steps();
        double c = 0, a = 1;
        for (int k = 0; k < steps; k++) {
            a *= leak;
            c += a;
        }
        float forward = (float) (c / steps), backward = leeStraightThrough ? 1f : forward;
        Tensor out = input.copy();
        for (int j = 0; j < out.size(); j++) out.data()[j] *= forward;
        if (!ctx.keepForBackward()) return Pass.inferenceOnly(name, out);
        return Pass.of(name, out, (gradOutput, needInputGrad) -> {
            if (!needInputGrad) return null;
            Tensor g = gradOutput.copy();
            for (int j = 0; j < g.size(); j++) g.data()[j] *= backward;
            return g;
        });
    }

    @Override
    public String toString() {
        return "IntegratingReadout(" + name + ", leak " + leak + (leeStraightThrough ? ", Lee straight-through" : "") + ")";
    }
}
