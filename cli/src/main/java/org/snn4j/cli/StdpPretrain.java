package org.snn4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.snn4j.data.Dataset;
import org.snn4j.model.Model;
import org.snn4j.nn.Composite;
import org.snn4j.nn.Conv2d;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Pool2d;
import org.snn4j.nn.Sequential;
import org.snn4j.stdp.ConvStdpPretraining;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code train --pretrain stdp}: the model's convolutions initialised by convolutional STDP, layer by layer
 * ({@link ConvStdpPretraining}), before the usual gradient training. The model must be a plain stack: its convolutions
 * and pooling layers in one sequence (no residual blocks), a pooling window equal to its stride.
 */
final class StdpPretrain {
    private StdpPretrain() {}

    /**
     * Pre-trains {@code model}'s convolutions on the first {@code samples} images of {@code train}, printing a line per
     * layer to stderr; returns the layers' summaries.
     *
     * @throws ParameterException when the model is not such a stack
     */
    static List<ConvStdpPretraining.Layer> apply(CommandSpec spec, Model model, Dataset train, int samples, long seed) {
        List<Conv2d> convs = new ArrayList<>();
        List<Integer> pools = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (l instanceof Composite && !(l instanceof Sequential)) {
                throw new ParameterException(spec.commandLine(), "--pretrain stdp needs a plain stack of convolutions; " + model.spec().name()
                        + " has the block " + l.name());
            }
            if (l instanceof Conv2d c) {
                convs.add(c);
                pools.add(1);
            } else if (l instanceof Pool2d<?> p) {
                if (convs.isEmpty()) continue;
                if (p.kernel() != p.stride() || p.padding() != 0) {
                    throw new ParameterException(spec.commandLine(), "--pretrain stdp: pooling " + p.name() + " overlaps (kernel " + p.kernel()
                            + ", stride " + p.stride() + ")");
                }
                pools.set(pools.size() - 1, pools.get(pools.size() - 1) * p.kernel());
            }
        }
        if (convs.isEmpty()) throw new ParameterException(spec.commandLine(), "--pretrain stdp: " + model.spec().name() + " has no convolution");
        List<ConvStdpPretraining.Layer> done;
        try {
            done = ConvStdpPretraining.apply(convs, pools.stream().mapToInt(Integer::intValue).toArray(), train, samples, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--pretrain stdp: " + e.getMessage());
        }
        for (ConvStdpPretraining.Layer l : done) {
            System.err.printf(Locale.ROOT, "STDP pre-training %s (threshold %.1f): %d samples in %.1f s, %.2f winners/sample%n", l.name(),
                    l.threshold(), l.samples(), l.seconds(), (double) l.winners() / l.samples());
        }
        return done;
    }
}
