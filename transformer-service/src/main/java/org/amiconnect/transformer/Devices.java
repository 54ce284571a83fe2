package org.amiconnect.transformer;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One processor's access to the {@code last-registers} store ({@link DeviceRecord} by org|device), remembering the
 * record it last read or wrote until {@link #forget()}: a Beacon 360 row's meter and read are of one device, so the
 * meter's check and the read's checks share one store lookup.
 *
 * <p>The processor calls {@link #forget()} at the start of every {@code process} call and punctuation, so the memory
 * never outlives one input record: another processor of the task (which writes the store through its own instance),
 * a restore or a re-initialized task cannot leave it stale. Writes go to the store at once.
 */
final class Devices {

    private final KeyValueStore<String, DeviceRecord> store;
    private String key;
    private DeviceRecord value;

    Devices(KeyValueStore<String, DeviceRecord> store) {
        this.store = store;
    }

    /** The record of org|device {@code deviceKey}, or null when there is none. */
    DeviceRecord get(String deviceKey) {
        if (!deviceKey.equals(key)) {
            value = store.get(deviceKey);
            key = deviceKey;
        }
        return value;
    }

    /**
     * Writes {@code next} as the device's record unless it equals what is {@code stored} (the record as read, null when
     * none) or, where there was none, says nothing ({@link DeviceRecord#empty()}).
     */
    void put(String deviceKey, DeviceRecord stored, DeviceRecord next) {
        if (next.equals(stored) || stored == null && next.empty()) {
            return;
        }
        store.put(deviceKey, next);
        key = deviceKey;
        value = next;
    }

    /** Drops the remembered record; the next {@link #get} reads the store. */
    void forget() {
        key = null;
        value = null;
    }
}
