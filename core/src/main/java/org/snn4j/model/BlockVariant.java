package org.snn4j.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        return this == STANDARD ? spec : spec.withLayers(restructure(spec.layers()));
    }

    private List<LayerSpec> restructure(List<LayerSpec> layers) {
        List<LayerSpec> out = new ArrayList<>();
        for (LayerSpec e : layers) {
            if (e instanceof LayerSpec.Residual r) {
                List<LayerSpec> branch = restructure(r.branch());  // blocks nested in a branch
                if (this == SPIKING_SHORTCUT) {
                    e = r.withBranch(branch).withShortcut(withSpike(r.shortcut()));
                } else {
                    e = r.withBranch(withSpike(branch));
                }
            }
            out.add(e);
        }
        return out;
    }

    private static List<LayerSpec> withSpike(List<LayerSpec> path) {
        List<LayerSpec> l = new ArrayList<>(path == null ? List.of() : path);
        l.add(new LayerSpec.Spike());
        return l;
    }
}
