package org.snn4j.cli;

import picocli.CommandLine;

/** Version line for {@code --version}: the version the jar's manifest names (the build's project version). */
final class Version implements CommandLine.IVersionProvider {
    /** The jar's Implementation-Version, or "development" when the classes run outside a jar (tests, IDEs). */
    static final String VERSION = implementationVersion();

    @Override
    public String[] getVersion() {
        return new String[] {"snn4j " + VERSION + " (Java " + Runtime.version() + ")"};
    }

    private static String implementationVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }
}
