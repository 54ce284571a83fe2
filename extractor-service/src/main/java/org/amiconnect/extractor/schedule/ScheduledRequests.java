package org.amiconnect.extractor.schedule;

import java.time.Instant;

import org.amiconnect.core.config.BackfillConfig;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.extractor.ExtractPlan;
import org.amiconnect.schemas.control.ExtractRequest;

/**
 * The requests the scheduler puts on {@code ami.control.extract-requests}. Scheduled ticks and backfill chunks get
 * <b>deterministic</b> ids, so every extractor instance that notices a tick publishes the same request and the instance
 * that owns the org runs it once.
 */
public final class ScheduledRequests {

    /** The extract name of backfill chunk requests. */
    private static final String BACKFILL = "backfill";

    private ScheduledRequests() {
    }

    /** The run of {@code schedule} at its cron tick {@code tick}: {@code [tick - lag - window, tick - lag)}. */
    public static ExtractRequest scheduled(SourceConfig source, ScheduledExtract schedule, Instant tick, Instant now) {
        ExtractPlan window = CurrentWindows.of(source, schedule, tick);
        return ExtractRequest.newBuilder()
                .setRequestId("schedule:" + source.orgId() + ":" + schedule.name() + ":" + tick)
                .setOrgId(source.orgId())
                .setRangeStart(window.start())
                .setRangeEnd(window.end())
                .setReason("scheduled " + schedule.name() + " (" + schedule.cron() + " " + source.timezone() + ")")
                .setRequestedBy("scheduler")
                .setRequestedAt(now)
                .setExtractName(schedule.name())
                .setScheduledFor(tick)
                .build();
    }

    /** One chunk of a backfill, asked for at the backfill schedule's tick {@code tick}. */
    public static ExtractRequest backfillChunk(BackfillConfig backfill, BackfillChunk chunk, Instant tick, Instant now) {
        return ExtractRequest.newBuilder()
                .setRequestId("backfill:" + backfill.id() + ":chunk-" + chunk.index() + ":" + tick)
                .setOrgId(backfill.orgId())
                .setRangeStart(chunk.start())
                .setRangeEnd(chunk.end())
                .setReason("backfill " + backfill.id() + " chunk " + chunk.index() + "/" + chunk.count())
                .setRequestedBy("scheduler")
                .setRequestedAt(now)
                .setExtractName(BACKFILL)
                .setScheduledFor(tick)
                .setBackfillId(backfill.id())
                .setChunkIndex(chunk.index())
                .setChunkCount(chunk.count())
                .build();
    }
}
