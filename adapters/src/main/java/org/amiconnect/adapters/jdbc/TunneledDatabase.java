package org.amiconnect.adapters.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.amiconnect.adapters.ssh.SshConnection;
import org.amiconnect.adapters.ssh.SshFailure;
import org.amiconnect.adapters.ssh.SshLogin;
import org.amiconnect.adapters.ssh.SshTarget;
import org.amiconnect.core.adapter.ExtractException;

/**
 * A database connection through an SSH local port forward, as the predecessor opened it for Metersense and Moulton
 * Niguel: sign in to the bastion (its host key checked against the configured known-hosts line), forward a free
 * loopback port to {@code database_host:database_port}, and open one JDBC connection to it, read-only and outside
 * auto-commit (so result sets stream with a cursor). One extract run uses one; closing it closes the connection and
 * then the tunnel.
 *
 * <p>Failures are {@link ExtractException}s naming the org and the host: a host key other than the configured one and
 * refused SSH or database credentials are not retried; an unreachable bastion or database, or a tunnel that drops,
 * is.
 */
public final class TunneledDatabase implements AutoCloseable {

    private final SshConnection ssh;
    private final Connection connection;
    private final String describe;

    private TunneledDatabase(SshConnection ssh, Connection connection, String describe) {
        this.ssh = ssh;
        this.connection = connection;
        this.describe = describe;
    }

    /**
     * @param type the source's config type, e.g. {@code metersense}
     * @throws ExtractException AUTH for a refused host key or credentials, TRANSIENT when a server cannot be reached
     */
    public static TunneledDatabase open(String type, String orgId, TunnelDatabaseSettings settings)
            throws ExtractException {
        String where = type + " source '" + orgId + "'";
        String database = settings.databaseHost() + ":" + settings.databasePort();
        SshTarget target = new SshTarget(orgId, settings.sshHost(), settings.sshPort(), settings.sshUser().reveal(),
                settings.knownHosts(), settings.connectTimeout());
        SshConnection ssh;
        try {
            ssh = SshConnection.open(target, login(settings));
        } catch (SshFailure e) {
            throw new ExtractException(kind(e), where + ": SSH tunnel to " + settings.vendorName() + " database "
                    + database + " via " + settings.sshAddress() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ExtractException(ExtractException.Kind.PERMANENT, where + ": " + e.getMessage(), e);
        }
        String describe = where + " (" + settings.vendorName() + " database " + database + " via "
                + settings.sshAddress() + ")";
        try {
            int localPort = ssh.openTunnel(settings.databaseHost(), settings.databasePort());
            Properties props = new Properties();
            props.setProperty("user", settings.databaseUser().reveal());
            props.setProperty("password", settings.databasePassword().reveal());
            // PostgreSQL/Redshift driver: bound login and socket waits; Oracle reads its own from the URL
            props.setProperty("connectTimeout", Long.toString(settings.connectTimeout().toSeconds()));
            props.setProperty("loginTimeout", Long.toString(settings.connectTimeout().toSeconds()));
            props.setProperty("oracle.net.CONNECT_TIMEOUT", Long.toString(settings.connectTimeout().toMillis()));
            Connection connection = DriverManager.getConnection(settings.jdbcUrl("127.0.0.1", localPort), props);
            try {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new TunneledDatabase(ssh, connection, describe);
        } catch (SshFailure e) {
            ssh.close();
            throw new ExtractException(kind(e), describe + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            ssh.close();
            throw SqlFailures.of(describe + ": connecting to the database through the tunnel", e);
        }
    }

    private static SshLogin login(TunnelDatabaseSettings s) {
        if (s.sshPrivateKey().isPresent()) {
            return SshLogin.privateKey(s.sshPrivateKey().get(), s.sshKeyPassphrase());
        }
        if (s.sshKeyPath().isPresent()) {
            return SshLogin.keyFile(s.sshKeyPath().get(), s.sshKeyPassphrase());
        }
        return SshLogin.password(s.sshPassword().orElseThrow());
    }

    private static ExtractException.Kind kind(SshFailure e) {
        return switch (e.kind()) {
            case HOST_KEY, AUTH -> ExtractException.Kind.AUTH;
            case REFUSED -> ExtractException.Kind.PERMANENT;
            case CONNECTION -> ExtractException.Kind.TRANSIENT;
        };
    }

    /** The open connection (not in auto-commit mode, read-only). */
    public Connection connection() {
        return connection;
    }

    /** How errors name this database: the org, the vendor, the database and the bastion. */
    public String describe() {
        return describe;
    }

    /** Whether the SSH session still carries the tunnel (a dropped connection closes it). */
    public boolean tunnelOpen() {
        return ssh.isOpen();
    }

    @Override
    public void close() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // a broken connection has nothing to roll back
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a broken connection fails; the tunnel is closed below either way
        } finally {
            ssh.close();
        }
    }
}
