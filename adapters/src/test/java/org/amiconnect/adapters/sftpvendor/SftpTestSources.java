package org.amiconnect.adapters.sftpvendor;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.simulators.sshd.SftpDropSimulator;

/** Sources of the SFTP vendors pointed at a running simulator, as {@code simulate:} in config would. */
public final class SftpTestSources {

    public static final String USER = "utility-sftp";
    public static final String PASSWORD = "s3cret-sftp-pw";

    private SftpTestSources() {
    }

    /** The source of {@code type} served by {@code simulator} (its host key comes with its endpoint). */
    public static SourceConfig simulated(String type, String org, ZoneId zone, SftpDropSimulator simulator) {
        return source(type, org, zone, settings("example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl", PASSWORD),
                Optional.of(simulator.endpoint()));
    }

    /** The source of {@code type} at the simulator's address, with the given known-hosts line and password. */
    public static SourceConfig direct(String type, String org, ZoneId zone, SftpDropSimulator simulator,
            String knownHosts, String password) {
        SftpSourceSettings s = settings(knownHosts, password);
        SftpSourceSettings at = new SftpSourceSettings(simulator.server().host(), simulator.server().port(),
                s.remoteDirectory(), knownHosts, s.user(), s.password(), s.timeout(), s.encoding());
        return source(type, org, zone, at, Optional.empty());
    }

    private static SftpSourceSettings settings(String knownHosts, String password) {
        return new SftpSourceSettings("sftp.example.com", 22, SftpDropSimulator.FOLDER, knownHosts, Secret.of(USER),
                Secret.of(password), Duration.ofSeconds(10), Optional.empty());
    }

    private static SourceConfig source(String type, String org, ZoneId zone, SftpSourceSettings settings,
            Optional<java.net.URI> endpoint) {
        return new SourceConfig(type, org, zone, List.of(), settings, List.of(), Optional.empty(), endpoint);
    }
}
