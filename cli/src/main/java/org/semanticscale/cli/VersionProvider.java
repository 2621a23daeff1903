package org.semanticscale.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (the Maven project version), or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = SsiCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "ssi " + (version == null ? "development" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
