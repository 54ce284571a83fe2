package org.amiconnect.adapters.xylemdatalake;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.RawRecordSink;
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
 * below which the extract fails naming the window).
 *
 * <p>Nothing is published until every query has answered: rows are kept in a temporary file per table meanwhile, so
 * a failure part-way (expired credentials, malformed JSON) publishes nothing. Then the accounts are published first
 * (the metadata the reads are joined with), keyed {@code org|device_id}, and the reads keyed {@code org|meter_id}.
 */
final class XylemDatalakeExtractor implements Extractor {

    private static final Logger log = LoggerFactory.getLogger(XylemDatalakeExtractor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SMALLEST_CHUNK = Duration.ofHours(1);

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

    /** One table's rows held until every query has answered. */
    private static final class Spool implements AutoCloseable {
        final RawEntity entity;
        final Path file;
        final BufferedWriter out;
        long rows;

        Spool(RawEntity entity) throws IOException {
            this.entity = entity;
            this.file = Files.createTempFile("xylemdatalake-" + entity.name() + "-", ".jsonl");
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }

        void add(List<ObjectNode> rows, String query) throws IOException {
            long position = 0;
            for (ObjectNode row : rows) {
                ObjectNode line = JSON.createObjectNode();
                line.put("query", query);
                line.put("position", ++position);
                line.set("row", row);
                out.write(JSON.writeValueAsString(line));
                out.newLine();
            }
            this.rows += rows.size();
        }

        @Override
        public void close() throws IOException {
            out.close();
            Files.deleteIfExists(file);
        }
    }

    @Override
    public ExtractSummary extract(ExtractWindow window, RawRecordSink sink) throws ExtractException, InterruptedException {
        String schema = settings.schema();
        try (Spool accounts = new Spool(XylemDatalakeAdapter.ACCOUNT);
                Spool intervals = new Spool(XylemDatalakeAdapter.WATER_INTERVAL);
                Spool registers = new Spool(XylemDatalakeAdapter.WATER_REGISTER)) {
            client.login();
            XylemDatalakeClient.Rows active = client.query(XylemDatalakeQueries.accounts(schema), "account (active rows)");
            if (active.truncated()) {
                throw new ExtractException(Kind.PERMANENT, where() + "Superset cut the account query at its row "
                        + "limit (" + active.rows().size() + " rows); raise SQL Lab's row limit for this database");
            }
            accounts.add(active.rows(), describe(XylemDatalakeQueries.ACCOUNT_TABLE, null, null));
            queryChunked(XylemDatalakeQueries.INTERVALS_TABLE, XylemDatalakeQueries.INTERVAL_COLUMNS, window, intervals);
            queryChunked(XylemDatalakeQueries.REGISTERS_TABLE, XylemDatalakeQueries.REGISTER_COLUMNS, window, registers);
            for (Spool spool : List.of(accounts, intervals, registers)) {
                spool.out.flush();
            }
            Instant extractedAt = clock.instant();
            publish(accounts, XylemDatalakeAccount::new, "device_id", window, extractedAt, sink);
            publish(intervals, XylemDatalakeWaterInterval::new, "meter_id", window, extractedAt, sink);
            publish(registers, XylemDatalakeWaterRegister::new, "meter_id", window, extractedAt, sink);
            long rows = accounts.rows + intervals.rows + registers.rows;
            log.info("xylem_datalake source '{}': {} accounts, {} intervals, {} registers", source.orgId(),
                    accounts.rows, intervals.rows, registers.rows);
            return new ExtractSummary(rows, 0, "xylem datalake " + settings.agencyCode() + " database "
                    + settings.databaseId() + " (" + client.logins() + " sign-in(s))");
        } catch (IOException e) {
            throw new ExtractException(Kind.TRANSIENT, where() + "cannot keep the queried rows in a temporary file: "
                    + e.getMessage(), e);
        }
    }

    /** Windows of {@code chunk}, from the window's end backwards to its start. */
    private void queryChunked(String table, List<String> columns, ExtractWindow window, Spool spool)
            throws ExtractException, InterruptedException, IOException {
        Instant end = window.end();
        while (end.isAfter(window.start())) {
            Instant start = end.minus(settings.chunk());
            if (start.isBefore(window.start())) {
                start = window.start();
            }
            queryWindow(table, columns, start, end, spool);
            end = start;
        }
    }

    private void queryWindow(String table, List<String> columns, Instant start, Instant end, Spool spool)
            throws ExtractException, InterruptedException, IOException {
        String what = describe(table, start, end);
        XylemDatalakeClient.Rows rows = client.query(
                XylemDatalakeQueries.reads(settings.schema(), table, columns, start, end), what);
        if (!rows.truncated()) {
            spool.add(rows.rows(), what);
            return;
        }
        Duration length = Duration.between(start, end);
        if (length.compareTo(SMALLEST_CHUNK.multipliedBy(2)) < 0) {
            throw new ExtractException(Kind.PERMANENT, where() + "Superset cut " + what + " at its row limit ("
                    + rows.rows().size() + " rows) even for a window this short; raise SQL Lab's row limit");
        }
        Instant middle = start.plus(length.dividedBy(2));
        log.info("xylem_datalake source '{}': {} reached Superset's row limit ({} rows); querying it in halves",
                source.orgId(), what, rows.rows().size());
        // newest half first, as the chunks go
        queryWindow(table, columns, middle, end, spool);
        queryWindow(table, columns, start, middle, spool);
    }

    private <T extends SpecificRecordBase> void publish(Spool spool, Supplier<T> factory, String keyColumn,
            ExtractWindow window, Instant extractedAt, RawRecordSink sink) throws IOException, InterruptedException {
        try (BufferedReader in = Files.newBufferedReader(spool.file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("extract of " + source.orgId() + " interrupted while publishing");
                }
                JsonNode entry = JSON.readTree(line);
                ObjectNode row = (ObjectNode) entry.get("row");
                T record = XylemDatalakeRawRecords.record(factory, row, source.orgId(), window.runId(), extractedAt,
                        entry.get("query").asText(), entry.get("position").asLong());
                sink.publish(spool.entity, RecordKeys.of(source.orgId(), XylemDatalakeRawRecords.text(row.get(keyColumn))),
                        record);
            }
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
