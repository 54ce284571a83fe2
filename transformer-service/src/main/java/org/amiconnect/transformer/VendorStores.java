package org.amiconnect.transformer;

/** Names of one vendor's state stores; each is changelogged, so a restarted task resumes where it stopped. */
record VendorStores(String vendor) {

    /**
     * org|device → fingerprint of the meter last published, as earlier versions kept it; now only read for a device
     * whose {@link #lastRegisters()} record has no fingerprint yet (state written by such a version).
     */
    String lastMeters() {
        return "last-meters." + vendor;
    }

    /** org|device \u0001 flowtime → the read last published or held (without quality flags). */
    String reads() {
        return "reads." + vendor;
    }

    /** org|device \u0001 flowtime → wall-clock ms a lone half started waiting for its other half. */
    String heldHalves() {
        return "held-halves." + vendor;
    }

    /** org|device \u0001 topic \u0001 partition \u0001 offset → a raw read record waiting for its meter's metadata. */
    String pendingReads() {
        return "pending-reads." + vendor;
    }

    /**
     * org|device → the device's record ({@link DeviceRecord}): flowtime micros and register (cf) of the newest register
     * seen, the newest flowtime the device has in {@link #reads()}, and the fingerprint of the meter last published.
     * The name is kept from when it held only the register, so its changelog is still the one restored.
     */
    String lastRegisters() {
        return "last-registers." + vendor;
    }

    /** org|device → the partial meter one metadata entity last described (or its versions by validity start). */
    String metadata(String entity) {
        return "metadata." + vendor + "." + entity;
    }
}
