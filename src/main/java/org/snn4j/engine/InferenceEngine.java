package org.snn4j.engine;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.kernels.ConvGeometry;
import org.snn4j.kernels.EventKernels;
import org.snn4j.model.Model;
import org.snn4j.nn.Conv2d;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Linear;
import org.snn4j.tensor.Tensor;

/**
 * Runs a model's inference in one of three {@link EngineMode}s. The event modes plug into the model's
 * own forward pass ({@link ForwardContext#withEventExecutor}): every {@link Conv2d} and {@link Linear},
 * at any depth, whose input carries spikes (a spiking layer ran before it, or the input sequence has more
 * than one step, e.g. a Bernoulli code) computes its output with {@link EventKernels} from the non-zero
 * inputs; everything else (neurons, pooling, readout, a held direct input's first layers) runs as usual.
 * The event kernels are bit-identical to the dense ones, so every mode gives the same spike trains and
 * predictions.
 *
 * <p>"auto" samples each input's density (32 images) and runs the dense kernel above the crossover of
 * the layer kind, {@link #CONV_CROSSOVER} or {@link #LINEAR_CROSSOVER}, measured on this machine as
 * docs/BENCHMARKS.md describes.
 *
 * <p>The engine copies the weights into the layouts the event kernels read when it is built: rebuild it
 * after the weights change. One engine serves one thread's passes at a time; it records per-layer
 * {@link LayerActivity} across them.
 */
public final class InferenceEngine implements ForwardContext.EventExecutor {
    /** Input density above which "auto" runs a convolution densely. */
    public static final double CONV_CROSSOVER = 0.30;
    /** Input density above which "auto" runs a linear layer densely. */
    public static final double LINEAR_CROSSOVER = 0.30;
    /** Images (rows) per batch whose non-zero inputs are counted for the density. */
    private static final int DENSITY_SAMPLES = 32;

    private final Model model;
    private final EngineMode mode;
    private final Map<Layer, float[]> transposedWeights = new IdentityHashMap<>();
    private final Map<String, LayerActivity> activity = new LinkedHashMap<>();

    /** An engine for {@code model}; the event modes copy its conv and linear weights now. */
    public InferenceEngine(Model model, EngineMode mode) {
        this.model = model;
        this.mode = mode;
        if (mode == EngineMode.DENSE) return;
        for (Layer l : model.layers()) {
            if (l instanceof Conv2d c) {
                int patch = c.inChannels() * c.kernel() * c.kernel();
                transposedWeights.put(c, EventKernels.transposed(c.outChannels(), patch, c.weight().value().data()));
            } else if (l instanceof Linear f) {
                transposedWeights.put(f, EventKernels.transposed(f.outFeatures(), f.inFeatures(), f.weight().value().data()));
            }
        }
    }

    public Model model() {
        return model;
    }

    public EngineMode mode() {
        return mode;
    }

    /**
     * Runs the model over {@code input} in this engine's mode: the readout {@code [1, N, classes]}.
     *
     * @param ctx an inference context (nothing kept for backward; with one, every layer runs densely)
     */
    public Tensor forward(Tensor input, ForwardContext ctx) {
        return model.forward(input, mode == EngineMode.DENSE ? ctx : ctx.withEventExecutor(this)).output();
    }

    /** Per conv and linear layer that ran fed by spikes, by name in the order they first ran. */
    public Map<String, LayerActivity> activity() {
        return Collections.unmodifiableMap(activity);
    }

    @Override
    public boolean forward(Layer layer, Tensor input, Tensor output, boolean afterSpikingLayer) {
        float[] weight = transposedWeights.get(layer);
        if (weight == null || (input.dim(0) == 1 && !afterSpikingLayer)) return false;
        int images = input.dim(0) * input.dim(1);
        double density = EventKernels.density(input.data(), images, input.sizeFrom(2), DENSITY_SAMPLES);
        boolean conv = layer instanceof Conv2d;
        boolean byEvents = mode == EngineMode.EVENT || density <= (conv ? CONV_CROSSOVER : LINEAR_CROSSOVER);
        long ops = 0;
        if (byEvents && layer instanceof Conv2d c) {
            ConvGeometry g = new ConvGeometry(images, c.inChannels(), input.dim(3), input.dim(4), c.outChannels(),
                    c.kernel(), c.kernel(), c.stride(), c.stride(), c.padding(), c.padding());
            ops = EventKernels.convForward(g, input.data(), weight, c.hasBias() ? c.bias().value().data() : null, output.data());
        } else if (byEvents && layer instanceof Linear f) {
            ops = EventKernels.linearForward(images, f.inFeatures(), f.outFeatures(), input.data(), weight,
                    f.bias() == null ? null : f.bias().value().data(), output.data());
        }
        activity.computeIfAbsent(layer.name(), k -> new LayerActivity()).record(byEvents, density, input.dim(1), ops);
        return byEvents;
    }
}
