package org.amiconnect.plugins.neptune360;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The duplicates of one extract: the Neptune 360 API returns the same endpoint, and the same read of a device, more
 * than once, even for the key {@code meter_number-miu_id}; the predecessor logged and dropped them
 * (python-ami-connect §2.9). The first occurrence is kept and every later one counted. Reads are the same when their
 * device and read instant are; a read whose time is not an instant is compared by its text. Not thread-safe: one
 * extract owns it.
 */
public final class Neptune360Duplicates {

    private final Set<String> endpoints = new HashSet<>();
    /** Per device, the epoch seconds of its reads seen so far, sorted; a device has a few dozen reads a window. */
    private final Map<String, long[]> readInstants = new HashMap<>();
    private final Map<String, Integer> readCounts = new HashMap<>();
    private final Set<String> readTexts = new HashSet<>();
    private long droppedEndpoints;
    private long droppedReads;

    /** True the first time a device's endpoint is seen; false (and counted) for every repeat. */
    public boolean firstEndpoint(String deviceId) {
        if (endpoints.add(deviceId)) {
            return true;
        }
        droppedEndpoints++;
        return false;
    }

    /**
     * True the first time a device's read at {@code epochSecond} is seen; false (and counted) for every repeat.
     */
    public boolean firstRead(String deviceId, long epochSecond) {
        long[] seen = readInstants.get(deviceId);
        int count = readCounts.getOrDefault(deviceId, 0);
        if (seen == null) {
            seen = new long[8];
        }
        int at = Arrays.binarySearch(seen, 0, count, epochSecond);
        if (at >= 0) {
            droppedReads++;
            return false;
        }
        int insert = -at - 1;
        if (count == seen.length) {
            seen = Arrays.copyOf(seen, count * 2);
        }
        System.arraycopy(seen, insert, seen, insert + 1, count - insert);
        seen[insert] = epochSecond;
        readInstants.put(deviceId, seen);
        readCounts.put(deviceId, count + 1);
        return true;
    }

    /** As {@link #firstRead(String, long)} for a read time that is not an instant, compared as text. */
    public boolean firstRead(String deviceId, String readTimeText) {
        if (readTexts.add(deviceId + "\u0000" + readTimeText)) {
            return true;
        }
        droppedReads++;
        return false;
    }

    /** Whether an endpoint of the device was seen in this extract. */
    public boolean endpointSeen(String deviceId) {
        return endpoints.contains(deviceId);
    }

    public long droppedEndpoints() {
        return droppedEndpoints;
    }

    public long droppedReads() {
        return droppedReads;
    }
}
