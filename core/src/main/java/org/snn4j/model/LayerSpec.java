package org.snn4j.model;

import java.util.List;

/**
 * One entry of a spec's layer list, typed (the JSON entry's {@code type} names the record). Optional
 * fields are null when the entry does not set them, so a spec writes back exactly what it read; the
 * builder applies the defaults given here. Values are checked where a spec is read
 * ({@link ModelSpec#parse}); shapes where it is built ({@link ModelBuilder}).
 */
public sealed interface LayerSpec {
    /** The entry's {@code type} in the spec. */
    String type();

    /** {@code conv}: stride 1, padding 0, no bias and He initialisation unless set. */
    record Conv(int out, int kernel, Integer stride, Integer padding, Boolean bias, Double initStd) implements LayerSpec {
        /** A conv without bias and with the default initialisation. */
        public Conv(int out, int kernel, int stride, int padding) {
            this(out, kernel, stride, padding, null, null);
        }

        public Conv withBias(boolean bias) {
            return new Conv(out, kernel, stride, padding, bias, initStd);
        }

        @Override
        public String type() {
            return "conv";
        }
    }

    /** {@code linear}: no bias and He initialisation unless set. */
    record Linear(int out, Boolean bias, Double initStd) implements LayerSpec {
        public Linear(int out) {
            this(out, null, null);
        }

        public Linear withBias(boolean bias) {
            return new Linear(out, bias, initStd);
        }

        @Override
        public String type() {
            return "linear";
        }
    }

    /** {@code avgpool}: stride = kernel, padding 0 unless set. */
    record AvgPool(int kernel, Integer stride, Integer padding) implements LayerSpec {
        @Override
        public String type() {
            return "avgpool";
        }
    }

    /** {@code maxpool}: stride = kernel, padding 0 unless set. */
    record MaxPool(int kernel, Integer stride, Integer padding) implements LayerSpec {
        @Override
        public String type() {
            return "maxpool";
        }
    }

    /** {@code globalavgpool}: the average over the whole (square) image. */
    record GlobalAvgPool() implements LayerSpec {
        @Override
        public String type() {
            return "globalavgpool";
        }
    }

    /**
     * {@code batchnorm}: momentum 0.1, eps 1e-5 unless set. With {@code alpha} it is Zheng et al.'s tdBN
     * (threshold-dependent batch norm): the normalised value is scaled by α·V_th (V_th: the threshold of the
     * model's neuron) before γ and β; without, a plain batch norm (scale 1).
     */
    record BatchNorm(Double momentum, Double eps, Double alpha) implements LayerSpec {
        /** A plain batch norm (no α·V_th scale). */
        public BatchNorm(Double momentum, Double eps) {
            this(momentum, eps, null);
        }

        @Override
        public String type() {
            return "batchnorm";
        }
    }

    /** {@code dropout}: p 0.5 unless set. */
    record Dropout(Double p) implements LayerSpec {
        @Override
        public String type() {
            return "dropout";
        }
    }

    /** {@code flatten}. */
    record Flatten() implements LayerSpec {
        @Override
        public String type() {
            return "flatten";
        }
    }

    /** {@code relu}. */
    record Relu() implements LayerSpec {
        @Override
        public String type() {
            return "relu";
        }
    }

    /**
     * {@code spike}: a spiking layer with neuron overrides; {@code ann} true makes a top-level entry an
     * ANN position of a hybrid network (null: not set, a spiking position).
     */
    record Spike(NeuronSettings neuron, Boolean ann) implements LayerSpec {
        public Spike {
            java.util.Objects.requireNonNull(neuron, "neuron");
        }

        /** A spiking layer with the model's neuron. */
        public Spike() {
            this(NeuronSettings.NONE, null);
        }

        public Spike(NeuronSettings neuron) {
            this(neuron, null);
        }

        /** Whether this is an ANN position of a hybrid network. */
        public boolean annPosition() {
            return Boolean.TRUE.equals(ann);
        }

        /** This entry marked as an ANN position ({@code true}) or without the mark ({@code false}). */
        public Spike withAnn(boolean annPosition) {
            return new Spike(neuron, annPosition ? Boolean.TRUE : null);
        }

        @Override
        public String type() {
            return "spike";
        }
    }

    /** {@code readout}: the non-spiking integrator, leak 1 unless set. */
    record Readout(Float leak) implements LayerSpec {
        @Override
        public String type() {
            return "readout";
        }
    }

    /**
     * {@code recurrent}: a layer of stepped neurons fed by its input and, unless {@code recurrence} is
     * {@code none}, by its own spikes at t−1 ({@link org.snn4j.neuron.RecurrentNeuronLayer}); as many neurons as
     * input values. Unset: neuron {@code lif}, leak 0.95, synaptic decay 0.9 ({@code cubalif}), adaptation decay
     * 0.98 and jump 0.2 ({@code alif}), threshold 1, reset {@code subtract}, recurrence {@code dense}, surrogate
     * {@code fast-sigmoid}, recurrent weights N(0, 1/H).
     */
    record Recurrent(String neuron, Float leak, Float synapticDecay, Float adaptationDecay, Float adaptationJump, Float threshold,
                     String reset, String recurrence, String surrogate, Double initStd) implements LayerSpec {
        @Override
        public String type() {
            return "recurrent";
        }
    }

    /** {@code integrator}: a leaky integrator whose membrane is the output at every step, leak 0.9 and scale 1 unless set. */
    record Integrator(Float leak, Float scale) implements LayerSpec {
        @Override
        public String type() {
            return "integrator";
        }
    }

    /** {@code reduce}: a readout over time, {@code sum}, {@code mean}, {@code max} or {@code last} (mean unless set). */
    record Reduce(String mode) implements LayerSpec {
        @Override
        public String type() {
            return "reduce";
        }
    }

    /**
     * {@code residual}: the output neuron integrates branch + shortcut; {@code shortcut} null is the
     * identity, {@code neuron} null sets no overrides.
     */
    record Residual(List<LayerSpec> branch, List<LayerSpec> shortcut, NeuronSettings neuron) implements LayerSpec {
        public Residual {
            branch = List.copyOf(branch);
            shortcut = shortcut == null ? null : List.copyOf(shortcut);
        }

        public Residual withBranch(List<LayerSpec> branch) {
            return new Residual(branch, shortcut, neuron);
        }

        public Residual withShortcut(List<LayerSpec> shortcut) {
            return new Residual(branch, shortcut, neuron);
        }

        @Override
        public String type() {
            return "residual";
        }
    }

    /** {@code backres}: a backward residual block, {@code body} traversed {@code passes} times with shared weights. */
    record BackRes(int passes, List<LayerSpec> body) implements LayerSpec {
        public BackRes {
            body = List.copyOf(body);
        }

        @Override
        public String type() {
            return "backres";
        }
    }
}
