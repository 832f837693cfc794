package org.snn4j.nn;

import java.util.List;
import java.util.function.Supplier;
import org.snn4j.tensor.Tensor;

/**
 * Test helper: a {@link ReLU} that remembers the smallest |input| of its last forward call, so a
 * gradient test can pick an input whose pre-activations all stay clear of the kink at 0 (finite
 * differences across a kink compare a one-sided slope with a mixture of two).
 */
final class GuardedReLU implements Layer {
    private final ReLU relu;
    private double minAbsInput = Double.POSITIVE_INFINITY;

    GuardedReLU(String name) {
        this.relu = new ReLU(name);
    }

    @Override
    public String name() {
        return relu.name();
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return relu.outputShape(inputShape);
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx) {
        double min = Double.POSITIVE_INFINITY;
        for (float v : input.data()) min = Math.min(min, Math.abs(v));
        minAbsInput = min;
        return relu.forward(input, ctx);
    }

    /**
     * A uniform [-1, 1) input of the given shape, from the first seed for which every guard's
     * pre-activations satisfy |x| ≥ margin.
     */
    static Tensor inputAwayFromKinks(Layer net, List<GuardedReLU> guards, double margin, int... shape) {
        return inputAwayFromKinks(net, guards, margin, ForwardContext::evaluation, shape);
    }

    /** As above, running the network in the contexts {@code ctx} gives (e.g. training with a fixed seed). */
    static Tensor inputAwayFromKinks(Layer net, List<GuardedReLU> guards, double margin,
                                     Supplier<ForwardContext> ctx, int... shape) {
        for (long seed = 0; seed < 10_000; seed++) {
            Tensor x = LinearTest.random(seed, shape);
            net.forward(x, ctx.get());
            if (guards.stream().allMatch(g -> g.minAbsInput >= margin)) return x;
        }
        throw new AssertionError("no input clear of the ReLU kinks found");
    }
}
