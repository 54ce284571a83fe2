package org.amiconnect.core.topics;

import org.amiconnect.core.adapter.RawEntity;

/** Every topic name AMI Connect uses, with the configured prefix (e.g. {@code prod.}) applied. */
public final class Topics {

    private final String prefix;

    public Topics(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** Manual extract requests, keyed by org_id. */
    public String extractRequests() {
        return prefix + "ami.control.extract-requests";
    }

    /** Extract run states, keyed by run id, compacted. */
    public String extractRuns() {
        return prefix + "ami.control.extract-runs";
    }

    /** Events published after a run's data is loaded. */
    public String loadEvents() {
        return prefix + "ami.control.load-events";
    }

    /** Raw records of one vendor entity, e.g. {@code ami.raw.beacon360.meter-read}. */
    public String raw(String vendor, String entity) {
        return prefix + "ami.raw." + vendor + "." + entity;
    }

    public String raw(RawEntity entity) {
        return raw(entity.vendor(), entity.name());
    }

    /** {@code GeneralMeter}, keyed by org_id + device_id, compacted. */
    public String meters() {
        return prefix + "ami.meters";
    }

    /** {@code GeneralMeterRead}, keyed by org_id + device_id. */
    public String meterReads() {
        return prefix + "ami.meter-reads";
    }

    /** Records that could not be processed, with reasons. */
    public String deadLetters() {
        return prefix + "ami.dlq";
    }

    /** The embedded schema registry's store, compacted. */
    public String schemas() {
        return prefix + "ami._schemas";
    }

    public boolean isRaw(String topic) {
        return topic.startsWith(prefix + "ami.raw.");
    }
}
