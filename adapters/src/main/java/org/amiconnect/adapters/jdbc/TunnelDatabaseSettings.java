package org.amiconnect.adapters.jdbc;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.config.ConfigNode;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceSettings;

/**
 * Settings of a vendor database reached through an SSH bastion (Metersense, Xylem Moulton Niguel), with the
 * predecessor's key names (python-ami-connect §2.3, §2.7) and the new ones the tunnel needs to be safe.
 *
 * @param vendorName the vendor as errors name it, e.g. {@code Metersense}
 * @param sshHost the bastion ({@code ssh_tunnel_server_host})
 * @param sshPort its SSH port ({@code ssh_tunnel_server_port}, 22)
 * @param knownHosts the bastion's host key as known_hosts lines ({@code ssh_tunnel_known_hosts}); required: a tunnel
 *     never trusts an unseen key
 * @param sshUser the user on the bastion (secret {@code ssh_tunnel_username})
 * @param sshPrivateKey a private key as text (secret {@code ssh_tunnel_private_key}, PEM or OpenSSH); preferred
 * @param sshKeyPath a private key file ({@code ssh_tunnel_key_path}), used when no key text is given
 * @param sshKeyPassphrase the key's passphrase when it is encrypted (secret {@code ssh_tunnel_private_key_passphrase})
 * @param sshPassword a password for the bastion (secret {@code ssh_tunnel_password}), used when no key is given
 * @param databaseHost the database host as the bastion sees it ({@code database_host})
 * @param databasePort its port ({@code database_port})
 * @param databaseUrl the JDBC URL template ({@code database_url}): {@code {host}} and {@code {port}} become the
 *     tunnel's local end, {@code {database}} the database name
 * @param databaseName the database or service name (secret {@code database_db_name})
 * @param databaseUser the database user (secret {@code database_user})
 * @param databasePassword the database password (secret {@code database_password})
 * @param fetchSize rows fetched per round trip ({@code fetch_size}); result sets are streamed, never held whole
 * @param connectTimeout limit of the SSH connect and sign-in, and of the database login ({@code connect_timeout})
 * @param queryTimeout limit of one query ({@code query_timeout})
 */
