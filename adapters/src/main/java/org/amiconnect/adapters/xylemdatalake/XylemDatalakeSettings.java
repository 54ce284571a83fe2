package org.amiconnect.adapters.xylemdatalake;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceSettings;

/**
 * Settings of a Xylem Data Lake source (python-ami-connect §2.6; the predecessor's key names).
 *
 * @param agencyCode the agency's code, e.g. {@code hlsbo}: it names the Data Lake and Superset hosts and the schema
 *     {@code sensus_dm_<agency>}
 * @param databaseId Superset's id of the Redshift database the SQL Lab queries run on
 * @param clientId the Keycloak client the Data Lake signs in with
 * @param authUrl the Keycloak realm that signs users in ({@code https://cloud.xylem.com/xgs/auth/realms/xgsum})
 * @param datalakeUrl {@code https://<agency>.datalake.xylem-vue.com} (the login's redirect target)
 * @param supersetUrl {@code https://<agency>.superset.datalake.xylem-vue.com} (session, CSRF token, SQL Lab)
 * @param username Data Lake user (secrets.yaml)
 * @param password Data Lake password (secrets.yaml)
 * @param chunk the read tables are queried in windows of this length, newest first ({@code chunk_hours}, default
 *     12 h), to stay under Superset's row limit; a window that still hits the limit is split in halves
 * @param queryPause pause after every successful query (the predecessor's 2 s rate limiting)
 * @param maxRetries attempts of one HTTP call that meets a rate limit, a 5xx or a broken connection
 * @param retryBackoff first backoff of those retries; doubled each time, with jitter
 * @param reauthAttempts consecutive re-authentications allowed when the session keeps expiring (predecessor: 3)
 * @param reauthBackoff wait before the second consecutive re-authentication, doubled for each further one
 *     (predecessor: 10 s)
 * @param requestTimeout timeout of one HTTP call (a SQL Lab query runs synchronously)
 */
public record XylemDatalakeSettings(
        String agencyCode,
        int databaseId,
        String clientId,
        URI authUrl,
        URI datalakeUrl,
        URI supersetUrl,
        Secret username,
        Secret password,
        Duration chunk,
        Duration queryPause,
        int maxRetries,
        Duration retryBackoff,
        int reauthAttempts,
        Duration reauthBackoff,
        Duration requestTimeout) implements SourceSettings {

    /** Xylem's Keycloak realm. */
    public static final URI DEFAULT_AUTH_URL = URI.create("https://cloud.xylem.com/xgs/auth/realms/xgsum");

    /** The Data Lake of an agency: {@code https://<agency>.datalake.xylem-vue.com}. */
    public static URI datalakeOf(String agencyCode) {
        return URI.create("https://" + agencyCode + ".datalake.xylem-vue.com");
    }

    /** The Superset of an agency: {@code https://<agency>.superset.datalake.xylem-vue.com}. */
    public static URI supersetOf(String agencyCode) {
        return URI.create("https://" + agencyCode + ".superset.datalake.xylem-vue.com");
    }

    /** The Redshift schema of the agency's tables. */
    public String schema() {
        return "sensus_dm_" + agencyCode;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agency_code", agencyCode);
        m.put("database_id", databaseId);
        m.put("client_id", clientId);
        m.put("auth_url", authUrl.toString());
        m.put("datalake_url", datalakeUrl.toString());
        m.put("superset_url", supersetUrl.toString());
        m.put("chunk_hours", chunk.toHours());
        m.put("query_pause", queryPause.toString());
        m.put("max_retries", maxRetries);
        m.put("retry_backoff", retryBackoff.toString());
        m.put("reauth_attempts", reauthAttempts);
        m.put("reauth_backoff", reauthBackoff.toString());
        m.put("request_timeout", requestTimeout.toString());
        m.put("secrets", Map.of("username", Secret.MASK, "password", Secret.MASK));
        return m;
    }

    /** {@code username} and {@code password}, as keyed in secrets.yaml. */
    @Override
    public Map<String, Secret> secrets() {
        return Map.of("username", username, "password", password);
    }
}
