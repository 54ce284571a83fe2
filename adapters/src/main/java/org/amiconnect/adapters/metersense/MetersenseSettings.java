package org.amiconnect.adapters.metersense;

import java.util.Map;

import org.amiconnect.adapters.jdbc.TunnelDatabaseSettings;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceSettings;

/**
 * Settings of a Metersense source: its Oracle database behind an SSH bastion (keys in {@link TunnelDatabaseSettings}).
 *
 * @param database the bastion, the database and their credentials
 */
public record MetersenseSettings(TunnelDatabaseSettings database) implements SourceSettings {

    /** The Oracle thin driver's service-name URL; {@code database_url} replaces it (e.g. a SID URL). */
    public static final String DEFAULT_URL = "jdbc:oracle:thin:@//{host}:{port}/{database}";
    public static final int DEFAULT_PORT = 1521;

    @Override
    public Map<String, Object> describe() {
        return database.describe();
    }

    @Override
    public Map<String, Secret> secrets() {
        return database.secrets();
    }
}
