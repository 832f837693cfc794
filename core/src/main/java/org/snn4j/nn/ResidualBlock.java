package org.snn4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.snn4j.tensor.Tensor;

/**
 * A residual block whose shortcut joins the membrane: {@code y = neuron(branch(x) + shortcut(x))}.
 *
 * <p>The sum is the input current of the block's output neuron, as in Lee et al.'s ResNet, where the
 * shortcut is added into the membrane of the second conv's neuron and the sum fires as one neuron.
 * The shortcut is any {@link Layer} (a 1×1 conv, a strided average pool) or null for the identity.
 *
 * <p>Shapes: input {@code [T, N, ...]}; branch and shortcut outputs must agree ({@link ShapeException}
 * naming this block otherwise); output is the neuron's. Backward: with g = ∂L/∂(branch + shortcut)
 * from the neuron, {@code ∂x = branchᵀ(g) + shortcutᵀ(g)} (a new tensor).
 */
public final class ResidualBlock implements Composite {
    private final String name;
    private final Layer branch;
    private final Layer shortcut;
    private final Layer outputNeuron;

    /** @param shortcut the shortcut path, or null for the identity */
    public ResidualBlock(String name, Layer branch, Layer shortcut, Layer outputNeuron) {
        if (branch == null || outputNeuron == null) throw new IllegalArgumentException(name + ": branch and output neuron are required");
        this.name = name;
        this.branch = branch;
        this.shortcut = shortcut;
        this.outputNeuron = outputNeuron;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int[] b = branch.outputShape(inputShape);
        int[] s = shortcut == null ? inputShape : shortcut.outputShape(inputShape);
        if (!Arrays.equals(b, s)) throw new ShapeException(name, "shortcut output shape", b, s);
        return outputNeuron.outputShape(b);
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx, ChildRunner runner) {
        if (input.rank() < 2) throw new ShapeException(name, "input shape", "[T, N, ...]", input.shapeString());
        outputShape(input.shapeFrom(2));
        Pass branchPass = runner.forward(branch, input, ctx);
        Pass shortcutPass = shortcut == null ? null : runner.forward(shortcut, input, ctx);
        Tensor b = branchPass.output(), s = shortcutPass == null ? input : shortcutPass.output();
        if (!b.sameShape(s)) throw new ShapeException(name, "shortcut output shape", b.shape(), s.shape());
        Tensor current = ctx.empty(b.shape());
        add(b.data(), s.data(), current.data());
        Pass neuronPass = runner.forward(outputNeuron, current, ctx);
        Tensor y = neuronPass.output();
        if (!ctx.keepForBackward()) {
            // Inference: the summands and their sum are dead now (the block's input is its caller's).
            if (b.data() != input.data()) ctx.release(b);
            if (s.data() != input.data()) ctx.release(s);
            if (y.data() != current.data()) ctx.release(current);
            return Pass.inferenceOnly(name, y);
        }
        return Pass.of(name, y, (gradOutput, needInputGrad) -> {
            Tensor g = neuronPass.backward(gradOutput, true);
            Tensor gb = branchPass.backward(g, needInputGrad);
            Tensor gs = shortcutPass == null ? g : shortcutPass.backward(g, needInputGrad);
            if (!needInputGrad) return null;
            Tensor dx = ctx.empty(input.shape());
            add(gb.data(), gs.data(), dx.data());
            return dx;
        });
    }

    /** {@code out = a + b} element-wise (also the backward-residual block's sum). */
    static void add(float[] a, float[] b, float[] out) {
        for (int i = 0; i < out.length; i++) out[i] = a[i] + b[i];
    }

    /** Parameters of branch, shortcut and output neuron, in that order. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : children()) all.addAll(layer.parameters());
        return List.copyOf(all);
    }

    /** Buffers of branch, shortcut and output neuron, in that order. */
    @Override
    public List<Parameter> buffers() {
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : children()) all.addAll(layer.buffers());
        return List.copyOf(all);
    }

    /** Branch, shortcut (when not the identity) and output neuron. */
    @Override
    public List<Layer> children() {
        return shortcut == null ? List.of(branch, outputNeuron) : List.of(branch, shortcut, outputNeuron);
    }

    public Layer branch() {
        return branch;
    }

    /** The shortcut layer, or null for the identity. */
    public Layer shortcut() {
        return shortcut;
    }

    public Layer outputNeuron() {
        return outputNeuron;
    }
}
