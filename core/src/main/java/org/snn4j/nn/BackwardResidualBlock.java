package org.snn4j.nn;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.snn4j.tensor.Tensor;

/**
 * A backward residual connection (Panda et al. 2020; our reading, shared/papers.md §2.2): a block of
 * layers traversed n times with shared weights, its output fed back and added to its input:
 * <pre>
 *   y₁ = B₁(x),   y_k = B_k(x + y_{k−1})  (k = 2..n),   output y_n
 * </pre>
 * The passes B_1..B_n are layer chains that hold the <em>same</em> weighted layers (one Conv2d or Linear
 * object serves every pass, so the parameter count is that of one pass) and their own activation layers:
 * in an SNN each pass has its own neurons (own membrane, own threshold after conversion, own spike
 * record), in an ANN its own ReLU. The sum is taken at the same time step: y_{k−1}[t] joins x[t].
 *
 * <p>Shapes: every pass maps the input shape {@code [T, N, ...]} to itself ({@link ShapeException}
 * naming this block otherwise). Backward, with g_n = ∂L/∂y_n and h_k = B_kᵀ(g_k) the input gradient of
 * pass k: g_{k−1} = h_k and ∂L/∂x = Σ_k h_k (a new tensor). The shared layers' parameter gradients add up
 * over the passes, because every backward adds into {@link Parameter#grad()}.
 */
public final class BackwardResidualBlock implements Composite {
    private final String name;
    private final List<Layer> passes;

    /**
     * @param passes B_1..B_n (n ≥ 1), sharing their weighted layers
     */
    public BackwardResidualBlock(String name, List<Layer> passes) {
        if (passes.isEmpty()) throw new IllegalArgumentException(name + ": a backward residual block needs at least one pass");
        this.name = name;
        this.passes = List.copyOf(passes);
    }

    @Override
    public String name() {
        return name;
    }

    /** n, the number of times the block is traversed. */
    public int passCount() {
        return passes.size();
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        for (int k = 0; k < passes.size(); k++) {
            int[] out = passes.get(k).outputShape(inputShape);
            if (!Arrays.equals(out, inputShape)) throw new ShapeException(name, "pass " + (k + 1) + " output shape (fed back to the input)", inputShape, out);
        }
        return inputShape.clone();
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx, ChildRunner runner) {
        if (input.rank() < 2) throw new ShapeException(name, "input shape", "[T, N, ...]", input.shapeString());
        outputShape(input.shapeFrom(2));
        int n = passes.size();
        Pass[] done = new Pass[n];
        Tensor in = input;
        for (int k = 0; k < n; k++) {
            Layer pass = passes.get(k);
            Tensor current = in;
            done[k] = Finite.checkedByCaller(pass, () -> runner.forward(pass, current, ctx));
            Tensor y = done[k].output();
            if (!y.sameShape(input)) {
                // A held one-step input ([1, N, ...] standing for T steps) cannot take a T-step output back.
                throw new ShapeException(name, "pass " + (k + 1) + " output (fed back; place the block after a spiking layer)",
                        input.shape(), y.shape());
            }
            if (k == n - 1) break;
            Tensor next = ctx.zeros(input.shape());
            ResidualBlock.add(input.data(), y.data(), next.data());
            if (!ctx.keepForBackward()) {
                if (y.data() != current.data()) ctx.release(y);
                if (current != input && current.data() != input.data()) ctx.release(current);
            }
            in = next;
        }
        Tensor out = done[n - 1].output();
        if (!ctx.keepForBackward()) {
            if (in != input && in.data() != out.data()) ctx.release(in);
            return Pass.inferenceOnly(name, out);
        }
        return Pass.of(name, out, (gradOutput, needInputGrad) -> {
            Tensor dx = needInputGrad ? ctx.zeros(input.shape()) : null;
            Tensor g = gradOutput;
            for (int k = n - 1; k >= 0; k--) {
                Pass pass = done[k];
                Tensor gradOut = g;
                boolean need = k > 0 || needInputGrad;
                g = Finite.checkedByCaller(passes.get(k), () -> pass.backward(gradOut, need));
                if (need) Finite.check(passes.get(k).name(), "input gradient", g);
                if (dx != null) ResidualBlock.add(dx.data(), g.data(), dx.data());
            }
            return dx;
        });
    }

    /** The shared parameters once, then each pass's own (e.g. trainable neurons), in pass order. */
    @Override
    public List<Parameter> parameters() {
        Set<Parameter> all = new LinkedHashSet<>();
        for (Layer pass : passes) all.addAll(pass.parameters());
        return List.copyOf(all);
    }

    /** The buffers of all passes, each once. */
    @Override
    public List<Parameter> buffers() {
        Set<Parameter> all = new LinkedHashSet<>();
        for (Layer pass : passes) all.addAll(pass.buffers());
        return List.copyOf(all);
    }

    /** The passes B_1..B_n (their shared weighted layers appear in each). */
    @Override
    public List<Layer> children() {
        return passes;
    }
}
