package org.snn4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.snn4j.tensor.Tensor;

/**
 * A chain of layers: {@code y = f_k(…f_2(f_1(x)))}, backward in reverse order.
 *
 * <p>Shapes: whatever the chain maps; a forward call first validates the whole chain of per-sample
 * shapes with {@link #outputShape}, so a mismatch is reported by the child that refuses it, before
 * any work. Every child's output, and in backward every child's input gradient, is checked for NaN and
 * infinity; the first non-finite value throws {@link NumericalException} naming that child. The children
 * run inside {@link Finite#checkedByCaller}, so their own {@link Finite#checkOwn} guards on those tensors
 * are skipped: each is scanned once. Backward asks the first child for its input gradient only when the
 * caller asks for it. At inference the runner may run several children as one fused block, which checks the
 * outputs it computes itself ({@link ChildRunner#fused}), in training too (a spiking layer and its pooling).
 */
public final class Sequential implements Composite {
    private final String name;
    private final List<Layer> layers;

    public Sequential(String name, List<Layer> layers) {
        if (layers.isEmpty()) throw new IllegalArgumentException(name + ": a Sequential needs at least one layer");
        this.name = name;
        this.layers = List.copyOf(layers);
    }

    public Sequential(String name, Layer... layers) {
        this(name, List.of(layers));
    }

    @Override
    public String name() {
        return name;
    }

    /** Chains the children's per-sample output shapes; the refusing child throws {@link ShapeException}. */
    @Override
    public int[] outputShape(int[] inputShape) {
        int[] shape = inputShape;
        for (Layer layer : layers) shape = layer.outputShape(shape);
        return shape;
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx, ChildRunner runner) {
        if (input.rank() < 2) throw new ShapeException(name, "input shape", "[T, N, ...]", input.shapeString());
        outputShape(input.shapeFrom(2));
        Pass[] passes = new Pass[layers.size()];
        Tensor x = input;
        for (int i = 0; i < passes.length; i++) {
            int first = i;
            Layer layer = layers.get(i);
            Tensor in = x;
            ChildRunner.Fused fused = runner.fused(layers, i, in, ctx);
            if (fused != null) {   // the block checked the outputs it computed; its pass stands for all its layers
                passes[i] = fused.pass();
                x = fused.output();
                i += fused.layers() - 1;
            } else {
                passes[i] = Finite.checkedByCaller(layer, () -> runner.forward(layer, in, ctx));
                x = passes[i].output();
                // a view of the input (Flatten) was scanned as that input; spike trains cannot hold NaN
                if (x.data() != in.data() && !layer.outputAlwaysFinite()) Finite.check(layer.name(), "output", x);
            }
            // Inference keeps nothing for backward: an intermediate output is dead once the next layer
            // has read it (unless that layer passed it on, as a view or unchanged).
            if (!ctx.keepForBackward() && first > 0 && in.data() != x.data()) ctx.release(in);
        }
        Tensor y = x;
        if (!ctx.keepForBackward()) return Pass.inferenceOnly(name, y);
        return Pass.of(name, y, (gradOutput, needInputGrad) -> {
            Tensor g = gradOutput;
            for (int i = passes.length - 1; i >= 0; i--) {
                boolean need = i > 0 || needInputGrad;
                Pass pass = passes[i];
                if (pass == null) continue;   // a layer a fused block ran: that block's pass, earlier in the chain, covers it
                Tensor gradOut = g;
                g = Finite.checkedByCaller(layers.get(i), () -> pass.backward(gradOut, need));
                boolean scanned = g != null && (g.data() == gradOut.data() || layers.get(i).inputGradientFiniteWithOutputGradient());
                if (need && !scanned) Finite.check(layers.get(i).name(), "input gradient", g);
            }
            return needInputGrad ? g : null;
        });
    }

    /** Parameters of all children, in chain order. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) all.addAll(layer.parameters());
        return List.copyOf(all);
    }

    /** Buffers of all children, in chain order. */
    @Override
    public List<Parameter> buffers() {
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) all.addAll(layer.buffers());
        return List.copyOf(all);
    }

    @Override
    public List<Layer> children() {
        return layers;
    }

    /** The i-th child. */
    public Layer get(int i) {
        return layers.get(i);
    }

    /** Number of children. */
    public int size() {
        return layers.size();
    }
}
