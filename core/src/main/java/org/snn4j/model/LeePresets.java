package org.snn4j.model;

/**
 * Lee et al.'s (2020) CIFAR networks as the authors' code builds them (papers.md §1; their
 * {@code cifar10_VGG9.py} and {@code cifar10_ResNet11.py}): LIF α = 0.99, θ = 1, hard reset, strict test and
 * Lee's leak-aware derivative in every conv and FC layer; every 2×2 average pool feeds IF pooling neurons
 * (θ = 0.75, hard reset, straight-through without NG or 1/θ: {@code lee-pool}); dropout (p from
 * {@code --dropout}, the recipe's 0.2 / 0.25) after every LIF layer, one mask held over all steps; no biases;
 * a leaky readout (α = 0.99). VGG9 is initialised N(0, 2/fan_in) (He, the default), ResNet11 N(0, 1/fan_in);
 * ResNet11 puts a block's stride on its second conv, whose membrane also receives the shortcut. The layer plans
 * alone, with the project's default neuron, remain as {@code vgg9-plan} and {@code resnet11-plan}.
 */
final class LeePresets {
    private LeePresets() {}

    /** Lee's VGG9: c64, c64, AP, c128, c128, AP, c256 ×3, AP, FC 1024, FC classes. */
    static void vgg9(LayerList l, int classes, Presets.Options o) {
        int[] plan = {64, 64, -1, 128, 128, -1, 256, 256, 256, -1};
        for (int c : plan) {
            if (c < 0) {
                l.avgpool(2).spike(Presets.leePoolNeuron());
            } else {
                l.conv3(Presets.scaled(c, o)).norm(o).spike().dropout(o.dropout());
            }
        }
        l.flatten().linear(1024).hiddenNorm(o).spike().dropout(o.dropout()).linear(classes).readout(0.99f);
    }

    /**
     * Lee's ResNet11: c64, AP; blocks (128), (256, stride 2), (512), (512, stride 2) of two 3×3 convs, the
     * stride on the second, with a 1×1 conv shortcut (a stride-2 1×1 average pool for the last block); FC 1024,
     * FC classes; weights N(0, 1/fan_in).
     */
    static void resnet11(LayerList l, int[] input, int classes, Presets.Options o) {
        int in = Presets.scaled(64, o);
        l.conv(in, 3, 1, 1, std(input[0] * 9)).norm(o).spike().dropout(o.dropout()).avgpool(2).spike(Presets.leePoolNeuron());
        int h = input[1] / 2, w = input[2] / 2;
        int[] widths = {128, 256, 512, 512};
        int[] strides = {1, 2, 1, 2};
        for (int b = 0; b < widths.length; b++) {
            int width = Presets.scaled(widths[b], o), s = strides[b];
            LayerList branch = new LayerList().conv(width, 3, 1, 1, std(in * 9)).norm(o).spike().dropout(o.dropout())
                    .conv(width, 3, s, 1, std(width * 9)).norm(o, Presets.RESIDUAL_ALPHA);
            LayerList shortcut = in != width ? new LayerList().conv(width, 1, s, 0, std(in)).norm(o, Presets.RESIDUAL_ALPHA)
                    : s != 1 ? new LayerList().avgpool(1, s) : null;
            l.residual(branch, shortcut).dropout(o.dropout());
            in = width;
            h = (h - 1) / s + 1;
            w = (w - 1) / s + 1;
        }
        l.flatten().linear(1024, std(in * h * w)).hiddenNorm(o).spike().dropout(o.dropout()).linear(classes, std(1024)).readout(0.99f);
    }

    private static double std(int fanIn) {
        return Math.sqrt(1.0 / fanIn);
    }

    /** The authors' training recipe for their networks ({@link Recipe#NONE} for other names). */
    static Recipe recipe(String name) {
        String lr = switch (name) {
            case "vgg9" -> "0.0033";
            case "resnet11" -> "0.0025";
            default -> null;
        };
        if (lr == null) return Recipe.NONE;
        return Recipe.of("papers.md §1.3: the authors' code (" + (name.equals("vgg9") ? "cifar10_VGG9.py" : "cifar10_ResNet11.py")
                        + ") on CIFAR-10; not measured here (150 epochs at T = 100)",
                "T", "100", "encoder", "bernoulli", "gain", "1", "epochs", "150", "batch", "16", "optimizer", "sgd", "momentum", "0",
                "lr", lr, "loss", "sse", "weight-decay", "5e-4", "schedule", "multistep:70,100,125:0.2", "crop", "4", "flip", "true",
                "dropout", name.equals("vgg9") ? "0.2" : "0.25");
    }
}
