package org.amiconnect.loader.checks;

import java.time.ZoneId;
import java.util.Map;

/**
 * What checks need to know besides the warehouse.
 *
 * @param orgZones each configured org's time zone, in which its days are counted; other orgs count in UTC
 */
public record CheckContext(Map<String, ZoneId> orgZones) {

    private static final ZoneId UTC = ZoneId.of("UTC");

    public CheckContext {
        orgZones = Map.copyOf(orgZones);
    }

    public ZoneId zoneOf(String org) {
        return orgZones.getOrDefault(org, UTC);
    }
}
