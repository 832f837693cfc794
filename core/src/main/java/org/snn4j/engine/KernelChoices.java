package org.snn4j.engine;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import org.snn4j.nn.Conv2d;
import org.snn4j.nn.Layer;

/**
 * An {@link Executor}'s choices between an event kernel and a dense one, per layer: a weighted layer's
 * forward, a fused block's (by its convolution) and a convolution's weight gradient. "event" mode always
 * takes the events; "auto" takes them as each one's own {@link Crossover} measures, except the weight
 * gradient, which by default follows the fixed {@link Executor#WEIGHT_GRADIENT_CROSSOVER} so that training
 * stays reproducible bit for bit ({@link Executor#withMeasuredWeightGradient}).
 */
final class KernelChoices {
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
