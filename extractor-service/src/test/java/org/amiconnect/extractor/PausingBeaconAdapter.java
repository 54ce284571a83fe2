package org.amiconnect.extractor;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.amiconnect.adapters.beacon360.Beacon360Adapter;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.SourceAdapter;
import org.amiconnect.core.config.ConfigNode;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.config.SourceSettings;
import org.amiconnect.core.schedule.ScheduledExtract;

/**
 * The real Beacon 360 adapter, except that its extractor stops in the middle of a run: after
 * {@value #PAUSE_AFTER_PROPERTY} records it prints {@code PAUSED} and waits forever, with the run's transaction open.
 * Lets a test kill an extractor process at a known point of a run.
 */
public final class PausingBeaconAdapter implements SourceAdapter {

    public static final String TYPE = "beacon_360_pausing";
    public static final String PAUSE_AFTER_PROPERTY = "amiconnect.test.pause-after";

    private final Beacon360Adapter beacon = new Beacon360Adapter();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String vendor() {
        return beacon.vendor();
    }

    @Override
    public SourceSettings parseSettings(ConfigNode source, ConfigNode secrets) {
        return beacon.parseSettings(source, secrets);
    }

    @Override
    public List<RawEntity> rawEntities() {
        return beacon.rawEntities();
    }

    @Override
    public List<ScheduledExtract> scheduledExtracts() {
        return beacon.scheduledExtracts();
    }

    @Override
    public Extractor extractor(SourceConfig source) {
        Extractor real = beacon.extractor(source);
        long pauseAfter = Long.getLong(PAUSE_AFTER_PROPERTY, Long.MAX_VALUE);
        AtomicLong published = new AtomicLong();
        return (window, sink) -> real.extract(window, (entity, key, record) -> {
            sink.publish(entity, key, record);
            if (published.incrementAndGet() == pauseAfter) {
                System.out.println("PAUSED");
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while paused", e);
                }
            }
        });
    }

    @Override
    public Normalizer normalizer(SourceConfig source) {
        return beacon.normalizer(source);
    }
}
