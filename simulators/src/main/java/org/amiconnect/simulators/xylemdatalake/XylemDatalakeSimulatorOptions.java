package org.amiconnect.simulators.xylemdatalake;

import java.time.ZoneId;
import java.util.Objects;
import org.amiconnect.simulators.generator.UtilityGenerator;

/**
 * How a {@link XylemDatalakeSimulator} behaves. Start from {@link #defaults()} and adjust with the {@code with…}
 * methods.
 *
 * @param host           interface to bind, loopback by default
 * @param port           0 picks a free port
 * @param username       the Keycloak user the login form accepts
 * @param password       its password
 * @param clientId       the Keycloak client of the agency's Data Lake (the authorization request must name it)
 * @param agencyCode     the agency: its tables are in schema {@code sensus_dm_<agency>}
 * @param databaseId     Superset's id of the agency's database (SQL Lab refuses others)
 * @param generator      the simulated utility whose meters and reads the tables hold
 * @param rowLimit       SQL Lab's row limit: a larger answer is cut to this many rows with
 *                       {@code displayLimitReached: true}
 * @param sessionQueries queries a Superset session answers before it expires (then: a redirect to the login); 0 =
 *                       never
 * @param twoStepLogin   Keycloak asks for the username first, then the password on a second form
 * @param retryAfterSeconds seconds named in the Retry-After header of an injected 429
 */
public record XylemDatalakeSimulatorOptions(
        String host,
        int port,
        String username,
        String password,
        String clientId,
        String agencyCode,
        int databaseId,
        UtilityGenerator generator,
        int rowLimit,
        int sessionQueries,
        boolean twoStepLogin,
        int retryAfterSeconds) {

    public static final String DEFAULT_USERNAME = "datalake-user@example.org";
    public static final String DEFAULT_PASSWORD = "datalake-password";
    public static final String DEFAULT_CLIENT_ID = "datalake-web";
    public static final String DEFAULT_AGENCY = "simagency";
    public static final int DEFAULT_DATABASE_ID = 2;

    public XylemDatalakeSimulatorOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(agencyCode, "agencyCode");
        Objects.requireNonNull(generator, "generator");
        if (port < 0 || rowLimit < 1 || sessionQueries < 0 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("port, sessionQueries and retryAfterSeconds must be >= 0 and rowLimit "
                    + ">= 1: " + port + ", " + sessionQueries + ", " + retryAfterSeconds + ", " + rowLimit);
        }
    }

    /**
     * Loopback on a free port, 100 meters (seed 42) in America/Los_Angeles, Superset's default row limit of 100,000,
     * sessions that do not expire, a single-step login form.
     */
    public static XylemDatalakeSimulatorOptions defaults() {
        return new XylemDatalakeSimulatorOptions("127.0.0.1", 0, DEFAULT_USERNAME, DEFAULT_PASSWORD,
                DEFAULT_CLIENT_ID, DEFAULT_AGENCY, DEFAULT_DATABASE_ID,
                new UtilityGenerator(42L, 100, ZoneId.of("America/Los_Angeles")), 100_000, 0, false, 1);
    }

    public XylemDatalakeSimulatorOptions withCredentials(String username, String password) {
        return new XylemDatalakeSimulatorOptions(host, port, username, password, clientId, agencyCode, databaseId,
                generator, rowLimit, sessionQueries, twoStepLogin, retryAfterSeconds);
    }

    public XylemDatalakeSimulatorOptions withAgency(String agencyCode, int databaseId, String clientId) {
        return new XylemDatalakeSimulatorOptions(host, port, username, password, clientId, agencyCode, databaseId,
                generator, rowLimit, sessionQueries, twoStepLogin, retryAfterSeconds);
    }

    /** Shorthand for a generator of {@code meterCount} meters from {@code seed} in {@code zone}. */
    public XylemDatalakeSimulatorOptions withUtility(long seed, int meterCount, ZoneId zone) {
        return new XylemDatalakeSimulatorOptions(host, port, username, password, clientId, agencyCode, databaseId,
                new UtilityGenerator(seed, meterCount, zone), rowLimit, sessionQueries, twoStepLogin,
                retryAfterSeconds);
    }

    public XylemDatalakeSimulatorOptions withRowLimit(int rowLimit) {
        return new XylemDatalakeSimulatorOptions(host, port, username, password, clientId, agencyCode, databaseId,
                generator, rowLimit, sessionQueries, twoStepLogin, retryAfterSeconds);
    }

    public XylemDatalakeSimulatorOptions withSessionQueries(int sessionQueries) {
        return new XylemDatalakeSimulatorOptions(host, port, username, password, clientId, agencyCode, databaseId,
                generator, rowLimit, sessionQueries, twoStepLogin, retryAfterSeconds);
    }

    public XylemDatalakeSimulatorOptions withTwoStepLogin(boolean twoStepLogin) {
        return new XylemDatalakeSimulatorOptions(host, port, username, password, clientId, agencyCode, databaseId,
                generator, rowLimit, sessionQueries, twoStepLogin, retryAfterSeconds);
    }

    public XylemDatalakeSimulatorOptions withRetryAfterSeconds(int retryAfterSeconds) {
        return new XylemDatalakeSimulatorOptions(host, port, username, password, clientId, agencyCode, databaseId,
                generator, rowLimit, sessionQueries, twoStepLogin, retryAfterSeconds);
    }
}
