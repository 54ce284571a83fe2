package org.amiconnect.adapters.sftpvendor;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.adapters.ssh.SshTarget;
import org.amiconnect.core.config.ConfigNode;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceSettings;
import org.amiconnect.core.vendorfile.TextEncoding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings of a source whose vendor drops files on an SFTP server (python-ami-connect §2.1, §2.8: the same keys for
 * Aclara and Xylem Sensus).
 *
 * @param host {@code sftp_host}
 * @param port {@code sftp_port}, default 22
 * @param remoteDirectory {@code sftp_remote_data_directory}: the folder listed, relative to the login folder or absolute
 * @param knownHosts {@code sftp_known_hosts_str}: the server's known_hosts line(s); its host key must be one of them
 * @param user {@code sftp_user} (secrets.yaml)
 * @param password {@code sftp_password} (secrets.yaml)
 * @param timeout {@code sftp_timeout}, default 30s: connecting, key exchange and login, each
 * @param encoding {@code encoding}: the files' character set when they have no byte order mark, default UTF-8
 */
public record SftpSourceSettings(String host, int port, String remoteDirectory, String knownHosts, Secret user,
        Secret password, Duration timeout, Optional<Charset> encoding) implements SourceSettings {

    private static final Logger log = LoggerFactory.getLogger(SftpSourceSettings.class);

    public SftpSourceSettings {
        encoding = encoding == null ? Optional.empty() : encoding;
    }

    /**
     * Reads the keys of one source and its secrets; every problem is reported through the nodes (file and key path).
     * {@code sftp_local_download_directory} and {@code sftp_local_known_hosts_file} are accepted for a predecessor's
     * config and ignored (files are streamed, never downloaded; the host key comes from {@code sftp_known_hosts_str}).
     *
     * @param vendor names the vendor in the secrets' descriptions, e.g. {@code Aclara}
     */
    public static SftpSourceSettings parse(ConfigNode source, ConfigNode secrets, String vendor) {
        String host = source.requiredString("sftp_host", "the " + vendor + " SFTP server's host name");
        int port = source.integer("sftp_port", SshTarget.DEFAULT_PORT, 1, 65_535);
        String folder = source.requiredString("sftp_remote_data_directory", "the folder on the SFTP server that holds "
                + "the " + vendor + " files");
        String knownHosts = source.optionalString("sftp_known_hosts_str").orElse(null);
        if (knownHosts == null || knownHosts.isBlank()) {
            source.error("sftp_known_hosts_str", "missing; expected the SFTP server's known_hosts line (as "
                    + "'ssh-keyscan " + (host == null ? "<host>" : host) + "' prints it): its host key is checked, "
                    + "never accepted unseen");
            knownHosts = "";
        }
        for (String ignored : new String[] {"sftp_local_download_directory", "sftp_local_known_hosts_file"}) {
            if (source.has(ignored)) {
                source.string(ignored, null);
                log.info("{}: {}.{} is ignored: files are streamed from the server, and its host key is "
                        + "sftp_known_hosts_str", source.file(), source.path(), ignored);
            }
        }
        Secret user = secrets.requiredSecret("sftp_user", "the " + vendor + " SFTP user");
        Secret password = secrets.requiredSecret("sftp_password", "the " + vendor + " SFTP password");
        return new SftpSourceSettings(host, port, folder, knownHosts, user, password,
                source.duration("sftp_timeout", SshTarget.DEFAULT_TIMEOUT), TextEncoding.configured(source));
    }

    /**
     * The server to sign in to: this source's, or the simulator's when the source is simulated ({@code endpoint}
     * {@code sftp://host:port/?known_hosts=<line>}: a simulator generates its host key, so it hands the line over with
     * its address).
     */
    public SshTarget target(String orgId, Optional<URI> endpoint) {
        if (endpoint.isEmpty()) {
            return new SshTarget(orgId, host, port, user.reveal(), knownHosts, timeout);
        }
        URI e = endpoint.get();
        String lines = knownHosts;
        String query = e.getRawQuery();
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("known_hosts=")) {
                    lines = URLDecoder.decode(part.substring("known_hosts=".length()), StandardCharsets.UTF_8);
                }
            }
        }
        return new SshTarget(orgId, e.getHost(), e.getPort() < 0 ? SshTarget.DEFAULT_PORT : e.getPort(),
                user.reveal(), lines, timeout);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sftp_host", host);
        m.put("sftp_port", port);
        m.put("sftp_remote_data_directory", remoteDirectory);
        m.put("sftp_known_hosts_str", knownHosts);
        m.put("sftp_timeout", timeout.toString());
        encoding.ifPresent(charset -> m.put(TextEncoding.CONFIG_KEY, charset.name()));
        m.put("secrets", Map.of("sftp_user", Secret.MASK, "sftp_password", Secret.MASK));
        return m;
    }

    /** {@code sftp_user} and {@code sftp_password}, as keyed in secrets.yaml. */
    @Override
    public Map<String, Secret> secrets() {
        return Map.of("sftp_user", user, "sftp_password", password);
    }
}
