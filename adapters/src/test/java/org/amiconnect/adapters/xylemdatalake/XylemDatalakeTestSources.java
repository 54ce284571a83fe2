package org.amiconnect.adapters.xylemdatalake;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.simulators.xylemdatalake.XylemDatalakeSimulator;
import org.amiconnect.simulators.xylemdatalake.XylemDatalakeSimulatorOptions;

/** Settings and sources pointed at a simulator, with waits short enough for tests. */
final class XylemDatalakeTestSources {

    static final String ORG = "datalake_test_org";
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    private XylemDatalakeTestSources() {
    }

    /** The simulator's agency, database and client; its credentials unless {@code password} overrides them. */
    static XylemDatalakeSettings settings(String password, Duration chunk, Duration reauthBackoff) {
        String agency = XylemDatalakeSimulatorOptions.DEFAULT_AGENCY;
        return new XylemDatalakeSettings(agency, XylemDatalakeSimulatorOptions.DEFAULT_DATABASE_ID,
                XylemDatalakeSimulatorOptions.DEFAULT_CLIENT_ID, XylemDatalakeSettings.DEFAULT_AUTH_URL,
                XylemDatalakeSettings.datalakeOf(agency), XylemDatalakeSettings.supersetOf(agency),
                Secret.of(XylemDatalakeSimulatorOptions.DEFAULT_USERNAME), Secret.of(password), chunk, Duration.ZERO,
                3, Duration.ofMillis(20), 3, reauthBackoff, Duration.ofSeconds(30));
    }

    static XylemDatalakeSettings settings() {
        return settings(XylemDatalakeSimulatorOptions.DEFAULT_PASSWORD, Duration.ofHours(12), Duration.ofMillis(50));
    }

    static XylemDatalakeClient client(XylemDatalakeSimulator lake, XylemDatalakeSettings settings) {
        return new XylemDatalakeClient(ORG, settings, XylemDatalakeClient.Urls.of(settings,
                Optional.of(lake.endpoint())));
    }

    static SourceConfig source(XylemDatalakeSimulator lake, XylemDatalakeSettings settings) {
        return new SourceConfig(XylemDatalakeAdapter.TYPE, ORG, ZONE, List.of(), settings, List.of(),
                Optional.empty(), Optional.of(lake.endpoint()));
    }

    static URI endpoint(XylemDatalakeSimulator lake) {
        return lake.endpoint();
    }
}
