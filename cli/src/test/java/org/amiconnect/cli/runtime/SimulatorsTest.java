package org.amiconnect.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.simulators.database.ScratchDatabase;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorsTest {

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(ScratchDatabase.SERVER_PROPERTY);
    }

    @Test
    void aSourceWhoseSimulatorIsUnavailableIsLeftOutWithOneLineAndTheOthersRun() {
        System.setProperty(ScratchDatabase.SERVER_PROPERTY,
                "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&connectTimeout=2");
        AmiConnectConfig config = ConfigFiles.in(dir).simulatedBeacon360("beacon_org", 5, 1L)
                .secret("sources.ms_org", Map.of("ssh_tunnel_username", "u", "ssh_tunnel_password", "p",
                        "database_db_name", "postgres", "database_user", "postgres", "database_password", "x"))
                .source("metersense", "ms_org", "ssh_tunnel_server_host", "bastion.example", "ssh_tunnel_known_hosts",
                        "bastion.example ssh-ed25519 AAAA", "database_host", "db.example", "simulate",
                        Map.of("meters", 5, "seed", 1))
                .load();

        try (Simulators simulators = new Simulators()) {
            List<SourceConfig> running = simulators.start(config.sources());

            assertThat(running).extracting(SourceConfig::orgId).containsExactly("beacon_org");
            assertThat(running.get(0).endpoint()).isPresent();
            assertThat(simulators.skipped()).singleElement().asString().startsWith("source 'ms_org' (metersense) "
                    + "skipped: its simulator is unavailable: PostgreSQL at 127.0.0.1:1 is not reachable");
        }
    }
}
