package org.amiconnect.plugins.neptune360;

/**
 * The device id of a Neptune 360 meter: {@code "{meter_number}-{miu_id}"} (python-ami-connect §2.9), the meter number
 * and the id of its meter interface unit (the radio) joined by a hyphen, each trimmed.
 */
public final class Neptune360DeviceId {

    private Neptune360DeviceId() {
    }

    /** The device id, or null when either part is null or blank (such an item names no meter). */
    public static String of(String meterNumber, String miuId) {
        if (meterNumber == null || meterNumber.isBlank() || miuId == null || miuId.isBlank()) {
            return null;
        }
        return meterNumber.trim() + "-" + miuId.trim();
    }
}
