package org.snn4j.model;

import java.util.List;

/**
 * Named networks. Each preset is a {@link ModelSpec} for a given input shape and class count, so the
 * same name works on 28×28 digits and 32×32 colour images.
 *
 * <ul>
 *   <li>{@code lenet}: Lee et al.'s MNIST net (papers.md §1.3): c5-20 → spiking pool → c5-50 → spiking
 *       pool → FC 200 → FC classes, LIF α = 0.99, θ = 1, hard reset, strict test, Lee's derivative; the
 *       pooling neurons are IF with θ = 0.75, hard reset and the authors' plain straight-through gradient
 *       ({@code lee-pool}); leaky readout (α = 0.99). {@code lenet-pool-scaled} is the same net with the
 *       pooling gradient scaled by 1/θ ({@code lee-no-leak-factor}), what {@code lenet} was before.</li>
 *   <li>{@code vgg9}, {@code resnet11}: Lee et al.'s CIFAR networks as their code builds them
 *       ({@link LeePresets}).</li>
 *   <li>{@code vgg7}, {@code vgg9-plan}, {@code vgg11}, {@code vgg16}: 3×3 conv stacks with 2×2 average
 *       pooling and FC 1024 heads and the default neuron (vgg9-plan is Lee's VGG9 layer plan only; the
 *       others follow the usual VGG channel plans with the FC width reduced to 1024, a project choice).</li>
 *   <li>{@code resnet7}, {@code resnet9}, {@code resnet11-plan}: Lee-style ResNets with the default neuron
 *       (stem conv + pool, two-conv blocks with 1×1-conv shortcuts and the stride on the first conv, FC 1024
 *       head); resnet11-plan is the layer plan of the authors' ResNet11.</li>
 *   <li>{@code resnet<6n+2>} (resnet8, resnet14, resnet20, resnet32, …, resnet110): CIFAR-style ResNets
 *       (He et al.): stem conv 16, three stages of n two-conv blocks with 16/32/64 channels, stride-2 1×1
 *       conv shortcuts between stages, global average pool, FC classes.</li>
 *   <li>{@code backres-vgg<n>} and {@code plain-vgg<n>} (n ≥ 1): Panda et al.'s comparison (papers.md §2.2)
 *       at Fashion-MNIST scale: c32 → spike → pool, then a body of two c32 → spike layers, then pool →
 *       FC classes. In {@code backres-vgg<n>} the body is one backward residual block traversed n
 *       times with shared weights (logical depth 2n + 2 weighted layers, the parameters of depth 4);
 *       {@code plain-vgg<n>} stacks n copies of the body with their own weights and no feedback (the
 *       plain net of the same logical depth). n = 1 is the same shallow net in both families. Recipe (as measured in
 *       docs/EXPERIMENTS.md, issue 6): T = 4, one epoch, train's Adam 5e-3 cosine.</li>
 *   <li>{@code w1}: the benchmark network of shared/data.md: conv 32 → LIF → pool → conv 64 → LIF → pool
 *       → FC classes → integrating readout; LIF α = 0.9, θ = 1.</li>
 *   <li>{@code shd-rsnn}: a recurrent SNN for spike-encoded audio (SHD: 700 input units): FC 256 → recurrent
 *       ALIF → FC 256 → recurrent ALIF → FC classes → leaky integrator (α = 0.9) → maximum over time; ALIF
 *       α = 0.9, adaptation decay ρ = 0.9 and jump b = 0.2, θ = 1, soft reset, dense recurrence, fast-sigmoid
 *       surrogate (steps of about 10 ms); the width option scales the 256. Recipe (docs/ARCHITECTURE.md; not
 *       measured here): T = 100, Adam 1e-3 cosine, batch 64, dropout 0.1, 50 epochs.</li>
 *   <li>{@code nmnist}: a small network for N-MNIST-like event frames (2×34×34 per step): conv 16 → LIF →
 *       max pool → conv 32 → LIF → max pool → FC classes → integrating readout; LIF α = 0.9, θ = 1. The
 *       default for event data. Recipe (docs/EXPERIMENTS.md, measured on the emulated n-digits): T = 8
 *       frames split by event number, polarity channels, Adam 5e-3 cosine, batch 64, 5 epochs.</li>
 *   <li>{@code dvs-gesture}: the usual DVS128 Gesture network (SpikingJelly's {@code DVSGestureNet}; Fang
 *       et al. 2021): five blocks of conv 128 → batch norm → LIF → 2×2 max pool on 2×128×128 frames, then
 *       dropout 0.5 → FC 512 → LIF → dropout 0.5 → FC classes → integrating readout. Recipe of that
 *       example (the preset's): T = 16 frames split by number, Adam 1e-3 cosine, batch 16; not measured here (no DVS128
 *       Gesture data on the project's machine).</li>
 * </ul>
 * Presets hold no batch norm unless asked ({@link Options#norm}): a plain batch norm after each conv,
 * which ANN training for conversion uses, or tdBN for SNN training (Zheng et al. 2021; {@link Norm#TDBN});
 * dropout p is inserted after hidden FC layers (and conv blocks where the paper did).
 */
