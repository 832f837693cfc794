package org.snn4j.neuron;

import org.snn4j.kernels.NeuronLoops;
import org.snn4j.kernels.NeuronSpec;
import org.snn4j.kernels.Parallel;
import org.snn4j.kernels.Reductions;
import org.snn4j.nn.EarliestFailure;
import org.snn4j.nn.Finite;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.NumericalException;
import org.snn4j.nn.Pass;
import org.snn4j.nn.Pool2d;
import org.snn4j.tensor.Sequence;
import org.snn4j.tensor.Tensor;

/**
 * A training pass through a plain {@link NeuronLayer} and the average pooling after it, one sample at a time:
 * neither the spike trains nor their gradient is ever written for the whole batch. Run layer by layer, the
 * spikes ({@code [T, N, C, H, W]}) are written by the neurons and read by the pooling, and in backward the
 * pooling writes a gradient of the same size that the neurons read: for W1 at batch 64 and T = 8, 4 × 51 MB
 * for the first spiking layer and 4 × 26 MB for the second, held until the step ends. Here the forward is
 * {@link NeuronLayer#firePooled} (the inference path), and the backward, per sample and tile of whole channels
 * ({@link #channelsPerTile}), spreads the pooled gradient over the tile's windows in a thread's scratch array,
 * applies the spike amplitude and the spike loss's gradient as the layer does, and runs the same reverse loop
 * over the tile's neurons (recomputing the membrane from the input current, as the layer's own backward does),
 * reading the tile's input current and writing its input gradient in place ({@link NeuronLoops#bpttReverseTile}:
 * copying them into the tile's arrays and back cost W1's second layer, whose current has T steps, as much as the
 * reverse loop). The tile's scratch arrays stay in cache from one of these passes to the next; whole samples (W1's
 * first layer: 8 × 25,088 floats, 0.8 MB, each) went to memory and back between them. Every neuron's arithmetic is
 * the layer's own, in the same order, so outputs and gradients are bit for bit those of the two layers run
 * one after the other ({@code PooledTrainingTest}). Each tile's input gradient is scanned for NaN and infinity
 * while it is in cache, and the caller's scan of the whole gradient skipped ({@link Finite#scannedByProducer}):
 * it read 8 M floats per W1 step back from memory.
 */
final class PooledTraining {
    /**
     * Neurons per tile of the backward ({@link #channelsPerTile}): at T = 8, the spread gradient (8 × 2,048 floats),
     * the tile's current and its gradient, 192 KB, within a Zen 3 core's 512 KB L2.
     */
    static final int TILE_NEURONS = 2048;

    private PooledTraining() {}

    /** The pass of {@code neurons} then {@code pool} (average pooling) on {@code input}, {@code [T or 1, N, C, H, W]}. */
    static Pass forward(NeuronLayer neurons, Tensor input, Pool2d<?> pool, ForwardContext ctx) {
        NeuronSpec spec = neurons.spec();
        Tensor output = neurons.firePooled(input, pool, ctx);
        Sequence sequence = ctx.sequence(input);
        boolean held = sequence.held();
        int steps = sequence.steps(), samples = sequence.samples(), size = sequence.perSample();
        int[] image = input.shapeFrom(2);
        int outSize = output.sizeFrom(2);
        float amplitude = neurons.config().amplitude();
        return Pass.of(neurons.name(), output, (gradOutput, needInputGrad) -> {
            if (!needInputGrad) return null;   // no parameters: nothing else to compute
            float penalty = ctx.listeners().spikeLossGradient(neurons.name());
            boolean shift = amplitude != 1f || penalty != 0f;
            Tensor gradInput = ctx.empty(input.shape());
            float[] x = input.data(), gy = gradOutput.data(), gx = gradInput.data();
            int currentSteps = held ? 1 : steps;
            int channels = image[0], plane = image[1] * image[2], outPlane = outSize / channels;
            int group = channelsPerTile(channels, plane), tile = group * plane, outTile = group * outPlane;
            // the first NaN or infinity of gx in its order, if any (tiles scan their part while it is in cache)
            EarliestFailure failure = new EarliestFailure();
            Parallel.forPieces(samples, 1, () -> {
                float[] pooledGrad = new float[steps * outTile], gradSpikes = new float[steps * tile];
                return (from, to) -> {
                    for (int n = from; n < to; n++) {
                        for (int c0 = 0; c0 < channels; c0 += group) {
                            int in = n * size + c0 * plane, out = n * outSize + c0 * outPlane;
                            for (int t = 0; t < steps; t++) {
                                System.arraycopy(gy, t * samples * outSize + out, pooledGrad, t * outTile, outTile);
                            }
                            pool.backwardPlanes(pooledGrad, steps * group, image[1], image[2], gradSpikes);
                            // as Drive.Uniform.scale(gradient, penalty, ·) in the layer's backward
                            if (shift) {
                                for (int i = 0; i < gradSpikes.length; i++) gradSpikes[i] = amplitude * gradSpikes[i] + penalty;
                            }
                            // the tile's current read and its gradient written where they are, [T, samples · size] at column in
                            NeuronLoops.bpttReverseTile(spec, x, gradSpikes, gx, in, samples * size, steps, tile, held);
                            for (int t = 0; t < currentSteps; t++) {
                                int bad = Reductions.firstNonFinite(gx, t * samples * size + in, tile);
                                if (bad < 0) continue;
                                int at = t * samples * size + in + bad;
                                failure.offer(0, new NumericalException(neurons.name(), "input gradient", at, gx[at]));
                                break;
                            }
                        }
                    }
                };
            });
            failure.throwIfAny();
            Finite.scannedByProducer(gx);
            return gradInput;
        });
    }

    /**
     * Channels per tile of the backward: the largest divisor of {@code channels} whose tile holds at most
     * {@link #TILE_NEURONS} neurons (at least one channel), so that the tile's T steps of spike gradient, input
     * current and current gradient stay in the core's L2 cache between the pooling's backward, the reverse loop and
     * the scan.
     */
    static int channelsPerTile(int channels, int plane) {
        int best = 1;
        for (int g = 2; g <= channels; g++) if (channels % g == 0 && (long) g * plane <= TILE_NEURONS) best = g;
        return best;
    }
}
