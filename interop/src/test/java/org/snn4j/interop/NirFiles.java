package org.snn4j.interop;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** NIR files as another tool would write them, for tests and the fuzz target's hand-made seeds. */
final class NirFiles {
    private NirFiles() {}

    /** A NIR file at {@code file}: Input, the nodes {@code middle} writes, Output, chained in the order {@code chain} names them. */
    static Path handWritten(Path file, long[] inputShape, long[] outputShape, Consumer<WritableGroup> middle, String... chain) {
        List<String> names = new ArrayList<>(List.of("input"));
        names.addAll(List.of(chain));
        names.add("output");
        String[][] edges = new String[names.size() - 1][];
        for (int i = 0; i < edges.length; i++) edges[i] = new String[] {names.get(i), names.get(i + 1)};
        return graph(file, inputShape, outputShape, middle, edges);
    }

    /** A NIR file at {@code file}: nodes {@code input} and {@code output} of the given shapes, those {@code middle} writes, {@code edges}. */
    static Path graph(Path file, long[] inputShape, long[] outputShape, Consumer<WritableGroup> middle, String[][] edges) {
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putDataset("version", "1.0.0");
            WritableGroup graph = h5.putGroup("node");
            graph.putDataset("type", "NIRGraph");
            WritableGroup nodes = graph.putGroup("nodes");
            WritableGroup input = nodes.putGroup("input");
            input.putDataset("type", "Input");
            input.putDataset("shape", inputShape);
            middle.accept(nodes);
            WritableGroup output = nodes.putGroup("output");
            output.putDataset("type", "Output");
            output.putDataset("shape", outputShape);
            graph.putDataset("edges", edges);
        }
        return file;
    }

    /** A graph Input [1, 4, 4] → Conv2d (2 filters of 3×3, stride {@code stride}) → Flatten → LIF → Output. */
    static Path conv(Path file, float stride) {
        return handWritten(file, new long[] {1, 4, 4}, new long[] {8}, nodes -> {
            WritableGroup conv = nodes.putGroup("conv");
            conv.putDataset("type", "Conv2d");
            conv.putDataset("weight", new float[2][1][3][3]);
            conv.putDataset("bias", new float[] {0, 0});
            conv.putDataset("stride", new float[] {stride, stride});
            conv.putDataset("padding", new float[] {0, 0});
            nodes.putGroup("flat").putDataset("type", "Flatten");
            lif(nodes, "lif", 8, 1f);
        }, "conv", "flat", "lif");
    }

    /** A graph Input [1, 4, 4] → AvgPool2d (kernel 2, stride {@code stride}) → Flatten → Output. */
    static Path avgPool(Path file, float kernel, float stride) {
        return handWritten(file, new long[] {1, 4, 4}, new long[] {4}, nodes -> {
            WritableGroup pool = nodes.putGroup("pool");
            pool.putDataset("type", "AvgPool2d");
            pool.putDataset("kernel_size", new float[] {kernel, kernel});
            pool.putDataset("stride", new float[] {stride, stride});
            pool.putDataset("padding", new float[] {0, 0});
            nodes.putGroup("flat").putDataset("type", "Flatten");
        }, "pool", "flat");
    }

    /** A graph Input {@code shape} → Flatten → Affine (2 outputs of 3 inputs) → Output. */
    static Path flattenAffine(Path file, long[] shape) {
        return handWritten(file, shape, new long[] {2}, nodes -> {
            nodes.putGroup("flat").putDataset("type", "Flatten");
            affine(nodes, new float[][] {{1, 0, 0}, {0, 1, 0}});
        }, "flat", "fc");
    }

    /** A graph Input [3] → Affine with {@code weight} → LIF (threshold {@code threshold} for both neurons) → Output. */
    static Path affineLif(Path file, float[][] weight, float threshold) {
        return handWritten(file, new long[] {3}, new long[] {2}, nodes -> {
            affine(nodes, weight);
            lif(nodes, "lif", 2, threshold);
        }, "fc", "lif");
    }

    /**
     * The NIR paper's recurrent layout, written as NIR's reference library writes a graph: input [3] → fc (Affine
     * {@code fc}) → lif (CubaLIF, τ_syn 2e-4, τ_mem 4e-4, R 2, w_in 1, v_threshold 0.3) with lif → w_rec (Linear
     * {@code rec}) → lif, then fc2 (Linear {@code fc2}) → li (LI, τ 2e-4, R 1) → output.
     */
    static Path recurrentCubaLif(Path file, float[][] fc, float[][] rec, float[][] fc2) {
        int h = rec.length, k = fc2.length;
        return graph(file, new long[] {fc[0].length}, new long[] {k}, nodes -> {
            WritableGroup in = nodes.putGroup("fc");
            in.putDataset("type", "Affine");
            in.putDataset("weight", fc);
            in.putDataset("bias", new float[h]);
            WritableGroup lif = nodes.putGroup("lif");
            lif.putDataset("type", "CubaLIF");
            lif.putDataset("tau_syn", filled(h, 2e-4f));
            lif.putDataset("tau_mem", filled(h, 4e-4f));
            lif.putDataset("r", filled(h, 2f));
            lif.putDataset("w_in", filled(h, 1f));
            lif.putDataset("v_leak", filled(h, 0f));
            lif.putDataset("v_threshold", filled(h, 0.3f));
            lif.putDataset("v_reset", filled(h, 0f));
            WritableGroup w = nodes.putGroup("w_rec");
            w.putDataset("type", "Linear");
            w.putDataset("weight", rec);
            WritableGroup out = nodes.putGroup("fc2");
            out.putDataset("type", "Linear");
            out.putDataset("weight", fc2);
            WritableGroup li = nodes.putGroup("li");
            li.putDataset("type", "LI");
            li.putDataset("tau", filled(k, 2e-4f));
            li.putDataset("r", filled(k, 1f));
            li.putDataset("v_leak", filled(k, 0f));
        }, new String[][] {{"input", "fc"}, {"fc", "lif"}, {"lif", "w_rec"}, {"w_rec", "lif"}, {"lif", "fc2"}, {"fc2", "li"},
            {"li", "output"}});
    }

    private static void affine(WritableGroup nodes, float[][] weight) {
        WritableGroup fc = nodes.putGroup("fc");
        fc.putDataset("type", "Affine");
        fc.putDataset("weight", weight);
        fc.putDataset("bias", new float[weight.length]);
    }

    private static void lif(WritableGroup nodes, String name, int n, float threshold) {
        WritableGroup lif = nodes.putGroup(name);
        lif.putDataset("type", "LIF");
        lif.putDataset("tau", filled(n, 2e-4f));
        lif.putDataset("r", filled(n, 2));
        lif.putDataset("v_leak", filled(n, 0));
        lif.putDataset("v_threshold", filled(n, threshold));
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /**
     * Writes the hand-made seeds of {@link NirImporterFuzzTest} (stride 0, a shape of 10^18 values, a recurrent
     * CubaLIF graph) into the
     * directory given as the first argument: {@code interop/src/test/resources/org/snn4j/interop/NirImporterFuzzTestInputs/nir}.
     */
    public static void main(String[] args) {
        Path seeds = Path.of(args[0]);
        conv(seeds.resolve("conv-stride-0"), 0);
        avgPool(seeds.resolve("avgpool-stride-0"), 2, 0);
        flattenAffine(seeds.resolve("huge-shape"), new long[] {1, 1_000_000_000L, 1_000_000_000L});
        recurrentCubaLif(seeds.resolve("recurrent-cubalif"), new float[][] {{1, 0}, {0, 1}}, new float[][] {{0, 0.5f}, {0.5f, 0}},
                new float[][] {{1, 0}, {0, 1}});
    }
}
