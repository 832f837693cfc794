package org.snn4j.neuron;

import java.util.Objects;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.LayerState;
import org.snn4j.nn.Pass;
import org.snn4j.nn.ShapeException;
import org.snn4j.tensor.Sequence;
import org.snn4j.tensor.Tensor;

/**
 * A leaky integrator readout (snnTorch's and Norse's LI; NIR's LI, and its I when α = 1): a non-spiking
 * membrane per input value whose potential at every step is the output, {@code [T, N, ...] → [T, N, ...]}:
 * <pre>
 *   U[t] = α·U[t−1] + r·X[t],   U[0] = 0
 * </pre>
 * Its output feeds a loss per step ({@link org.snn4j.loss.PerStepLoss}) or a reduction over time
 * ({@link org.snn4j.nn.TimeReduction}). Backward: ∂L/∂X[t] = r·G[t], G[t] = ∂L/∂U[t] + α·G[t+1]. A held input is
 * integrated as its step repeated (∂L/∂X = Σ_t ∂L/∂X[t]). With a {@link LayerState} a pass continues each
 * stream's U (key {@code <name>#u}) and leaves it there; with backward too, gradients stop at the carried U
 * (a window of truncated BPTT).
 */
public final class LeakyIntegrator implements Layer {
    private final String name;
    private final float leak;
    private final float inputScale;

    /**
     * @param leak       α in (0, 1] (1: a perfect integrator)
     * @param inputScale r, finite
     */
    public LeakyIntegrator(String name, float leak, float inputScale) {
        if (!(leak > 0 && leak <= 1)) throw new IllegalArgumentException(name + ": integrator leak must be in (0, 1], was " + leak);
        if (!Float.isFinite(inputScale)) throw new IllegalArgumentException(name + ": input scale must be finite, was " + inputScale);
        this.name = Objects.requireNonNull(name);
        this.leak = leak;
        this.inputScale = inputScale;
    }

    @Override
    public String name() {
        return name;
    }

    /** α. */
    public float leak() {
        return leak;
    }

    /** r. */
    public float inputScale() {
        return inputScale;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx) {
        if (input.rank() < 2) throw new ShapeException(name, "input rank", "≥ 2 ([T, N, ...])", input.shapeString());
        ctx.listeners().analog();
        Sequence sequence = ctx.sequence(input);
        boolean held = sequence.held();
        int steps = sequence.steps(), samples = sequence.samples(), perSample = sequence.perSample(), m = samples * perSample;
        LayerState state = ctx.listeners().layerState();
        float[] u = state == null ? new float[m] : state.state(name + "#u", samples, new float[perSample]);
        int[] shape = input.shape();
        shape[0] = steps;
        Tensor out = ctx.empty(shape);
        float[] x = input.data(), o = out.data();
        for (int t = 0, off = 0; t < steps; t++, off += m) {
            for (int j = 0, i = held ? 0 : off; j < m; j++, i++) {
                u[j] = leak * u[j] + inputScale * x[i];
                o[off + j] = u[j];
            }
        }
        if (!ctx.keepForBackward()) return Pass.inferenceOnly(name, out);
        int[] inShape = input.shape();
        return Pass.of(name, out, (gradOutput, needInputGrad) -> {
            if (!needInputGrad) return null;
            Tensor gradInput = ctx.zeros(inShape);
            float[] g = gradOutput.data(), gx = gradInput.data(), carried = new float[m];
            for (int t = steps - 1, off = t * m; t >= 0; t--, off -= m) {
                for (int j = 0, i = held ? 0 : off; j < m; j++, i++) {
                    carried[j] = g[off + j] + leak * carried[j];
                    gx[i] += inputScale * carried[j];
                }
            }
            return gradInput;
        });
    }

    @Override
    public String toString() {
        return "LeakyIntegrator(" + name + ", leak " + leak + ", input scale " + inputScale + ")";
    }
}
