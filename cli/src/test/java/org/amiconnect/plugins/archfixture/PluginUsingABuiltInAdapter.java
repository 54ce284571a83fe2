package org.amiconnect.plugins.archfixture;

import org.amiconnect.adapters.beacon360.Beacon360Settings;

/**
 * Breaks "a plug-in sees only schemas, core and simulators" on purpose, for {@code LayeringRulesTest}: never used by
 * main code.
 */
public final class PluginUsingABuiltInAdapter {

    private Beacon360Settings settings;

    Beacon360Settings settings() {
        return settings;
    }
}
