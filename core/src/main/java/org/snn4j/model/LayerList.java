package org.snn4j.model;

import java.util.ArrayList;
import java.util.List;

/** A small fluent builder of spec layer lists, used by the presets. */
final class LayerList {
    private final List<LayerSpec> layers = new ArrayList<>();

    List<LayerSpec> entries() {
        return List.copyOf(layers);
    }

    private LayerList add(LayerSpec entry) {
        layers.add(entry);
        return this;
    }

    LayerList conv(int out, int kernel, int stride, int padding) {
        return add(new LayerSpec.Conv(out, kernel, stride, padding));
    }

    /** A conv with weights drawn from N(0, std²). */
    LayerList conv(int out, int kernel, int stride, int padding, double std) {
        return add(new LayerSpec.Conv(out, kernel, stride, padding, null, std));
    }

    /** A linear layer with weights drawn from N(0, std²). */
    LayerList linear(int out, double std) {
        return add(new LayerSpec.Linear(out, null, std));
    }

    LayerList conv3(int out) {
        return conv(out, 3, 1, 1);
    }

    LayerList linear(int out) {
        return add(new LayerSpec.Linear(out));
    }

    LayerList avgpool(int kernel) {
        return add(new LayerSpec.AvgPool(kernel, null, null));
    }

    LayerList avgpool(int kernel, int stride) {
        return add(new LayerSpec.AvgPool(kernel, stride, null));
    }

    LayerList maxpool(int kernel) {
        return add(new LayerSpec.MaxPool(kernel, null, null));
    }

    /** Average over the whole remaining spatial extent (kernel = input height and width). */
    LayerList globalAvgPool() {
        return add(new LayerSpec.GlobalAvgPool());
    }

    LayerList batchnorm() {
        return add(new LayerSpec.BatchNorm(null, null));
    }

    /** The normalisation {@code o} asks for after a conv (nothing, a batch norm, or tdBN with α = 1). */
    LayerList norm(Presets.Options o) {
        return norm(o, 1);
    }

    /** As {@link #norm(Presets.Options)}, with tdBN's α given (a plain batch norm has none). */
    LayerList norm(Presets.Options o, double alpha) {
        return switch (o.norm()) {
            case NONE -> this;
            case BATCH -> batchnorm();
            case TDBN -> add(new LayerSpec.BatchNorm(null, null, alpha));
        };
    }

    /** After a hidden linear layer: tdBN when {@code o} asks for it (the plain batch norm of ANN training goes after convs only). */
    LayerList hiddenNorm(Presets.Options o) {
        return o.norm() == Presets.Norm.TDBN ? norm(o) : this;
    }

    LayerList dropout(double p) {
        return p > 0 ? add(new LayerSpec.Dropout(p)) : this;
    }

    LayerList flatten() {
        return add(new LayerSpec.Flatten());
    }

    LayerList spike() {
        return add(new LayerSpec.Spike());
    }

    /** A spike layer with neuron overrides. */
    LayerList spike(NeuronSettings overrides) {
        return add(new LayerSpec.Spike(overrides));
    }

    LayerList readout() {
        return add(new LayerSpec.Readout(null));
    }

    LayerList readout(float leak) {
        return add(new LayerSpec.Readout(leak));
    }

    /** A backward residual block: {@code body} traversed {@code passes} times with shared weights. */
    LayerList backres(int passes, LayerList body) {
        return add(new LayerSpec.BackRes(passes, body.layers));
    }

    /** Appends every entry of {@code other}. */
    LayerList append(LayerList other) {
        layers.addAll(other.layers);
        return this;
    }

    LayerList residual(LayerList branch, LayerList shortcut) {
        return add(new LayerSpec.Residual(branch.layers, shortcut == null ? null : shortcut.layers, null));
    }

    /** A {@code recurrent} entry (stepped neurons with recurrence). */
    LayerList recurrent(LayerSpec.Recurrent entry) {
        return add(entry);
    }

    /** A leaky integrator readout with leak α, the output at every step. */
    LayerList integrator(float leak) {
        return add(new LayerSpec.Integrator(leak, null));
    }

    /** A readout over time ({@code sum}, {@code mean}, {@code max} or {@code last}). */
    LayerList reduce(String mode) {
        return add(new LayerSpec.Reduce(mode));
    }
}
