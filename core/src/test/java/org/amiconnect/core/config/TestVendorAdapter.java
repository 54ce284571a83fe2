package org.amiconnect.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.SourceAdapter;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.schemas.model.GeneralMeterRead;

/**
 * A minimal vendor for core's own tests (core cannot see the real adapters): config type {@code test_vendor},
 * optional setting {@code api_url}, required secret {@code api_key}. Registered through META-INF/services so tests
 * exercise the same ServiceLoader path as production.
 */
public class TestVendorAdapter implements SourceAdapter {

    public static final String TYPE = "test_vendor";
    public static final URI DEFAULT_API_URL = URI.create("https://api.test-vendor.example");
    public static final RawEntity READING = new RawEntity("testvendor", "reading", GeneralMeterRead.class,
            "test_vendor_base", Map.of(), List.of("device_id", "flowtime"));

    /** What {@link #parseSettings} produces. */
    public record Settings(URI apiUrl, Secret apiKey) implements SourceSettings {
        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("api_url", apiUrl.toString());
            m.put("secrets", Map.of("api_key", Secret.MASK));
            return m;
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String vendor() {
        return "testvendor";
    }

    @Override
    public SourceSettings parseSettings(ConfigNode source, ConfigNode secrets) {
        URI api = source.optionalString("api_url").map(URI::create).orElse(DEFAULT_API_URL);
        return new Settings(api, secrets.requiredSecret("api_key", "the Test Vendor API key"));
    }

    @Override
    public List<RawEntity> rawEntities() {
        return List.of(READING);
    }

    @Override
    public List<ScheduledExtract> scheduledExtracts() {
        return List.of(ScheduledExtract.standard(Duration.ofDays(2)));
    }

    @Override
    public Extractor extractor(SourceConfig source) {
        return (window, sink) -> new ExtractSummary(0, 0, "nothing");
    }

    @Override
    public Normalizer normalizer(SourceConfig source) {
        return raw -> new Normalized(List.of(), List.of(), 0);
    }

    /** The API key that a loaded configuration holds for this vendor's source {@code orgId}. */
    static Secret apiKeyOf(AmiConnectConfig config, String orgId) {
        return config.source(orgId).orElseThrow().settings(Settings.class).apiKey();
    }
}
