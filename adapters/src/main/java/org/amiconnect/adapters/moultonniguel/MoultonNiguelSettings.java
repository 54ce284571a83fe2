package org.amiconnect.adapters.moultonniguel;

import java.util.Map;

import org.amiconnect.adapters.jdbc.TunnelDatabaseSettings;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceSettings;

/**
 * Settings of a Xylem Moulton Niguel source: its Redshift database behind an SSH bastion (keys in
 * {@link TunnelDatabaseSettings}). Redshift speaks PostgreSQL's protocol, so the PostgreSQL driver connects.
 *
 * @param database the bastion, the database and their credentials
 */
public record MoultonNiguelSettings(TunnelDatabaseSettings database) implements SourceSettings {

    public static final String DEFAULT_URL = "jdbc:postgresql://{host}:{port}/{database}?sslmode=prefer";
    public static final int DEFAULT_PORT = 5439;

    @Override
    public Map<String, Object> describe() {
        return database.describe();
    }

    @Override
    public Map<String, Secret> secrets() {
        return database.secrets();
    }
}
