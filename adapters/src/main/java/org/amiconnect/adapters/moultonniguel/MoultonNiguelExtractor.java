package org.amiconnect.adapters.moultonniguel;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

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
 * Extracts one window of a Xylem Moulton Niguel source: opens the tunnel and the Redshift connection, publishes every
 * table's rows ({@link MoultonNiguelClient}) and closes both. The read tables' datetime carries its offset, so the
 * window's UTC bounds are bound as they are. A tunnel that drops mid-extract fails the run (TRANSIENT).
 */
final class MoultonNiguelExtractor implements Extractor {

    private final SourceConfig source;
    private final TunnelDatabaseSettings settings;
    private final Clock clock;

    MoultonNiguelExtractor(SourceConfig source, Clock clock) {
        TunnelDatabaseSettings configured = source.settings(MoultonNiguelSettings.class).database();
        this.settings = source.endpoint().map(configured::pointedAt).orElse(configured);
        this.source = source;
        this.clock = clock;
    }

    @Override
    public ExtractSummary extract(ExtractWindow window, RawRecordSink sink)
            throws ExtractException, InterruptedException {
        LocalDateTime horizon = LocalDateTime.ofInstant(window.end(), source.timezone()).plusYears(1);
        try (TunneledDatabase db = TunneledDatabase.open(MoultonNiguelAdapter.TYPE, source.orgId(), settings)) {
            DatabaseRun run = new DatabaseRun(db.connection(), source.orgId(), db.describe(), window.runId(),
                    clock.instant(), sink, settings.fetchSize(), settings.queryTimeout());
            try {
                MoultonNiguelClient.extract(run, window.start().atOffset(ZoneOffset.UTC),
                        window.end().atOffset(ZoneOffset.UTC), horizon);
            } catch (ExtractException e) {
                if (!db.tunnelOpen()) {
                    throw new ExtractException(ExtractException.Kind.TRANSIENT, e.getMessage()
                            + " (the SSH tunnel via " + settings.sshAddress() + " closed during the extract)", e);
                }
                throw e;
            }
            return new ExtractSummary(run.rows(), 0, "xylem_moulton_niguel database via " + settings.sshAddress(),
                    run.warnings());
        }
    }
}
