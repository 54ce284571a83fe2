package org.amiconnect.core.archfixture;

import org.amiconnect.adapters.beacon360.Beacon360Settings;

/** Breaks "core knows no vendor" on purpose, for {@code LayeringRulesTest}: never used by main code. */
public final class CoreClassNamingAVendor {

    private Beacon360Settings settings;

    Beacon360Settings settings() {
        return settings;
    }
}
