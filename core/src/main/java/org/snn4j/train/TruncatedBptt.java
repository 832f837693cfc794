package org.snn4j.train;

import java.util.Objects;
import java.util.function.Supplier;
import org.snn4j.engine.StreamStates;
import org.snn4j.loss.Loss;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Pass;
import org.snn4j.tensor.Tensor;

/**
 * Truncated backpropagation through time: a sequence of T steps run in windows of K steps, each window's
 * forward continuing the state the window before left (an explicit state object, {@link StreamStates}, that
 * this runner holds for one batch of sequences and the layers read and write through their
 * {@link org.snn4j.nn.LayerState}), then its loss and its backward, whose gradients stop at the state the
 * window started from. What a window's backward needs is dropped before the next window runs, so training
 * memory grows with K, not with T; with K ≥ T it is one window, full BPTT.
 *
 * <p>The network's stateful layers must continue state in training ({@link org.snn4j.neuron.RecurrentNeuronLayer},
 * {@link org.snn4j.neuron.LeakyIntegrator}; stateless layers such as Linear pass through); its output is per step.
 * Gradients are added into the parameters' gradients; {@code afterWindow} runs after each window's backward
 * (an optimizer step and {@code zeroGrad}, for an update per window, or nothing, to accumulate over the sequence).
 */
public final class TruncatedBptt {
    /** A batch's input for steps [from, to): a slice of a stored sequence, or generated window by window. */
    @FunctionalInterface
    public interface Windows {
        /** {@code [to − from, N, ...]}. */
        Tensor window(int from, int to);
    }

    /** The loss of one window's output (its own steps only, e.g. a {@link org.snn4j.loss.PerStepLoss} on their labels). */
    @FunctionalInterface
    public interface WindowLoss {
        Loss.Result evaluate(Tensor output, int from, int to);
    }

    private final Layer network;
    private final int window;

    /** @param window K ≥ 1, steps per window */
    public TruncatedBptt(Layer network, int window) {
        if (window < 1) throw new IllegalArgumentException("window must be >= 1 step, was " + window);
        this.network = Objects.requireNonNull(network);
        this.window = window;
    }

    /** K. */
    public int window() {
        return window;
    }

    /**
     * Runs one batch of {@code samples} sequences of {@code steps} steps window by window (forward, loss,
     * backward, {@code afterWindow}), every sequence starting at rest.
     *
     * @param contexts a training context per window (the runner attaches the carried state to it)
     * @return the sum of the windows' loss values
     */
    public double run(Windows input, int steps, int samples, WindowLoss loss, Supplier<ForwardContext> contexts,
                      Runnable afterWindow) {
        if (steps < 1 || samples < 1) throw new IllegalArgumentException("steps and samples must be >= 1, were " + steps + ", " + samples);
        StreamStates state = new StreamStates(samples);
        double total = 0;
        for (int from = 0; from < steps; from += window) {
            int to = Math.min(steps, from + window);
            ForwardContext ctx = contexts.get();
            if (!ctx.keepForBackward()) throw new IllegalArgumentException("truncated BPTT needs a context that keeps what backward needs");
            Pass pass = network.forward(input.window(from, to), ctx.with(state));
            Loss.Result result = loss.evaluate(pass.output(), from, to);
            total += result.value();
            pass.backward(result.gradient(), false);
            afterWindow.run();
        }
        return total;
    }
}
