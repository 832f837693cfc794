package org.snn4j.cli;

import org.snn4j.kernels.Parallel;

/** Facts about where the CLI runs. */
final class Terminal {
    private Terminal() {}

    /** True when stderr/stdout go to a terminal (progress bars make sense). */
    static boolean isInteractive() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    static String threads() {
        return Parallel.threads() + (Parallel.threads() == 1 ? " thread" : " threads");
    }
}
