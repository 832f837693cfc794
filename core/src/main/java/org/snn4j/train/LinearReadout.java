package org.snn4j.train;

import java.util.List;
import org.snn4j.loss.Accuracy;
import org.snn4j.loss.Loss;
import org.snn4j.loss.SoftmaxCrossEntropy;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Linear;
import org.snn4j.nn.Pass;
import org.snn4j.optim.Adam;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * A supervised linear classifier on fixed feature vectors (e.g. the frozen features of a network learned without
 * labels): a {@link Linear} with bias trained by {@link Adam} (PyTorch's defaults, no weight decay) on softmax
 * cross-entropy, in shuffled mini-batches. Deterministic for a seed.
 */
public final class LinearReadout {
    private final Linear linear;

    private LinearReadout(Linear linear) {
        this.linear = linear;
    }

    /**
     * Trains a readout.
     *
     * @param features   {@code labels.length × width} values, sample after sample
     * @param width      features per sample
     * @param labels     the class of each sample, in [0, classes)
     * @param epochs     passes over the samples, ≥ 1
     * @param batch      samples per step, ≥ 1
     * @param lr         Adam's learning rate
     * @param seed       the initial weights and the order of the samples
     */
    public static LinearReadout train(float[] features, int width, int[] labels, int classes, int epochs, int batch, double lr, long seed) {
        int n = labels.length;
        if (features.length != (long) n * width) throw new IllegalArgumentException(n + " samples of " + width + " features need "
                + (long) n * width + " values, have " + features.length);
        if (epochs < 1 || batch < 1) throw new IllegalArgumentException("epochs and batch must be >= 1, were " + epochs + ", " + batch);
        Rng rng = new Rng(seed);
        Linear linear = new Linear("readout", width, classes, true, rng.split());
        Adam adam = new Adam(linear.parameters(), 0);
        Loss loss = new SoftmaxCrossEntropy();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int e = 0; e < epochs; e++) {
            rng.shuffle(order);
            for (int from = 0; from < n; from += batch) {
                int b = Math.min(batch, n - from);
                int[] y = new int[b];
                Tensor x = rows(features, width, order, from, b, y, labels);
                Pass pass = linear.forward(x, ForwardContext.training(rng));
                pass.backward(loss.evaluate(pass.output(), y, rng).gradient(), false);
                adam.step(lr);
                linear.parameters().forEach(p -> p.zeroGrad());
            }
        }
        return new LinearReadout(linear);
    }

    /** The fraction of {@code labels.length} samples of {@code features} classified right. */
    public double accuracy(float[] features, int[] labels) {
        int width = linear.inFeatures();
        int n = labels.length;
        if (features.length != (long) n * width) throw new IllegalArgumentException(n + " samples of " + width + " features need "
                + (long) n * width + " values, have " + features.length);
        if (n == 0) return 0;
        Tensor out = linear.forward(new Tensor(features, 1, n, width), ForwardContext.evaluation()).output();
        return (double) Accuracy.correct(out, labels) / n;
    }

    /** The trained layer. */
    public Linear linear() {
        return linear;
    }

    private static Tensor rows(float[] features, int width, int[] order, int from, int b, int[] y, int[] labels) {
        float[] x = new float[b * width];
        for (int i = 0; i < b; i++) {
            System.arraycopy(features, order[from + i] * width, x, i * width, width);
            y[i] = labels[order[from + i]];
        }
        return new Tensor(x, 1, b, width);
    }
}
