package org.snn4j.engine;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.snn4j.kernels.ConvGeometry;
import org.snn4j.kernels.EventBackwardData;
import org.snn4j.nn.Conv2d;
import org.snn4j.nn.Layer;

/**
 * An {@link Executor}'s choices between an event kernel and a dense one, per layer: a weighted layer's
 * forward, a fused block's (by its convolution), a convolution's weight gradient and its input gradient. "event"
 * mode always takes the events; "auto" takes them as each one's own {@link Crossover} measures, except the weight
 * gradient, which by default follows the fixed {@link Executor#WEIGHT_GRADIENT_CROSSOVER} so that training
 * stays reproducible bit for bit ({@link Executor#withMeasuredWeightGradient}), and the input gradient, which
 * follows the fixed {@link #INPUT_GRADIENT_CROSSOVER}.
 */
final class KernelChoices {
    /**
     * The output-gradient density at or below which "auto" computes a convolution's input gradient by events
     * ({@link EventBackwardData}), where those give the GEMM path's bits (at least as many input as output channels):
     * on Zen 5 (AVX-512, one thread, docs/results/issue-27/bwdev-kernel-ab.txt) the events took as long as the GEMM
     * path at densities 0.23 (W5's conv4, 128 → 128 channels, 8 × 8), 0.24 (conv6, 256 → 256, 4 × 4) and 0.37
     * (conv7 and conv8, 256 → 256, 2 × 2); W5's output gradients are 0.11 to 0.52 non-zero, 0.27 to 0.34 on average.
     * Fixed, not timed, like the weight gradient's: the choice never depends on the machine's load.
     */
    static final double INPUT_GRADIENT_CROSSOVER = 0.25;

    private final EngineMode mode;
    private final Map<Layer, Crossover> forward = new IdentityHashMap<>(), block = new IdentityHashMap<>(),
            gradient = new IdentityHashMap<>();
    private boolean measuredWeightGradient;

    KernelChoices(EngineMode mode) {
        this.mode = mode;
    }

    void measureWeightGradient() {
        measuredWeightGradient = true;
    }

    /** {@code byEvents} or {@code dense} for {@code layer}'s forward on an input of {@code density}; what it returned. */
    <R> R forward(Layer layer, double density, LayerActivity a, Supplier<R> byEvents, Supplier<R> dense) {
        return choose(forward, layer, Executor.INITIAL_CROSSOVER, density, a::measuredCrossover, byEvents, dense);
    }

    /** As {@link #forward} for the fused block that {@code conv} starts. */
    <R> R block(Conv2d conv, double density, LayerActivity a, Supplier<R> byEvents, Supplier<R> dense) {
        return choose(block, conv, Executor.INITIAL_CROSSOVER, density, a::measuredCrossover, byEvents, dense);
    }

    /** Runs {@code byEvents} or {@code dense} for {@code conv}'s weight gradient; whether it ran the events. */
    boolean weightGradient(Conv2d conv, double density, LayerActivity a, Runnable byEvents, Runnable dense) {
        Supplier<Boolean> events = () -> {
            byEvents.run();
            return true;
        }, gemm = () -> {
            dense.run();
            return false;
        };
        if (mode == EngineMode.AUTO && !measuredWeightGradient) return (density <= Executor.WEIGHT_GRADIENT_CROSSOVER ? events : gemm).get();
        return choose(gradient, conv, Executor.WEIGHT_GRADIENT_CROSSOVER, density, a::measuredGradientCrossover, events, gemm);
    }

    /**
     * Runs {@code byEvents} or {@code dense} for the input gradient of the convolution {@code g} whose output
     * gradient has the density {@code density} (asked only where the events may run); whether it ran the events.
     * The events run only where they give the GEMM path's bits ({@link EventBackwardData#sameBitsAsGemmPath}), so
     * that every mode trains the same: in "event" mode there always, in "auto" at most {@link #INPUT_GRADIENT_CROSSOVER}.
     */
    boolean inputGradient(ConvGeometry g, DoubleSupplier density, Runnable byEvents, Runnable dense) {
        boolean events = EventBackwardData.sameBitsAsGemmPath(g)
                && (mode == EngineMode.EVENT || density.getAsDouble() <= INPUT_GRADIENT_CROSSOVER);
        (events ? byEvents : dense).run();
        return events;
    }

    /**
     * Always {@code byEvents} in "event" mode; in "auto" as the layer's {@link Crossover} in {@code choices}
     * chooses (made with the {@code initial} crossover on first use), its crossover told to {@code measured}
     * once measured.
     */
    private <R> R choose(Map<Layer, Crossover> choices, Layer layer, double initial, double density, DoubleConsumer measured,
                         Supplier<R> byEvents, Supplier<R> dense) {
        if (mode == EngineMode.EVENT) return byEvents.get();
        Crossover c = choices.computeIfAbsent(layer, k -> new Crossover(initial, Crossover::kernelClock));
        R result = c.run(density, byEvents, dense);
        if (c.measured()) measured.accept(c.density());
        return result;
    }
}