public final class Presets {
    private Presets() {}

    /** Which normalisation a preset puts after its weighted layers. */
    public enum Norm {
        /** None. */
        NONE("none"),
        /** A plain batch norm after each conv (ANN training for conversion). */
        BATCH("bn"),
        /**
         * Zheng et al.'s tdBN for SNN training: a batch norm over time, batch and space per channel, its
         * normalised value scaled by α·V_th, after each conv and hidden linear layer of the VGG and ResNet
         * presets; α = 1, and 1/√2 for the two BNs whose outputs a residual block adds (the branch's last and
         * the projection shortcut's), so that the sum keeps the variance V_th². Folded into the layer before
         * it for inference ({@code convert.BatchNormFolding}).
         */
        TDBN("tdbn");

        private final String label;

        Norm(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /**
         * The normalisation named {@code label} (none, bn, tdbn).
         *
         * @throws SpecException for another name
         */
        public static Norm byLabel(String label) {
            for (Norm n : values()) if (n.label.equals(label)) return n;
            throw new SpecException("unknown normalisation '" + label + "' (valid: none, bn, tdbn)");
        }
    }

    /** Build options shared by the presets. */
    public record Options(Norm norm, double dropout, double width) {
        /** With a plain batch norm or none. */
        public Options(boolean batchNorm, double dropout, double width) {
            this(batchNorm ? Norm.BATCH : Norm.NONE, dropout, width);
        }

        public static Options defaults() {
            return new Options(Norm.NONE, 0, 1);
        }
    }

    /** α of tdBN for the BNs whose outputs a residual block adds (Zheng et al.): the sum's variance stays V_th². */
    static final double RESIDUAL_ALPHA = 1 / Math.sqrt(2);

    /** The preset names (resnet&lt;6n+2&gt; stands for a family). */
    public static List<String> names() {
        return List.of("lenet", "lenet-pool-scaled", "vgg7", "vgg9", "vgg9-plan", "vgg11", "vgg16", "resnet7", "resnet9", "resnet11",
                "resnet11-plan", "resnet20",
                "resnet<6n+2>", "backres-vgg<n>", "plain-vgg<n>", "w1", "shd-rsnn", "nmnist", "dvs-gesture");
    }

