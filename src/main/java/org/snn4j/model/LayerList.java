package org.snn4j.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** A small fluent writer of spec layer lists, used by the presets. */
final class LayerList {
    private final JsonArray layers = new JsonArray();

    JsonArray json() {
        return layers;
    }

    private LayerList add(String type, Object... keyValues) {
        JsonObject o = new JsonObject();
        o.addProperty("type", type);
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            String k = (String) keyValues[i];
            if (v instanceof Number n) o.addProperty(k, n);
            else if (v instanceof Boolean b) o.addProperty(k, b);
            else if (v instanceof String s) o.addProperty(k, s);
            else if (v instanceof JsonObject j) o.add(k, j);
            else if (v instanceof LayerList l) o.add(k, l.layers);
            else throw new IllegalArgumentException("unsupported spec value " + v);
        }
        layers.add(o);
        return this;
    }

    LayerList conv(int out, int kernel, int stride, int padding) {
        return add("conv", "out", out, "kernel", kernel, "stride", stride, "padding", padding);
    }

    LayerList conv3(int out) {
        return conv(out, 3, 1, 1);
    }

    LayerList linear(int out) {
        return add("linear", "out", out);
    }

    LayerList avgpool(int kernel) {
        return add("avgpool", "kernel", kernel);
    }

    LayerList avgpool(int kernel, int stride) {
        return add("avgpool", "kernel", kernel, "stride", stride);
    }

    /** Average over the whole remaining spatial extent (kernel = input height and width). */
    LayerList globalAvgPool() {
        return add("globalavgpool");
    }

    LayerList batchnorm() {
        return add("batchnorm");
    }

    LayerList dropout(double p) {
        return p > 0 ? add("dropout", "p", p) : this;
    }

    LayerList flatten() {
        return add("flatten");
    }

    LayerList spike() {
        return add("spike");
    }

    /** A spike layer with neuron overrides given as key/value pairs. */
    LayerList spike(Object... overrides) {
        return add("spike", overrides);
    }

    LayerList readout() {
        return add("readout");
    }

    LayerList readout(double leak) {
        return add("readout", "leak", leak);
    }

    /** A backward residual block: {@code body} traversed {@code passes} times with shared weights. */
    LayerList backres(int passes, LayerList body) {
        return add("backres", "passes", passes, "body", body);
    }

    /** Appends every entry of {@code other}. */
    LayerList append(LayerList other) {
        other.layers.forEach(e -> layers.add(e.deepCopy()));
        return this;
    }

    LayerList residual(LayerList branch, LayerList shortcut) {
        return shortcut == null ? add("residual", "branch", branch) : add("residual", "branch", branch, "shortcut", shortcut);
    }
}
