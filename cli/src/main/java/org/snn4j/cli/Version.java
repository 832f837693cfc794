package org.snn4j.cli;

import picocli.CommandLine;

/** Version line for {@code --version}. */
final class Version implements CommandLine.IVersionProvider {
    static final String VERSION = "0.1.0-SNAPSHOT";

    @Override
    public String[] getVersion() {
        return new String[] {"snn4j " + VERSION + " (Java " + Runtime.version() + ")"};
    }
}
