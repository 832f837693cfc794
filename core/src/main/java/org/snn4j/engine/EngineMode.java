package org.snn4j.engine;

import java.util.Locale;
import org.snn4j.Snn4jException;

/** How an {@link Executor} runs the conv and linear layers fed by spikes. */
public enum EngineMode {
    /** Every layer's own dense kernel (GEMM, im2col convolution). */
    DENSE,
    /** The event kernels for every conv and linear layer fed by spikes. */
    EVENT,
    /** Per layer and batch: the event kernels below the layer kind's density crossover, dense above. */
    AUTO;

    /**
     * The mode named {@code name} ({@code dense}, {@code event} or {@code auto}).
     *
     * @throws Snn4jException naming the valid modes
     */
    public static EngineMode parse(String name) {
        for (EngineMode m : values()) if (m.label().equals(name)) return m;
        throw new Snn4jException("unknown engine '" + name + "' (valid: dense, event, auto)");
    }

    /** The lower-case name used on the command line and in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
