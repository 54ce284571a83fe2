package org.amiconnect.extractor;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Run ids read well in logs and sort by time: {@code <org>.<extract>.<yyyyMMddTHHmmssZ>.<8 hex>}. */
public final class RunIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    public static String next(String orgId, String extractName, Instant now) {
        return orgId + "." + extractName + "." + STAMP.format(now) + "." + UUID.randomUUID().toString().substring(0, 8);
    }
}
