package org.snn4j.engine;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.snn4j.kernels.ConvGeometry;
import org.snn4j.kernels.EventKernels;
import org.snn4j.kernels.Parallel;
import org.snn4j.neuron.NeuronLayer;
import org.snn4j.neuron.SampleFiring;
import org.snn4j.nn.Conv2d;
import org.snn4j.nn.EarliestFailure;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.NumericalException;
import org.snn4j.nn.Pass;
import org.snn4j.nn.Pool2d;
import org.snn4j.tensor.Tensor;

/**
 * A convolution fed by spikes, the spiking layer after it and, when one follows, a pooling layer, run by
 * the event engine one sample at a time, a chunk of steps at a time ({@link SampleFiring#chunk}): the
 * chunk's convolution outputs (event kernels, {@link EventKernels#convSample}), its spike maps and their
 * pooled maps ({@link SampleFiring}) stay in the cache of the thread that computes them, and only the
 * block's output reaches memory. Run layer by layer, the convolution's output is written, scanned for NaN
 * and read by the neurons in full.
 *
 * <p>The same kernels run on the same numbers (per sample instead of per batch), so the output, the spike
 * count recorded for the spiking layer and the synaptic operations are bit for bit those of the layers
 * run one by one; a non-finite output of the convolution or the pooling throws the same
 * {@link NumericalException}, naming the layer and the element's index in the unfused tensor.
 */
record FusedBlock(Conv2d conv, NeuronLayer neurons, Pool2d<?> pool) {
    /**
     * The block that starts at {@code chain[at]}, or null when the layers there are not a convolution and a
     * spiking layer; a pass runs it only where {@link #fusesIn} holds.
     */
    static FusedBlock at(List<Layer> chain, int at) {
        if (at + 1 >= chain.size() || !(chain.get(at) instanceof Conv2d conv) || !(chain.get(at + 1) instanceof NeuronLayer neurons)) {
            return null;
        }
        Pool2d<?> pool = at + 2 < chain.size() && chain.get(at + 2) instanceof Pool2d<?> p ? p : null;
        return new FusedBlock(conv, neurons, pool);
    }

    /** Whether the block may run fused in {@code ctx}: its spiking layer fires plainly there ({@link NeuronLayer#firesPlainly}). */
    boolean fusesIn(ForwardContext ctx) {
        return neurons.firesPlainly(ctx);
    }

    /** Layers of the chain this block covers. */
    int layers() {
        return pool == null ? 2 : 3;
    }

    /**
     * Runs the block on {@code input} ({@code [T, N, C, H, W]}, T = the pass's steps) with the convolution's
     * channel-last weights; records the spikes and the convolution's operations in {@code ctx}.
     *
     * @return the output and the synaptic operations of the event convolution
     */
    Result run(Tensor input, float[] weightChannelLast, ForwardContext ctx) {
        int steps = input.dim(0), samples = input.dim(1);
        int[] convShape = conv.outputShape(input.shapeFrom(2));
        int[] outShape = pool == null ? convShape : pool.outputShape(convShape);
        int convSize = convShape[0] * convShape[1] * convShape[2];
        ConvGeometry g = conv.geometry(input);
        float[] x = input.data(), bias = conv.hasBias() ? conv.bias().value().data() : null;
        Tensor output = ctx.empty(Tensor.concat(new int[] {steps, samples}, outShape));
        conv.countOps(input, ctx);
        LongAdder spikes = new LongAdder(), ops = new LongAdder();
        EarliestFailure failure = new EarliestFailure();    // the convolution's output is checked before the pooled spikes
        Parallel.forPieces(samples, 1, () -> {
            SampleFiring firing = new SampleFiring(neurons, pool, steps, convShape, false);
            float[] current = firing.newCurrent();
            return (from, to) -> {
                for (int n = from; n < to; n++) {
                    int stage = 0;
                    try {
                        for (int t0 = 0; t0 < steps; t0 += firing.chunk()) {
                            int t1 = t0 + firing.chunk();
                            ops.add(EventKernels.convSample(g, steps, n, t0, t1, x, weightChannelLast, bias, current));
                            stage = 0;
                            SampleFiring.requireFinite(conv, current, t1 - t0, convSize, t0, n, samples);
                            stage = 1;
                            spikes.add(firing.run(current, t0, t1, n, samples, output.data()));
                        }
                    } catch (NumericalException e) {
                        failure.offer(stage, e);
                    }
                }
            };
        });
        failure.throwIfAny();
        ctx.listeners().spikes(neurons.name(), spikes.sum(), convSize, steps, samples);
        return new Result(output, ops.sum());
    }

    /**
     * The same layers run one by one in {@code ctx} (the dense convolution, then the neurons and the
     * pooling, the way a dense plan runs those two); its output.
     */
    Tensor runLayered(Tensor input, ForwardContext ctx) {
        Tensor current = conv.forward(input, ctx).output();
        Pass fused = pool == null ? null : neurons.forwardThenPool(current, pool, ctx);
        Tensor out = fused == null ? null : fused.output();
        if (out == null) {
            Tensor spikes = neurons.forward(current, ctx).output();
            out = pool == null ? spikes : pool.forward(spikes, ctx).output();
            if (out != spikes) ctx.release(spikes);
        }
        ctx.release(current);
        return out;
    }

    /** The block's output and the synaptic operations its convolution performed. */
    record Result(Tensor output, long synapticOps) {}
}
