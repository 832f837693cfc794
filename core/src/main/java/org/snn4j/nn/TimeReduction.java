package org.snn4j.nn;

import java.util.Locale;
import java.util.Objects;
import org.snn4j.tensor.Sequence;
import org.snn4j.tensor.Tensor;

/**
 * A readout over time, {@code [T, N, ...] → [1, N, ...]}: the sum, the mean or the maximum of each value over
 * the T steps, or its value at the last step (what a loss on the whole sequence reads from a per-step output
 * such as a {@link org.snn4j.neuron.LeakyIntegrator}'s membrane). Backward: the gradient to every step (sum),
 * divided by T (mean), to the first step holding the maximum (max) or to the last step only (last). A held
 * input stands for T equal steps.
 */
public final class TimeReduction implements Layer {
    /** How the steps are combined. */
    public enum Mode {
        SUM, MEAN, MAX, LAST;

        /** The name specs and flags use: {@code sum}, {@code mean}, {@code max}, {@code last}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String name;
    private final Mode mode;

    public TimeReduction(String name, Mode mode) {
        this.name = Objects.requireNonNull(name);
        this.mode = Objects.requireNonNull(mode);
    }

    @Override
    public String name() {
        return name;
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx) {
        if (input.rank() < 2) throw new ShapeException(name, "input rank", "≥ 2 ([T, N, ...])", input.shapeString());
        Sequence sequence = ctx.sequence(input);
        int steps = sequence.steps(), stored = sequence.storedSteps(), m = sequence.samples() * sequence.perSample();
        if (steps == 0) throw new ShapeException(name, "steps", "≥ 1", "0");
        int[] outShape = input.shape();
        outShape[0] = 1;
        Tensor out = ctx.empty(outShape);
        float[] x = input.data(), o = out.data();
        int[] argmax = mode == Mode.MAX ? new int[m] : null;
        float scale = mode == Mode.SUM ? (stored == 1 ? steps : 1f) : mode == Mode.MEAN && stored > 1 ? 1f / steps : 1f;
        for (int j = 0; j < m; j++) {
            float v = mode == Mode.LAST ? x[(stored - 1) * m + j] : x[j];
            for (int t = 1; t < stored && mode != Mode.LAST; t++) {
                float y = x[t * m + j];
                if (mode == Mode.MAX) {
                    if (y > v) {
                        v = y;
                        argmax[j] = t;
                    }
                } else {
                    v += y;
                }
            }
            o[j] = v * scale;
        }
        if (!ctx.keepForBackward()) return Pass.inferenceOnly(name, out);
        int[] inShape = input.shape();
        return Pass.of(name, out, (gradOutput, needInputGrad) -> {
            if (!needInputGrad) return null;
            Tensor gradInput = ctx.zeros(inShape);
            float[] g = gradOutput.data(), gx = gradInput.data();
            for (int j = 0; j < m; j++) {
                switch (mode) {
                    case SUM, MEAN -> {
                        for (int t = 0; t < stored; t++) gx[t * m + j] = g[j] * scale;
                    }
                    case MAX -> gx[argmax[j] * m + j] = g[j];
                    case LAST -> gx[(stored - 1) * m + j] = g[j];
                }
            }
            return gradInput;
        });
    }

    @Override
    public String toString() {
        return "TimeReduction(" + name + ", " + mode.label() + ")";
    }
}
