package org.amiconnect.simulators.archfixture;

import org.amiconnect.adapters.beacon360.Beacon360Client;

/** Breaks "simulators never import adapters" on purpose, for {@code LayeringRulesTest}: never used by main code. */
public final class SimulatorUsingTheClient {

    private Beacon360Client client;

    Beacon360Client client() {
        return client;
    }
}
