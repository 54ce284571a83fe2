package org.amiconnect.loader.archfixture;

import org.amiconnect.archiver.ArchiverStats;

/** Breaks "services never import each other" on purpose, for {@code LayeringRulesTest}: never used by main code. */
public final class LoaderCallingTheArchiver {

    private ArchiverStats archiverStats;

    ArchiverStats archiverStats() {
        return archiverStats;
    }
}
