package org.snn4j.stdp;

import java.util.ArrayList;
import java.util.List;
import org.snn4j.data.Dataset;
import org.snn4j.tensor.Rng;

/**
 * Kheradpisheh et al. 2018's convolutional network learned by STDP, layer by layer: images become first-spike
 * times ({@link FirstSpikeCoding}), then each stage is a {@link ConvStdpLayer} followed by
 * first-spike max pooling. {@link #trainLayer} learns one stage with those before it frozen; {@link #features} is the
 * last stage's pooled output as readout features ({@link SpikeMap#earliness}), e.g. for a linear classifier trained
 * by gradient descent on the frozen network.
 */
public final class ConvStdpNetwork {
    /** A layer and the pooling window after it. */
    public record Stage(ConvStdpLayer layer, int pool) {}

    /** What a layer's training did: samples seen and the winners they had, in all. */
    public record Training(int samples, long winners, double seconds) {}

    private final FirstSpikeCoding coding;
    private final List<Stage> stages;

    /**
     * @param coding the input coding
     * @param stages the layers in order; the first takes the coding's channels, each later one the maps of the one
     *               before
     */
    public ConvStdpNetwork(FirstSpikeCoding coding, List<Stage> stages) {
        if (stages.isEmpty()) throw new IllegalArgumentException("a network needs at least one stage");
        int c = coding.channels();
        for (Stage s : stages) {
            if (s.layer().inChannels() != c) throw new IllegalArgumentException("a layer takes " + s.layer().inChannels() + " channels, gets " + c);
            c = s.layer().maps();
        }
        this.coding = coding;
        this.stages = List.copyOf(stages);
        featureSize();
    }

    /**
     * A network of stages with {@code maps[i]} maps, a {@code kernel × kernel} kernel, threshold
     * {@code thresholds[i]} and pooling {@code pool} each; initial weights from {@code seed}.
     */
    public static ConvStdpNetwork of(FirstSpikeCoding coding, int[] maps, int kernel, float[] thresholds, int pool, long seed) {
        if (maps.length != thresholds.length) throw new IllegalArgumentException(maps.length + " layers, " + thresholds.length + " thresholds");
        Rng rng = new Rng(seed);
        List<Stage> stages = new ArrayList<>();
        int c = coding.channels();
        for (int i = 0; i < maps.length; i++) {
            stages.add(new Stage(new ConvStdpLayer(c, maps[i], kernel, thresholds[i], rng.split()), pool));
            c = maps[i];
        }
        return new ConvStdpNetwork(coding, stages);
    }

    /** The first-spike times of an image. */
    public SpikeMap encode(float[] image) {
        return coding.encode(image);
    }

    /** {@code input} through the first {@code count} stages (each fired and pooled). */
    public SpikeMap featureMap(SpikeMap input, int count) {
        SpikeMap m = input;
        for (int i = 0; i < count; i++) m = stages.get(i).layer().fire(m, coding.steps()).spikes().pool(stages.get(i).pool());
        return m;
    }

    /**
     * Learns stage {@code index} on the first {@code samples} images of {@code data} taken in an order that
     * {@code order} shuffles, with the stages before it frozen; later stages are not touched.
     */
    public Training trainLayer(int index, Dataset data, int samples, ConvStdpLearning learning, Rng order) {
        if (index < 0 || index >= stages.size()) throw new IllegalArgumentException("no stage " + index + " of " + stages.size());
        int n = Math.min(samples, data.size());
        int[] idx = new int[data.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        order.shuffle(idx);
        ConvStdpLayer layer = stages.get(index).layer();
        long t0 = System.nanoTime();
        long winners = 0;
        for (int s = 0; s < n; s++) {
            SpikeMap in = featureMap(encode(data.sample(idx[s])), index);
            ConvStdpLayer.Response r = layer.fire(in, coding.steps());
            winners += layer.learn(in, r, learning.ruleAt(s), learning.winners(), learning.radius()).length;
        }
        return new Training(n, winners, (System.nanoTime() - t0) / 1e9);
    }

    /** The readout features of an image: the last stage's pooled spike times as earliness, {@link #featureSize()} values. */
    public float[] features(float[] image) {
        return featureMap(encode(image), stages.size()).earliness(coding.steps());
    }

    /** The number of features per image. */
    public int featureSize() {
        int[] shape = coding.shape();
        int c = stages.get(0).layer().inChannels();
        return featureMap(new SpikeMap(c, shape[1], shape[2], new int[c * shape[1] * shape[2]]), stages.size()).times().length;
    }

    public List<Stage> stages() {
        return stages;
    }

    public int steps() {
        return coding.steps();
    }

    public FirstSpikeCoding coding() {
        return coding;
    }
}