    /**
     * The spec of a named preset.
     *
     * @throws SpecException for an unknown name, listing the valid ones
     */
    public static ModelSpec byName(String name, int[] input, int classes, Options options) {
        LayerList l = new LayerList();
        NeuronSettings neuron = defaultNeuron();
        switch (name) {
            case "lenet", "lenet-pool-scaled" -> {
                neuron = leeNeuron();
                NeuronSettings pool = name.equals("lenet") ? leePoolNeuron()   // lenet-pool-scaled: the pool gradient scaled by 1/θ
                        : NeuronSettings.NONE.withModel("if").withLeak(1f).withThreshold(0.75f).withReset("zero").withSurrogate("lee-no-leak-factor");
                l.conv(20, 5, 1, 2).spike().avgpool(2).spike(pool)
                        .conv(50, 5, 1, 2).spike().avgpool(2).spike(pool)
                        .flatten().linear(200).spike().dropout(options.dropout()).linear(classes).readout(0.99f);
            }
            case "vgg7" -> vgg(l, new int[] {64, 64, -1, 128, 128, 128, -1}, classes, options);
            case "vgg9" -> {
                neuron = leeNeuron();
                LeePresets.vgg9(l, classes, options);
            }
            case "vgg9-plan" -> vgg(l, new int[] {64, 64, -1, 128, 128, -1, 256, 256, 256, -1}, classes, options);
            case "vgg11" -> vgg(l, new int[] {64, -1, 128, -1, 256, 256, -1, 512, 512, -1, 512, 512}, classes, options);
            case "vgg16" -> vgg(l, new int[] {64, 64, -1, 128, 128, -1, 256, 256, 256, -1, 512, 512, 512, -1, 512, 512, 512},
                    classes, options);
            case "resnet7" -> leeResNet(l, 2, classes, options);
            case "resnet9" -> leeResNet(l, 3, classes, options);
            case "resnet11" -> {
                neuron = leeNeuron();
                LeePresets.resnet11(l, input, classes, options);
            }
            case "resnet11-plan" -> leeResNet(l, 4, classes, options);
            case "w1" -> {
                neuron = neuron.withLeak(0.9f);
                l.conv3(scaled(32, options)).spike().avgpool(2).conv3(scaled(64, options)).spike().avgpool(2)
                        .flatten().linear(classes).readout();
            }
            case "shd-rsnn" -> recurrentSnn(l, input, classes, options);
            case "nmnist" -> l.conv3(scaled(16, options)).spike().maxpool(2).conv3(scaled(32, options)).spike().maxpool(2)
                    .flatten().linear(classes).readout();
            case "dvs-gesture" -> {
                for (int b = 0; b < 5; b++) l.conv3(scaled(128, options)).batchnorm().spike().maxpool(2);
                double p = options.dropout() > 0 ? options.dropout() : 0.5;
                l.flatten().dropout(p).linear(512).spike().dropout(p).linear(classes).readout();
            }
            default -> {
                if (name.startsWith("backres-vgg") || name.startsWith("plain-vgg")) {
                    pandaVgg(l, passes(name), name.startsWith("backres"), classes, options);
                    break;
                }
                int depth = cifarResNetDepth(name);
                cifarResNet(l, (depth - 2) / 6, classes, options);
            }
        }
        return new ModelSpec(name, input, classes, neuron, l.entries());
    }

    /** {@code shd-rsnn}: two recurrent ALIF layers between FC layers, a leaky integrator and its maximum over time. */
    private static void recurrentSnn(LayerList l, int[] input, int classes, Options o) {
        int width = scaled(256, o);
        LayerSpec.Recurrent alif = new LayerSpec.Recurrent("alif", 0.9f, null, 0.9f, 0.2f, 1f, "subtract", "dense",
                "fast-sigmoid", null);
        if (input.length != 1) l.flatten();
        l.linear(width).recurrent(alif).dropout(o.dropout()).linear(width).recurrent(alif).dropout(o.dropout())
                .linear(classes).integrator(0.9f).reduce("max");
    }

    /**
     * The training settings the preset was measured with, or for a preset not trained here ({@code vgg9}, {@code resnet11},
     * {@code dvs-gesture}, {@code shd-rsnn}) the reference's ({@link Recipe#NONE} when the training command's defaults
     * are its recipe, as for {@code w1} and {@code nmnist}, or when no run is documented). The source says which.
     */
    public static Recipe recipe(String name) {
        return switch (name) {
            // Lee et al.'s recipe (papers.md §1.3) at T = 20 and 3 epochs: docs/EXPERIMENTS.md, issue 3, row (a).
            case "lenet", "lenet-pool-scaled" -> Recipe.of("docs/EXPERIMENTS.md, issue 3, row (a): Lee et al.'s recipe at T = 20, 3 epochs",
                    "T", "20", "encoder", "bernoulli", "gain", "0.5", "epochs", "3", "batch", "64", "optimizer", "sgd",
                    "momentum", "0", "lr", "0.0085", "loss", "sse", "weight-decay", "5e-4", "schedule", "constant");
            case "vgg7" -> Recipe.of("docs/EXPERIMENTS.md, issue 3, row (c) (measured at --width 0.25 on Fashion-MNIST)",
                    "T", "4", "epochs", "2", "lr", "1e-3");
            // The presets whose deeper spiking layers fall silent at He initialisation without normalisation
            // (docs/EXPERIMENTS.md, issue 25: rates at initialisation) train with tdBN.
            case "vgg11" -> Recipe.of(TDBN_SOURCE + " (measured at --width 0.25 on 2,048 Fashion-MNIST images)",
                    "norm", "tdbn", "T", "4", "epochs", "2", "lr", "1e-3");
            case "vgg9-plan", "vgg16" -> Recipe.of(TDBN_SOURCE + " (silent without it at initialisation; training not measured)",
                    "norm", "tdbn");
            // The reference recipes of the event and audio presets, as their Javadoc above states them (no such data here).
            case "dvs-gesture" -> Recipe.of("SpikingJelly's DVS128 Gesture example (Fang et al. 2021); not measured here (no DVS128 Gesture data)",
                    "T", "16", "optimizer", "adam", "lr", "1e-3", "schedule", "cosine", "batch", "16");
            case "shd-rsnn" -> Recipe.of("docs/ARCHITECTURE.md, \"Spec and preset\" of the temporal layers: the usual settings for recurrent SHD "
                    + "networks, 10 ms bins; not measured here", "T", "100", "optimizer", "adam", "lr", "1e-3", "schedule", "cosine", "batch", "64",
                    "dropout", "0.1", "epochs", "50");
            default -> familyRecipe(name);
        };
    }

