package org.amiconnect.plugins.archfixture.simulator;

import org.amiconnect.plugins.neptune360.Neptune360Client;

/**
 * Breaks "a plug-in's simulator never imports its adapter" on purpose, for {@code LayeringRulesTest}: never used by
 * main code.
 */
public final class PluginSimulatorUsingItsClient {

    private Neptune360Client client;

    Neptune360Client client() {
        return client;
    }
}
