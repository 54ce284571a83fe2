package org.amiconnect.extractor.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.amiconnect.extractor.ExtractPlan;
import org.amiconnect.extractor.ExtractTask;
import org.amiconnect.schemas.control.ExtractRequest;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.schemas.control.PartitionEndOffset;
import org.apache.kafka.common.TopicPartition;

/** Builds the {@link ExtractRun} states a run goes through. */
public final class RunStates {

    private RunStates() {
    }

    public static boolean isFinal(ExtractRunState state) {
        return state == ExtractRunState.SUCCEEDED || state == ExtractRunState.FAILED || state == ExtractRunState.REJECTED;
    }

    public static boolean isFinal(ExtractRun run) {
        return isFinal(run.getState());
    }

    public static long totalRecords(ExtractRun run) {
        return run.getRecordsPublished().values().stream().mapToLong(Long::longValue).sum();
    }

    /** The first state of a task: QUEUED or RUNNING, attempt 1, nothing published yet. */
    public static ExtractRun initial(ExtractTask task, ExtractRunState state, String instance, Instant now) {
        ExtractPlan plan = task.plan();
        ExtractRun.Builder b = ExtractRun.newBuilder()
                .setRunId(task.runId())
                .setOrgId(plan.source().orgId())
                .setSourceType(plan.source().type())
                .setExtractName(plan.extractName())
                .setState(state)
                .setRangeStart(plan.start())
                .setRangeEnd(plan.end())
                .setRequestId(plan.requestId().orElse(null))
                .setRecordsPublished(new HashMap<>())
                .setInstance(instance)
                .setCreatedAt(now)
                .setUpdatedAt(now);
        task.request().ifPresent(r -> copyRequest(b, r));
        return b.build();
    }

    /** The REJECTED state of a request that will not run, with {@code reason} as its error. */
    public static ExtractRun rejected(ExtractRequest request, String sourceType, String reason, String instance, Instant now) {
        ExtractRun.Builder b = ExtractRun.newBuilder()
                .setRunId(RunIds.forRequest(request))
                .setOrgId(request.getOrgId())
                .setSourceType(sourceType)
                .setExtractName(RunIds.extractName(request))
                .setState(ExtractRunState.REJECTED)
                .setRangeStart(request.getRangeStart())
                .setRangeEnd(request.getRangeEnd())
                .setRequestId(request.getRequestId())
                .setRecordsPublished(new HashMap<>())
                .setError(reason)
                .setInstance(instance)
                .setCreatedAt(now)
                .setUpdatedAt(now);
        copyRequest(b, request);
        return b.build();
    }

    private static void copyRequest(ExtractRun.Builder b, ExtractRequest r) {
        b.setRequestId(r.getRequestId())
                .setReason(r.getReason())
                .setRequestedBy(r.getRequestedBy())
                .setScheduledFor(r.getScheduledFor())
                .setBackfillId(r.getBackfillId())
                .setChunkIndex(r.getChunkIndex())
                .setChunkCount(r.getChunkCount());
    }

    /**
     * {@code run} moved to {@code state} at {@code now}, with the records committed so far per topic, the transactions
     * committed so far and the error (null for none).
     */
    public static ExtractRun with(ExtractRun run, ExtractRunState state, Map<String, Long> published, int transactions,
            String error, Instant now) {
        return ExtractRun.newBuilder(run)
                .setState(state)
                .setRecordsPublished(new HashMap<>(published))
                .setTransactionsCommitted(transactions)
                .setError(error)
                .setUpdatedAt(now)
                .build();
    }

    /**
     * {@code run} with the offsets after its last raw record per partition ({@code ExtractRun.raw_end_offsets}), in
     * topic and partition order.
     */
    public static ExtractRun withEndOffsets(ExtractRun run, Map<TopicPartition, Long> ends) {
        List<PartitionEndOffset> list = new ArrayList<>();
        ends.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<TopicPartition, Long> e) -> e.getKey().topic())
                        .thenComparingInt(e -> e.getKey().partition()))
                .forEach(e -> list.add(new PartitionEndOffset(e.getKey().topic(), e.getKey().partition(), e.getValue())));
        return ExtractRun.newBuilder(run).setRawEndOffsets(list).build();
    }

    /** The end offsets a run recorded, by partition. */
    public static Map<TopicPartition, Long> endOffsets(ExtractRun run) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (PartitionEndOffset p : run.getRawEndOffsets()) {
            ends.merge(new TopicPartition(p.getTopic(), p.getPartition()), p.getEndOffset(), Math::max);
        }
        return ends;
    }

    /** A duration as operators write them: 90s, 5m, 3h, 250ms. */
    public static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0 && ms > 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