    /** The recipe of a preset of a family ({@code backres-vgg<n>}, {@code plain-vgg<n>}, {@code resnet<6n+2>}) or of Lee's. */
    private static Recipe familyRecipe(String name) {
        // Panda et al.'s comparison: T = 4 and one epoch with train's Adam 5e-3 cosine (docs/EXPERIMENTS.md, issue 6)
        if (name.matches("(backres|plain)-vgg\\d{1,9}")) {
            return Recipe.of("docs/EXPERIMENTS.md, issue 6, \"Backward residual block against the shallow net ...\" (measured on the first "
                    + "10,000 Fashion-MNIST images)", "T", "4", "epochs", "1");
        }
        if (cifarResNetFallsSilent(name)) {
            return Recipe.of(TDBN_SOURCE + " (resnet20 measured at --width 0.5 on 2,048 Fashion-MNIST images)", "norm", "tdbn", "T", "4",
                    "epochs", "2");
        }
        return LeePresets.recipe(name);
    }

    private static final String TDBN_SOURCE = "docs/EXPERIMENTS.md, issue 25, \"Deep presets trained directly with tdBN\"";

    /**
     * Whether {@code name} is a CIFAR-style {@code resnet<6n+2>} deep enough to fall silent without normalisation:
     * n ≥ 2 (resnet14 on: its last block is silent at initialisation, resnet8's blocks all fire).
     */
    private static boolean cifarResNetFallsSilent(String name) {
        if (!name.matches("resnet\\d{1,9}")) return false;
        int depth = Integer.parseInt(name.substring(6));
        return depth >= 14 && (depth - 2) % 6 == 0;
    }

