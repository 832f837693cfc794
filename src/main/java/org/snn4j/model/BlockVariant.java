package org.snn4j.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Residual-block restructurings (the RB of TTRBR; the paper's exact change is not available, these are
 * the candidates of shared/papers.md §3.3 [INF]). In the standard block the output neuron integrates
 * the sum of the branch's analog current and the shortcut, a mix with a larger spread over time than
 * either, which is what drives deviation error. The variants make the summands spike trains first:
 * <ul>
 *   <li>{@code spiking-shortcut}: a spiking layer ends the shortcut path (for an identity shortcut it
 *       re-codes the incoming spikes with a threshold of its own; in the ANN twin a ReLU, which leaves an
 *       identity shortcut of non-negative activations unchanged);</li>
 *   <li>{@code spiking-branch}: a spiking layer ends the residual branch, so the output neuron adds two
 *       spike trains (in the ANN twin a ReLU before the addition, a different function: train with it).</li>
 * </ul>
 * Converted networks then tune one more threshold per block. {@code convert --errors} reports the
 * deviation error of each block's output neuron ({@code resK.out}) to compare the variants.
 */
public enum BlockVariant {
    STANDARD("standard"),
    SPIKING_SHORTCUT("spiking-shortcut"),
    SPIKING_BRANCH("spiking-branch");

    private final String id;

    BlockVariant(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The variant named {@code id}. */
    public static BlockVariant byId(String id) {
        for (BlockVariant v : values()) if (v.id.equals(id)) return v;
        throw new SpecException("unknown block variant '" + id + "' (valid: "
                + Arrays.stream(values()).map(BlockVariant::id).collect(Collectors.joining(", ")) + ")");
    }

    /** {@code spec} with every residual block (at any depth of the layer list) restructured. */
    public ModelSpec apply(ModelSpec spec) {
        if (this == STANDARD) return spec;
        JsonObject json = spec.json();
        restructure(json.getAsJsonArray("layers"));
        return ModelSpec.of(json, spec.name());
    }

    private void restructure(JsonArray layers) {
        for (JsonElement e : layers) {
            JsonObject o = e.getAsJsonObject();
            if (!"residual".equals(o.get("type").getAsString())) continue;
            String path = this == SPIKING_SHORTCUT ? "shortcut" : "branch";
            JsonArray list = o.has(path) ? o.getAsJsonArray(path) : new JsonArray();
            JsonObject spike = new JsonObject();
            spike.addProperty("type", "spike");
            list.add(spike);
            o.add(path, list);
            restructure(o.getAsJsonArray("branch"));  // blocks nested in a branch
        }
    }
}
