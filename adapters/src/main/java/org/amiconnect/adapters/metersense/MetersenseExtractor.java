package org.amiconnect.adapters.metersense;

import java.time.Clock;
import java.time.LocalDateTime;

import org.amiconnect.adapters.jdbc.DatabaseRun;
import org.amiconnect.adapters.jdbc.TunnelDatabaseSettings;
import org.amiconnect.adapters.jdbc.TunneledDatabase;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.config.SourceConfig;

/**
 * Extracts one window of a Metersense source: opens the tunnel and the database connection, publishes every table's
 * rows ({@link MetersenseClient}) and closes both. READ_DTM is the utility's local time, so the window's UTC bounds
 * are turned into local times of the source's zone. A tunnel that drops mid-extract fails the run (TRANSIENT: the
 * extractor service retries it, and the run publishes nothing until it succeeds).
 */
final class MetersenseExtractor implements Extractor {

    private final SourceConfig source;
    private final TunnelDatabaseSettings settings;
    private final Clock clock;

    MetersenseExtractor(SourceConfig source, Clock clock) {
        TunnelDatabaseSettings configured = source.settings(MetersenseSettings.class).database();
        this.settings = source.endpoint().map(configured::pointedAt).orElse(configured);
        this.source = source;
        this.clock = clock;
    }

    @Override
    public ExtractSummary extract(ExtractWindow window, RawRecordSink sink)
            throws ExtractException, InterruptedException {
        LocalDateTime start = LocalDateTime.ofInstant(window.start(), source.timezone());
        LocalDateTime end = LocalDateTime.ofInstant(window.end(), source.timezone());
        try (TunneledDatabase db = TunneledDatabase.open(MetersenseAdapter.TYPE, source.orgId(), settings)) {
            DatabaseRun run = new DatabaseRun(db.connection(), source.orgId(), db.describe(), window.runId(),
                    clock.instant(), sink, settings.fetchSize(), settings.queryTimeout());
            try {
                MetersenseClient.extract(run, start, end);
            } catch (ExtractException e) {
                if (!db.tunnelOpen()) {
                    throw new ExtractException(ExtractException.Kind.TRANSIENT, e.getMessage()
                            + " (the SSH tunnel via " + settings.sshAddress() + " closed during the extract)", e);
                }
                throw e;
            }
            return new ExtractSummary(run.rows(), 0, "metersense database via " + settings.sshAddress(),
                    run.warnings());
        }
    }
}