    /** n of {@code backres-vgg<n>} / {@code plain-vgg<n>}. */
    private static int passes(String name) {
        try {
            int n = Integer.parseInt(name.substring(name.lastIndexOf("vgg") + 3));
            if (n >= 1) return requireDepth(name, n);
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new SpecException("unknown model '" + name + "' (" + name.substring(0, name.lastIndexOf("vgg") + 3)
                + "<n> needs a pass count n >= 1, e.g. " + name.substring(0, name.lastIndexOf("vgg") + 3) + "2)");
    }

    /** Stem c32 + pool, a body of two c32 layers (one backward residual block of n passes, or n plain copies), pool, FC. */
    private static void pandaVgg(LayerList l, int n, boolean backres, int classes, Options o) {
        int width = scaled(32, o);
        l.conv3(width).norm(o).spike().avgpool(2);
        LayerList body = new LayerList().conv3(width).spike().conv3(width).spike();
        if (backres) {
            l.backres(n, body);
        } else {
            for (int k = 0; k < n; k++) l.append(body);
        }
        l.avgpool(2).flatten().linear(classes).readout();
    }

    private static int cifarResNetDepth(String name) {
        if (name.startsWith("resnet")) {
            try {
                int depth = Integer.parseInt(name.substring(6));
                if (depth >= 8 && (depth - 2) % 6 == 0) return requireDepth(name, depth);
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new SpecException("unknown model '" + name + "' (valid: " + String.join(", ", names())
                + ", or a JSON model spec file)");
    }

    /** A depth (or pass count) the network may have, checked before its layer list is made. */
    private static int requireDepth(String name, int depth) {
        if (depth > ModelBuilder.MAX_LAYERS) {
            throw new SpecException(name + ": " + depth + " layers, more than the limit of " + ModelBuilder.MAX_LAYERS
                    + " (the system property snn4j.maxLayers raises it)");
        }
        return depth;
    }

    private static NeuronSettings defaultNeuron() {
        return NeuronSettings.NONE.withModel("lif").withLeak(0.9f).withThreshold(1f).withReset("subtract").withSurrogate("triangle");
    }

    private static NeuronSettings leeNeuron() {
        return NeuronSettings.NONE.withModel("lif").withLeak(0.99f).withThreshold(1f).withReset("zero").withTest("strict")
                .withSurrogate("lee");
    }

    /**
     * Lee's spiking average-pool neuron: IF, θ = 0.75, hard reset, straight-through at spikes without NG and
     * without 1/θ ({@code lee-pool}, as the authors' {@code Pooling_sNeuron}).
     */
    static NeuronSettings leePoolNeuron() {
        return NeuronSettings.NONE.withModel("if").withLeak(1f).withThreshold(0.75f).withReset("zero").withTest("strict")
                .withSurrogate("lee-pool");
    }

    static int scaled(int channels, Options o) {
        return Math.max(1, (int) Math.round(channels * o.width()));
    }

    /** VGG: entries are conv widths, -1 is a 2×2 average pool; then FC 1024 → FC 1024 → classes. */
    private static void vgg(LayerList l, int[] plan, int classes, Options o) {
        for (int c : plan) {
            if (c < 0) {
                l.avgpool(2);
            } else {
                l.conv3(scaled(c, o)).norm(o).spike().dropout(o.dropout());
            }
        }
        l.flatten().linear(1024).hiddenNorm(o).spike().dropout(o.dropout());
        if (plan.length > 10) l.linear(1024).hiddenNorm(o).spike().dropout(o.dropout());
        l.linear(classes).readout();
    }

    /** Lee-style ResNet: stem c64 + pool, then blocks (128, 256 s2, 512, 512 s2) cut to {@code blocks}. */
    private static void leeResNet(LayerList l, int blocks, int classes, Options o) {
        int[] widths = {128, 256, 512, 512};
        int[] strides = {1, 2, 1, 2};
        l.conv3(scaled(64, o)).norm(o).spike().avgpool(2);
        int in = scaled(64, o);
        for (int b = 0; b < blocks; b++) {
            int w = scaled(widths[b], o);
            l.residual(block(w, strides[b], o), shortcut(in, w, strides[b], o));
            in = w;
        }
        l.flatten().linear(1024).hiddenNorm(o).spike().dropout(o.dropout()).linear(classes).readout();
    }

    /** CIFAR ResNet 6n+2: stem 16, stages of n blocks at 16/32/64 channels, global pool, FC. */
    private static void cifarResNet(LayerList l, int n, int classes, Options o) {
        int in = scaled(16, o);
        l.conv3(in).norm(o).spike();
        int[] widths = {16, 32, 64};
        for (int stage = 0; stage < 3; stage++) {
            for (int b = 0; b < n; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                int w = scaled(widths[stage], o);
                l.residual(block(w, stride, o), shortcut(in, w, stride, o));
                in = w;
            }
        }
        l.globalAvgPool();
        l.flatten().linear(classes).readout();
    }

    /** Two 3×3 convs; the second's sum with the shortcut feeds the block's output neuron. */
    private static LayerList block(int width, int stride, Options o) {
        return new LayerList().conv(width, 3, stride, 1).norm(o).spike().conv3(width).norm(o, RESIDUAL_ALPHA);
    }

    /**
     * Identity when shapes match; a stride-s 1×1 average pool (subsampling, as Lee's last ResNet11 block)
     * when only the resolution changes; else a 1×1 conv with the block's stride.
     */
    private static LayerList shortcut(int in, int out, int stride, Options o) {
        if (in == out && stride == 1) return null;
        if (in == out) return new LayerList().avgpool(1, stride);
        return new LayerList().conv(out, 1, stride, 0).norm(o, RESIDUAL_ALPHA);
    }
}
