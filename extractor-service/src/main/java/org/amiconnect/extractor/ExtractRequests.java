package org.amiconnect.extractor;

import java.time.Instant;
import java.util.UUID;

import org.amiconnect.core.config.BackfillConfig;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.schemas.control.ExtractRequest;

/**
 * The requests on {@code ami.control.extract-requests}. Scheduled ticks and backfill chunks get <b>deterministic</b>
 * ids, so every extractor instance that notices a tick publishes the same request and the instance that owns the org
 * runs it once.
 */
public final class ExtractRequests {

    public static final String MANUAL = "manual";
    public static final String BACKFILL = "backfill";

    private ExtractRequests() {
    }

    /** A manual extract of {@code [start, end)}; each call is a new request. */
    public static ExtractRequest manual(String orgId, Instant start, Instant end, String reason, String requestedBy,
            Instant now) {
        return ExtractRequest.newBuilder()
                .setRequestId("manual:" + orgId + ":" + UUID.randomUUID())
                .setOrgId(orgId)
                .setRangeStart(start)
                .setRangeEnd(end)
                .setReason(reason)
                .setRequestedBy(requestedBy)
                .setRequestedAt(now)
                .build();
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

    static String extractName(ExtractRequest request) {
        return request.getExtractName() == null ? MANUAL : request.getExtractName();
    }
}
