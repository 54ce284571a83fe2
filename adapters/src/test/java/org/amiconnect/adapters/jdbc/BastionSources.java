package org.amiconnect.adapters.jdbc;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.adapter.SourceAdapter;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.config.SourceSettings;
import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.VendorSimulator;
import org.apache.avro.specific.SpecificRecord;

/**
 * Sources of the database vendors pointed at a simulated bastion the way {@code simulate:} points them: the
 * configured bastion and database are the vendor's, the simulator's endpoint replaces them.
 */
public final class BastionSources {

    public static final String ORG = "bastion_utility";
    public static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    public static final String SSH_USER = "tunnel-user";
    public static final String SSH_PASSWORD = "Tunnel-pw-41";
    public static final String DB_USER = "postgres";
    public static final String DB_PASSWORD = "Db-secret-7";

    /** One published record. */
    public record Published(RawEntity entity, String key, SpecificRecord record) {
    }

    private BastionSources() {
    }

    /** What a simulator needs to accept the source's credentials. */
    public static SimulatedSource simulated(long seed, int meters) {
        return new SimulatedSource(seed, meters, LOS_ANGELES, Map.of("ssh_tunnel_username", SSH_USER,
                "ssh_tunnel_password", SSH_PASSWORD, "database_user", DB_USER, "database_password", DB_PASSWORD,
                "database_db_name", "test"));
    }

    /** A valid known_hosts line of a host key no simulator has (the vendor's real bastion, as configured). */
    public static final String VENDOR_HOST_KEY = vendorHostKey();

    private static String vendorHostKey() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return "bastion.vendor.example " + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(
                    generator.generateKeyPair().getPublic());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Settings as configured for the vendor (bastion and database names that are not reachable from here). */
    public static TunnelDatabaseSettings settings(String vendorName, String sshPassword, String urlTemplate,
            int fetchSize) {
        return new TunnelDatabaseSettings(vendorName, "bastion.vendor.example", 22,
                VENDOR_HOST_KEY,
                Secret.of(SSH_USER), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Secret.of(sshPassword)), "db.vendor.internal", 1521, urlTemplate, Secret.of("test"),
                Secret.of(DB_USER), Secret.of(DB_PASSWORD), fetchSize, Duration.ofSeconds(10), Duration.ofMinutes(2));
    }

    /** A source of {@code type} with {@code settings}, pointed at {@code simulator}. */
    public static SourceConfig source(String type, SourceSettings settings, VendorSimulator simulator) {
        return new SourceConfig(type, ORG, LOS_ANGELES, List.of("warehouse"), settings, List.of(), Optional.empty(),
                Optional.empty()).withEndpoint(simulator.endpoint());
    }

    /** Extracts {@code window} of {@code source} into {@code into}. */
    public static ExtractSummary extract(SourceAdapter adapter, SourceConfig source, ExtractWindow window,
            List<Published> into) throws ExtractException, InterruptedException {
        return extract(adapter, source, window, (entity, key, record) -> into.add(new Published(entity, key, record)));
    }

    public static ExtractSummary extract(SourceAdapter adapter, SourceConfig source, ExtractWindow window,
            RawRecordSink sink) throws ExtractException, InterruptedException {
        try (Extractor extractor = adapter.extractor(source)) {
            return extractor.extract(window, sink);
        }
    }

    /** The records of {@code entity} among {@code published}. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> List<T> of(List<Published> published, RawEntity entity) {
        List<T> out = new ArrayList<>();
        for (Published p : published) {
            if (p.entity().equals(entity)) {
                out.add((T) p.record());
            }
        }
        return out;
    }
}
