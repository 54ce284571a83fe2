package org.amiconnect.core.config;

import java.net.URI;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.schedule.ScheduledExtract;

/**
 * One utility's feed from one vendor.
 *
 * @param type adapter type, e.g. {@code beacon_360}
 * @param orgId the utility's id, the multi-tenancy key of every record
 * @param timezone the zone in which the vendor's naive timestamps were written
 * @param sinks ids of the sinks this source's data is loaded into
 * @param settings vendor settings and secrets, parsed by the adapter
 * @param schedules scheduled extracts overriding the adapter's defaults (empty = defaults)
 * @param simulate serve the source from a local simulator
 * @param endpoint base address overriding the vendor's (set when the source is simulated)
 */
public record SourceConfig(
        String type,
        String orgId,
        ZoneId timezone,
        List<String> sinks,
        SourceSettings settings,
        List<ScheduledExtract> schedules,
        Optional<SimulationSettings> simulate,
        Optional<URI> endpoint) {

    public <T extends SourceSettings> T settings(Class<T> type) {
        return type.cast(settings);
    }

    public SourceConfig withEndpoint(URI uri) {
        return new SourceConfig(type, orgId, timezone, sinks, settings, schedules, simulate, Optional.of(uri));
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("org_id", orgId);
        m.put("timezone", timezone.getId());
        m.put("sinks", sinks);
        m.putAll(settings.describe());
        if (!schedules.isEmpty()) {
            m.put("schedules", schedules.stream().map(s -> Map.of("name", s.name(), "window", s.window().toString(),
                    "lag", s.lag().toString(), "cron", s.cron())).toList());
        }
        simulate.ifPresent(s -> m.put("simulate", Map.of("meters", s.meters(), "seed", s.seed())));
        return m;
    }
}
