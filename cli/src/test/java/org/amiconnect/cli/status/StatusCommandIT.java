package org.amiconnect.cli.status;

import static org.amiconnect.cli.AmiConnectRun.amiconnect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.amiconnect.cli.runtime.Infrastructure;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.loader.sink.WarehouseSink;
import org.amiconnect.loader.sink.WarehouseSinks;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.schemas.dlq.DeadLetter;
import org.amiconnect.testsupport.cli.CommandRun;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.amiconnect.testsupport.kafka.TransactionalPublisher;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amiconnect status} against a real broker and a DuckDB warehouse in a known state: one org fresh, one stale
 * (its newest read 9 days old), one whose latest run FAILED and that dead-lettered two records. The run states are in
 * {@code ami.control.extract-runs}, the dead letters in {@code ami.dlq}, the readings in the warehouse.
 */
class StatusCommandIT {

    @TempDir
    Path dir;

    @Test
    void statusShowsEachOrgAndExitsOneBecauseOfTheStaleAndTheFailingOrg() throws Exception {
        Instant now = Instant.now();
        Path warehouse = dir.resolve("warehouse.duckdb");
        ConfigFiles files = ConfigFiles.in(dir).kafka(SharedBroker.bootstrapServers(), SharedBroker.uniquePrefix("status"))
                .set("schema-registry.url", "embedded")
                .beacon360("fresh_utility", "it-user", "it-password", "sinks", List.of("wh"))
                .beacon360("stale_utility", "it-user", "it-password", "sinks", List.of("wh"))
                .beacon360("failing_utility", "it-user", "it-password", "sinks", List.of("wh"))
                .duckdbSink("wh", warehouse);
        Path config = files.write();
        AmiConnectConfig cfg = files.load();

        try (Infrastructure infra = Infrastructure.start(cfg, AdapterCatalog.load(), Infrastructure.Role.SERVICE)) {
            String runs = infra.topics().extractRuns();
            TransactionalPublisher.publish(infra.clients(), infra.registry(), List.of(
                    new ProducerRecord<>(runs, "f1", StatusFixtures.run("fresh_utility", "f1",
                            ExtractRunState.SUCCEEDED, now, Duration.ofHours(2), null)),
                    new ProducerRecord<>(runs, "s1", StatusFixtures.run("stale_utility", "s1",
                            ExtractRunState.SUCCEEDED, now, Duration.ofDays(9), null)),
                    new ProducerRecord<>(runs, "x1", StatusFixtures.run("failing_utility", "x1",
                            ExtractRunState.SUCCEEDED, now, Duration.ofDays(1), null)),
                    new ProducerRecord<>(runs, "x2", StatusFixtures.run("failing_utility", "x2",
                            ExtractRunState.FAILED, now, Duration.ofMinutes(20), "Beacon 360 answered HTTP 503"))));
            String dlq = infra.topics().deadLetters();
            TransactionalPublisher.publish(infra.clients(), infra.registry(), List.of(
                    new ProducerRecord<>(dlq, "failing_utility|m1", deadLetter("failing_utility", now)),
                    new ProducerRecord<>(dlq, "failing_utility|m2", deadLetter("failing_utility", now))));
        }
        try (WarehouseSink sink = WarehouseSinks.open(cfg.sink("wh").orElseThrow())) {
            sink.createTables(List.of());
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                PreparedStatement insert = c.prepareStatement(
                        "insert into readings (org_id, device_id, flowtime) values (?, ?, ?)")) {
            Instant hour = now.truncatedTo(ChronoUnit.HOURS);
            insertReads(insert, "fresh_utility", hour.minus(Duration.ofHours(3)), 24);
            insertReads(insert, "stale_utility", hour.minus(Duration.ofDays(9)), 24);
            insertReads(insert, "failing_utility", hour.minus(Duration.ofHours(6)), 24);
        }

        CommandRun json = amiconnect("status", "-c", config.toString(), "--json");
        CommandRun text = amiconnect("status", "-c", config.toString());

        assertThat(json.exit()).as(json.err()).isEqualTo(1);
        // in tests log lines go to standard output too: the document starts at the line holding only "{"
        String document = json.out().substring(json.out().indexOf("{\n"));
        Map<String, Object> status = new ObjectMapper().readValue(document, new TypeReference<>() { });
        assertThat(status).containsEntry("needs_attention", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> orgs = (List<Map<String, Object>>) status.get("orgs");
        assertThat(orgs).extracting(o -> o.get("org_id"))
                .containsExactly("fresh_utility", "stale_utility", "failing_utility");
        assertThat(orgs.get(0)).containsEntry("needs_attention", false).containsEntry("dead_letters_24h", 0)
                .containsEntry("problems", List.of());
        assertThat(orgs.get(0).get("next_run")).isNotNull();
        assertThat(orgs.get(0).get("newest_flowtime")).isEqualTo(now.truncatedTo(ChronoUnit.HOURS)
                .minus(Duration.ofHours(3)).plus(Duration.ofHours(23)).toString());
        assertThat(orgs.get(1)).containsEntry("needs_attention", true);
        assertThat((List<?>) orgs.get(1).get("problems")).singleElement().asString().startsWith("stale: newest read ")
                .endsWith("is older than 48 h");
        assertThat(orgs.get(2)).containsEntry("dead_letters_24h", 2);
        assertThat(orgs.get(2).get("problems")).isEqualTo(List.of(
                "extract standard failed (run x2): Beacon 360 answered HTTP 503",
                "2 record(s) dead-lettered in the last 24 h"));
        assertThat(status.get("dead_letters_24h_by_reason")).isEqualTo(Map.of("normalize: NormalizationException", 2));
        assertThat(status.get("notes")).isEqualTo(List.of());

        assertThat(text.exit()).isEqualTo(1);
        assertThat(text.out()).containsPattern("ok\\s+fresh_utility\\s+beacon_360")
                .containsPattern("!!\\s+stale_utility")
                .contains("failing_utility: extract standard failed (run x2): Beacon 360 answered HTTP 503",
                        "Needs attention (exit 1)");
    }

    private static void insertReads(PreparedStatement insert, String org, Instant first, int hours) throws Exception {
        for (int h = 0; h < hours; h++) {
            insert.setString(1, org);
            insert.setString(2, "m1");
            insert.setTimestamp(3, Timestamp.valueOf(LocalDateTime.ofInstant(first.plus(Duration.ofHours(h)),
                    ZoneOffset.UTC)));
            insert.addBatch();
        }
        insert.executeBatch();
    }

    private static DeadLetter deadLetter(String org, Instant now) {
        return DeadLetter.newBuilder().setOriginalTopic("ami.raw.beacon360.meter-read").setOriginalPartition(0)
                .setOriginalOffset(7).setStage("normalize").setErrorClass("NormalizationException")
                .setErrorMessage("Read_Time 'yesterday' is not a timestamp").setOrgId(org)
                .setFailedAt(now.minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MICROS)).build();
    }
}
