package org.snn4j.convert;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.engine.Executor;
import org.snn4j.Snn4jException;
import org.snn4j.data.DataLoader;
import org.snn4j.data.Dataset;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.nn.ActivationObserver;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Tensor;
import org.snn4j.tensor.Workspace;

/**
 * The activations of an ANN's spiking-layer positions (the activation layers its spec's {@code spike}
 * entries become: ReLU, clip or QCFS) over a calibration set: per layer and per channel (the activation's
 * dimension 2: conv channels, or the features of a linear layer), the distribution of the non-zero values,
 * from which the converter takes the maximum or a percentile (Rueckauer et al. 2017; per channel as in
 * Kim et al.'s channel-wise normalization).
 *
 * <p>The statistics of parts of the calibration set ({@link #measureBatches}, on other machines say) {@link #merge}
 * into exactly those of the whole: the histograms' bins are fixed, so their counts add and maxima compare
 * (percentiles keep the histograms' stated resolution, the same for the parts as for the whole).
 */
public final class ActivationStatistics implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, ActivationHistogram> byLayer;
    private final Map<String, ActivationHistogram[]> byChannel;

    private ActivationStatistics(Map<String, ActivationHistogram> byLayer, Map<String, ActivationHistogram[]> byChannel) {
        this.byLayer = byLayer;
        this.byChannel = byChannel;
    }

    /**
     * Runs {@code ann} in evaluation mode over the first {@code samples} images of {@code calibration}.
     *
     * @throws Snn4jException when the model is not an ANN, or the calibration images do not have the
     *                        model's input shape
     */
    public static ActivationStatistics measure(Model ann, Dataset calibration, int samples, int batch) {
        return measureBatches(ann, calibration, samples, batch, 0, Integer.MAX_VALUE);
    }

    /**
     * As {@link #measure}, over batches {@code [fromBatch, toBatch)} (of {@code batch} images, in data order) of the
     * first {@code samples} images only; {@code toBatch} is capped at the last batch.
     *
     * @throws Snn4jException as {@link #measure}
     */
    public static ActivationStatistics measureBatches(Model ann, Dataset calibration, int samples, int batch, int fromBatch,
                                                      int toBatch) {
        if (ann.mode() != ModelBuilder.Mode.ANN) throw new Snn4jException("activation statistics need the ANN (train it with --ann)");
        int[] expected = ann.spec().inputShape();
        if (!java.util.Arrays.equals(expected, calibration.sampleShape())) {
            throw new Snn4jException("calibration set " + calibration.name() + " has images of shape "
                    + java.util.Arrays.toString(calibration.sampleShape()) + ", the model takes " + java.util.Arrays.toString(expected));
        }
        if (samples < 1) throw new Snn4jException("calibration samples must be >= 1, was " + samples);
        Dataset subset = calibration.size() > samples ? calibration.subset(samples) : calibration;
        Map<String, ActivationHistogram> hist = new LinkedHashMap<>();
        Map<String, ActivationHistogram[]> channels = new LinkedHashMap<>();
        Workspace workspace = new Workspace();
        Executor executor = Executor.dense(ann);
        try (DataLoader loader = DataLoader.over(subset).batchSize(batch).shuffle(false).prefetch(1).seed(0).build()) {
            int end = Math.min(toBatch, loader.batchesPerEpoch());
            if (fromBatch < end) {
                try (DataLoader.Epoch epoch = loader.epoch(0, fromBatch)) {
                    for (int i = fromBatch; i < end; i++) {
                        DataLoader.Batch b = epoch.next();
                        ForwardContext ctx = ForwardContext.evaluation().withWorkspace(workspace)
                                .with((ActivationObserver) (layer, in, out) -> {
                                    hist.computeIfAbsent(layer, k -> new ActivationHistogram(ActivationHistogram.FINE)).add(out.data());
                                    addByChannel(channels.computeIfAbsent(layer, k -> coarse(out.dim(2))), out);
                                });
                        executor.forward(AnnActivations.held(b.images()), ctx);
                        workspace.recycle();
                    }
                }
            }
        }
        return new ActivationStatistics(hist, channels);
    }

    /**
     * Adds the activations {@code other} counted (of another part of the calibration set, through the same
     * network) to these; returns these. Layers keep the order they were first seen in.
     */
    public ActivationStatistics merge(ActivationStatistics other) {
        other.byLayer.forEach((layer, h) -> byLayer.computeIfAbsent(layer, k -> new ActivationHistogram(ActivationHistogram.FINE)).add(h));
        other.byChannel.forEach((layer, hs) -> {
            ActivationHistogram[] mine = byChannel.computeIfAbsent(layer, k -> coarse(hs.length));
            for (int c = 0; c < hs.length; c++) mine[c].add(hs[c]);
        });
        return this;
    }

    private static ActivationHistogram[] coarse(int channels) {
        ActivationHistogram[] h = new ActivationHistogram[channels];
        for (int c = 0; c < channels; c++) h[c] = new ActivationHistogram(ActivationHistogram.COARSE);
        return h;
    }

    /** {@code out} is {@code [1, N, C, ...]}: each channel's run of values goes to its histogram. */
    private static void addByChannel(ActivationHistogram[] h, Tensor out) {
        int inner = out.sizeFrom(3);
        for (int from = 0, c = 0; from < out.size(); from += inner, c = (c + 1) % h.length) h[c].add(out.data(), from, from + inner);
    }

    /** Layer names in the order the network runs them. */
    public java.util.Set<String> layers() {
        return java.util.Collections.unmodifiableSet(byLayer.keySet());
    }

    /** The {@code p}-th percentile (100 = maximum) of the layer's non-zero activations; 0 if it never fired. */
    public float percentile(String layer, double p) {
        ActivationHistogram h = byLayer.get(layer);
        if (h == null) throw new Snn4jException("no activations recorded for layer " + layer);
        return h.percentile(p);
    }

    /** The {@code p}-th percentile of each channel's non-zero activations (within 4.4 %; the maximum exactly); 0 where none fired. */
    public float[] channelPercentiles(String layer, double p) {
        ActivationHistogram[] h = byChannel.get(layer);
        if (h == null) throw new Snn4jException("no activations recorded for layer " + layer);
        float[] r = new float[h.length];
        for (int c = 0; c < h.length; c++) r[c] = h[c].percentile(p);
        return r;
    }

    /** Fraction of the layer's activations that were zero. */
    public double zeroFraction(String layer) {
        return byLayer.get(layer).zeroFraction();
    }
}
