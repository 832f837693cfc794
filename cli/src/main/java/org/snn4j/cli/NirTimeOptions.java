package org.snn4j.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The step length that relates snn4j's per-step leaks to NIR's time constants (export and import). */
final class NirTimeOptions {
    @Option(names = "--dt", paramLabel = "SECONDS", defaultValue = "1e-4",
            description = "NIR: step length relating leak and time constant, α = 1 − dt/τ (default: ${DEFAULT-VALUE}, snnTorch's).")
    double dt;

    /** --dt, checked (finite, &gt; 0). */
    double dt(CommandSpec spec) {
        Flags.positiveFinite(spec, "--dt", dt);
        return dt;
    }
}