public record TunnelDatabaseSettings(
        String vendorName,
        String sshHost,
        int sshPort,
        String knownHosts,
        Secret sshUser,
        Optional<Secret> sshPrivateKey,
        Optional<Path> sshKeyPath,
        Optional<Secret> sshKeyPassphrase,
        Optional<Secret> sshPassword,
        String databaseHost,
        int databasePort,
        String databaseUrl,
        Secret databaseName,
        Secret databaseUser,
        Secret databasePassword,
        int fetchSize,
        Duration connectTimeout,
        Duration queryTimeout) implements SourceSettings {

    /** The query parameters of a simulated source's endpoint that replace settings (see {@link #pointedAt}). */
    public static final String KNOWN_HOSTS = "ssh_tunnel_known_hosts";
    /** The query parameter of a simulated source's endpoint that carries the simulated bastion's known-hosts line. */
    public static final String ENDPOINT_KNOWN_HOSTS = "known_hosts";
    public static final String DATABASE_HOST = "database_host";
    public static final String DATABASE_PORT = "database_port";
    public static final String DATABASE_URL = "database_url";

    /**
     * Reads the settings of one source; problems are reported on the nodes (file and key path), never thrown.
     *
     * @param defaultPort the vendor's usual database port
     * @param defaultUrl the JDBC URL template of the vendor's database
     */
    public static TunnelDatabaseSettings parse(String vendorName, ConfigNode source, ConfigNode secrets,
            int defaultPort, String defaultUrl) {
        String host = source.requiredString("ssh_tunnel_server_host", "the SSH bastion's host name");
        int port = source.integer("ssh_tunnel_server_port", 22, 1, 65_535);
        String knownHosts = source.requiredString(KNOWN_HOSTS, "the bastion's host key as a known_hosts line "
                + "(e.g. the output of ssh-keyscan); the tunnel never accepts a key it has not been given");
        Optional<Path> keyPath = source.optionalString("ssh_tunnel_key_path").map(Path::of);
        String databaseHost = source.requiredString(DATABASE_HOST, "the database host as the bastion reaches it");
        int databasePort = source.integer(DATABASE_PORT, defaultPort, 1, 65_535);
        String url = source.string(DATABASE_URL, defaultUrl);
        if (url != null && !url.startsWith("jdbc:")) {
            source.error(DATABASE_URL, "'" + url + "' is not a JDBC URL (expected e.g. " + defaultUrl + ")");
        }
        int fetchSize = source.integer("fetch_size", 10_000, 1, 1_000_000);
        Duration connectTimeout = source.duration("connect_timeout", Duration.ofSeconds(30));
        Duration queryTimeout = source.duration("query_timeout", Duration.ofMinutes(30));

        Secret user = secrets.requiredSecret("ssh_tunnel_username", "the user on the SSH bastion");
        Optional<Secret> key = secrets.optionalSecret("ssh_tunnel_private_key");
        Optional<Secret> passphrase = secrets.optionalSecret("ssh_tunnel_private_key_passphrase");
        Optional<Secret> password = secrets.optionalSecret("ssh_tunnel_password");
        if (key.isEmpty() && keyPath.isEmpty() && password.isEmpty()) {
            secrets.error("ssh_tunnel_private_key", "missing; expected the bastion's private key (PEM), or "
                    + "ssh_tunnel_key_path in config.yaml, or ssh_tunnel_password");
        }
        Secret name = secrets.requiredSecret("database_db_name", "the " + vendorName + " database name");
        Secret dbUser = secrets.requiredSecret("database_user", "the " + vendorName + " database user");
        Secret dbPassword = secrets.requiredSecret("database_password", "the " + vendorName + " database password");
        return new TunnelDatabaseSettings(vendorName, host, port, knownHosts, user, key, keyPath, passphrase, password,
                databaseHost, databasePort, url, name, dbUser, dbPassword, fetchSize, connectTimeout, queryTimeout);
    }

    /**
     * These settings pointed at a simulator: the endpoint's host and port are the bastion's, and its query parameters
     * {@value #ENDPOINT_KNOWN_HOSTS}, {@value #DATABASE_HOST}, {@value #DATABASE_PORT} and {@value #DATABASE_URL}
     * (URL-encoded) replace those settings. The credentials stay the source's own.
     */
    public TunnelDatabaseSettings pointedAt(URI endpoint) {
        Map<String, String> query = new LinkedHashMap<>();
        if (endpoint.getRawQuery() != null) {
            for (String pair : endpoint.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return new TunnelDatabaseSettings(vendorName, endpoint.getHost(),
                endpoint.getPort() > 0 ? endpoint.getPort() : sshPort,
                query.getOrDefault(ENDPOINT_KNOWN_HOSTS, knownHosts), sshUser, sshPrivateKey, sshKeyPath,
                sshKeyPassphrase, sshPassword, query.getOrDefault(DATABASE_HOST, databaseHost),
                query.containsKey(DATABASE_PORT) ? Integer.parseInt(query.get(DATABASE_PORT)) : databasePort,
                query.getOrDefault(DATABASE_URL, databaseUrl), databaseName, databaseUser, databasePassword, fetchSize,
                connectTimeout, queryTimeout);
    }

    /** The JDBC URL for a tunnel whose local end is {@code localHost:localPort}. */
    public String jdbcUrl(String localHost, int localPort) {
        return databaseUrl.replace("{host}", localHost).replace("{port}", Integer.toString(localPort))
                .replace("{database}", databaseName.reveal());
    }

    /** The bastion as errors name it: {@code host:port}. */
    public String sshAddress() {
        return sshHost + ":" + sshPort;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ssh_tunnel_server_host", sshHost);
        m.put("ssh_tunnel_server_port", sshPort);
        m.put(KNOWN_HOSTS, knownHosts);
        sshKeyPath.ifPresent(p -> m.put("ssh_tunnel_key_path", p.toString()));
        m.put(DATABASE_HOST, databaseHost);
        m.put(DATABASE_PORT, databasePort);
        m.put(DATABASE_URL, databaseUrl);
        m.put("fetch_size", fetchSize);
        m.put("connect_timeout", connectTimeout.toString());
        m.put("query_timeout", queryTimeout.toString());
        Map<String, Object> masked = new LinkedHashMap<>();
        secrets().keySet().stream().sorted().forEach(k -> masked.put(k, Secret.MASK));
        m.put("secrets", masked);
        return m;
    }

    @Override
    public Map<String, Secret> secrets() {
        Map<String, Secret> s = new LinkedHashMap<>();
        s.put("ssh_tunnel_username", sshUser);
        sshPrivateKey.ifPresent(k -> s.put("ssh_tunnel_private_key", k));
        sshKeyPassphrase.ifPresent(k -> s.put("ssh_tunnel_private_key_passphrase", k));
        sshPassword.ifPresent(k -> s.put("ssh_tunnel_password", k));
        s.put("database_db_name", databaseName);
        s.put("database_user", databaseUser);
        s.put("database_password", databasePassword);
        return s;
    }
}
