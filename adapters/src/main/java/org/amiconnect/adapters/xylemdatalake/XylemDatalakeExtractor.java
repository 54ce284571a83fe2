package org.amiconnect.adapters.xylemdatalake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.concurrent.ReadAhead;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeAccount;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeWaterInterval;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeWaterRegister;
import org.apache.avro.specific.SpecificRecordBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts one window of a Xylem Data Lake source: the active accounts, then {@code water_intervals} and
 * {@code water_registers} in windows of {@code chunk_hours}, newest first (as the predecessor did), with half-open
 * UTC bounds. A window whose answer Superset cut at its row limit is queried again in two halves (down to one hour,
 * below which the extract fails naming the window); a cut answer is never published, so no row is published twice.
 *
 * <p>Each answer is published as soon as it arrives, while a thread of the extract asks the next query
 * ({@link ReadAhead}): the accounts first (the metadata the reads are joined with), keyed {@code org|device_id}, and
 * the reads keyed {@code org|meter_id}. At most {@link #ANSWERS_AT_ONCE} answers are held at once (one being published, one being
 * asked for), each bounded by Superset's row limit, so neither memory nor disk grows with the window. While a query
 * runs the sink is told so ({@link RawRecordSink#awaitingSource()}), so that a transaction is never left open longer
 * than the sink allows. A failure part-way stops the run at that query: the answers before it were published (visible
 * only where the extractor service committed them, see docs/extractor.md).
 */
final class XylemDatalakeExtractor implements Extractor {

    private static final Logger log = LoggerFactory.getLogger(XylemDatalakeExtractor.class);
    private static final Duration SMALLEST_CHUNK = Duration.ofHours(1);
    /** The most answers held at once: one being published and one being asked for. */
    static final int ANSWERS_AT_ONCE = 2;

    private final SourceConfig source;
    private final XylemDatalakeSettings settings;
    private final XylemDatalakeClient client;
    private final Clock clock;

    XylemDatalakeExtractor(SourceConfig source, Clock clock) {
        this.source = source;
        this.settings = source.settings(XylemDatalakeSettings.class);
        this.client = new XylemDatalakeClient(source.orgId(), settings,
                XylemDatalakeClient.Urls.of(settings, source.endpoint()));
        this.clock = clock;
    }

    /** One query's rows, to be published as {@code entity}. */
    private record Answer(RawEntity entity, List<ObjectNode> rows, String query) {
    }

    /** A window of a table still to query. */
    private record Pending(RawEntity entity, String table, List<String> columns, Instant start, Instant end) {
    }

    /**
     * The queries of one window in order: the accounts, then each reads table in chunks from the window's end
     * backwards to its start; an answer Superset cut is replaced by the queries of its two halves, newest first.
     */
    private final class Queries implements ReadAhead.Source<Answer, ExtractException> {

        private final Deque<Pending> pending = new ArrayDeque<>();
        private boolean accountsAsked;

        Queries(ExtractWindow window) {
            chunks(window, XylemDatalakeAdapter.WATER_INTERVAL, XylemDatalakeQueries.INTERVALS_TABLE,
                    XylemDatalakeQueries.INTERVAL_COLUMNS);
            chunks(window, XylemDatalakeAdapter.WATER_REGISTER, XylemDatalakeQueries.REGISTERS_TABLE,
                    XylemDatalakeQueries.REGISTER_COLUMNS);
        }

        /** Windows of {@code chunk}, from the window's end backwards to its start. */
        private void chunks(ExtractWindow window, RawEntity entity, String table, List<String> columns) {
            Instant end = window.end();
            while (end.isAfter(window.start())) {
                Instant start = end.minus(settings.chunk());
                if (start.isBefore(window.start())) {
                    start = window.start();
                }
                pending.add(new Pending(entity, table, columns, start, end));
                end = start;
            }
        }

        @Override
        public Optional<Answer> next() throws ExtractException, InterruptedException {
            if (!accountsAsked) {
                accountsAsked = true;
                return Optional.of(accounts());
            }
            while (!pending.isEmpty()) {
                Pending p = pending.pop();
                String what = describe(p.table(), p.start(), p.end());
                XylemDatalakeClient.Rows rows = client.query(XylemDatalakeQueries.reads(settings.schema(), p.table(),
                        p.columns(), p.start(), p.end()), what);
                if (!rows.truncated()) {
                    return Optional.of(new Answer(p.entity(), rows.rows(), what));
                }
                Duration length = Duration.between(p.start(), p.end());
                if (length.compareTo(SMALLEST_CHUNK.multipliedBy(2)) < 0) {
                    throw new ExtractException(Kind.PERMANENT, where() + "Superset cut " + what + " at its row limit ("
                            + rows.rows().size() + " rows) even for a window this short; raise SQL Lab's row limit");
                }
                Instant middle = p.start().plus(length.dividedBy(2));
                log.info("xylem_datalake source '{}': {} reached Superset's row limit ({} rows); querying it in halves",
                        source.orgId(), what, rows.rows().size());
                // newest half first, as the chunks go
                pending.push(new Pending(p.entity(), p.table(), p.columns(), p.start(), middle));
                pending.push(new Pending(p.entity(), p.table(), p.columns(), middle, p.end()));
            }
            return Optional.empty();
        }

        private Answer accounts() throws ExtractException, InterruptedException {
            client.login();
            XylemDatalakeClient.Rows active = client.query(XylemDatalakeQueries.accounts(settings.schema()),
                    "account (active rows)");
            if (active.truncated()) {
                throw new ExtractException(Kind.PERMANENT, where() + "Superset cut the account query at its row "
                        + "limit (" + active.rows().size() + " rows); raise SQL Lab's row limit for this database");
            }
            return new Answer(XylemDatalakeAdapter.ACCOUNT, active.rows(),
                    describe(XylemDatalakeQueries.ACCOUNT_TABLE, null, null));
        }
    }

    @Override
    public ExtractSummary extract(ExtractWindow window, RawRecordSink sink) throws ExtractException, InterruptedException {
        Instant extractedAt = clock.instant();
        Map<RawEntity, Long> counts = new HashMap<>();
        // an answer is only memory: once published, nothing is left to discard
        try (ReadAhead<Answer, ExtractException> answers = ReadAhead.start("xylemdatalake-queries-" + source.orgId(),
                ANSWERS_AT_ONCE, new Queries(window), answer -> { })) {
            for (Optional<Answer> next; (next = answers.next(sink::awaitingSource)).isPresent(); ) {
                Answer answer = next.get();
                publish(answer, window, extractedAt, sink);
                counts.merge(answer.entity(), (long) answer.rows().size(), Long::sum);
                answers.done(answer);
            }
        }
        long accounts = counts.getOrDefault(XylemDatalakeAdapter.ACCOUNT, 0L);
        long intervals = counts.getOrDefault(XylemDatalakeAdapter.WATER_INTERVAL, 0L);
        long registers = counts.getOrDefault(XylemDatalakeAdapter.WATER_REGISTER, 0L);
        log.info("xylem_datalake source '{}': {} accounts, {} intervals, {} registers", source.orgId(), accounts,
                intervals, registers);
        return new ExtractSummary(accounts + intervals + registers, 0, "xylem datalake " + settings.agencyCode()
                + " database " + settings.databaseId() + " (" + client.logins() + " sign-in(s))");
    }

    private void publish(Answer answer, ExtractWindow window, Instant extractedAt, RawRecordSink sink)
            throws InterruptedException {
        RawEntity entity = answer.entity();
        Supplier<? extends SpecificRecordBase> factory;
        String keyColumn;
        if (entity.equals(XylemDatalakeAdapter.ACCOUNT)) {
            factory = XylemDatalakeAccount::new;
            keyColumn = "device_id";
        } else if (entity.equals(XylemDatalakeAdapter.WATER_INTERVAL)) {
            factory = XylemDatalakeWaterInterval::new;
            keyColumn = "meter_id";
        } else {
            factory = XylemDatalakeWaterRegister::new;
            keyColumn = "meter_id";
        }
        long position = 0;
        for (ObjectNode row : answer.rows()) {
            if (Thread.interrupted()) {
                throw new InterruptedException("extract of " + source.orgId() + " interrupted while publishing");
            }
            SpecificRecordBase record = XylemDatalakeRawRecords.record(factory, row, source.orgId(), window.runId(),
                    extractedAt, answer.query(), ++position);
            sink.publish(entity, RecordKeys.of(source.orgId(), XylemDatalakeRawRecords.text(row.get(keyColumn))),
                    record);
        }
    }

    private String describe(String table, Instant start, Instant end) {
        String base = "xylem datalake " + settings.agencyCode() + " " + settings.schema() + "." + table;
        return start == null ? base : base + " " + XylemDatalakeQueries.BOUND.format(start) + " .. "
                + XylemDatalakeQueries.BOUND.format(end) + " UTC";
    }

    private String where() {
        return "xylem_datalake source '" + source.orgId() + "': ";
    }
}
