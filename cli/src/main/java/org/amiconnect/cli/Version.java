package org.amiconnect.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build). */
public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"amiconnect " + (v == null ? "development build" : v)};
    }
}
