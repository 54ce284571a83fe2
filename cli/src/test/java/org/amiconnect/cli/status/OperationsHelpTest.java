package org.amiconnect.cli.status;

import static org.amiconnect.cli.AmiConnectRun.amiconnect;
import static org.amiconnect.cli.AmiConnectRun.assertHelpOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.amiconnect.testsupport.cli.CommandRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code status --help}, and {@code --http-port} in the help of {@code run} and of every service command. */
class OperationsHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"run", "extractor", "transformer", "loader", "archiver"})
    void everyProcessThatHostsServicesOffersTheHttpPort(String command) {
        CommandRun r = amiconnect(command, "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--http-port=PORT", "/metrics", "/health", "/ready");
    }

    @ParameterizedTest
    @ValueSource(strings = {"status"})
    void statusHasHelpNamingItsExitCodes(String command) {
        assertHelpOf(command);
        assertThat(amiconnect(command, "--help").out()).contains("--json", "--url=URL", "Exit codes: 0 all fine");
    }
}
