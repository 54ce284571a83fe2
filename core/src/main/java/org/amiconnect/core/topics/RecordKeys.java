package org.amiconnect.core.topics;

/**
 * Record keys: {@code <org_id>|<id>}. Keying by org and device keeps one meter's records in order on one partition.
 * {@code |} is used because vendor ids contain {@code -}, {@code .} and {@code :} but not {@code |}.
 */
public final class RecordKeys {

    public static final char SEPARATOR = '|';

    private RecordKeys() {
    }

    public static String of(String orgId, String id) {
        return orgId + SEPARATOR + (id == null ? "" : id);
    }

    public static String orgOf(String key) {
        int i = key.indexOf(SEPARATOR);
        return i < 0 ? key : key.substring(0, i);
    }
}
