package org.amiconnect.loader.sink;

import static org.amiconnect.testsupport.records.TestRecords.BEACON_READS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

class DuckDbSinkTest extends DuckDbSinkContract {

    @Test
    void createsTheDatabaseFileAndItsDirectories() {
        assertThat(Files.isRegularFile(file())).isTrue();
    }

    @Test
    void printsTheDdlOfEveryTable() {
        String ddl = new DuckDbDialect().ddl(List.of(BEACON_READS));

        assertThat(ddl).contains("CREATE TABLE IF NOT EXISTS \"readings\" (")
                .contains("\"flowtime\" TIMESTAMPTZ NOT NULL")
                .doesNotContain("PRIMARY KEY (\"org_id\", \"device_id\", \"flowtime\")")
                .contains("CREATE TABLE IF NOT EXISTS \"meters\" (")
                .contains("\"row_active_until\" TIMESTAMPTZ")
                .contains("CREATE TABLE IF NOT EXISTS \"ami_consumer_offsets\" (")
                .contains("CREATE TABLE IF NOT EXISTS \"beacon_360_base\" (")
                .contains("\"read_time\" VARCHAR")
                .contains("\"source_record\" BIGINT");
        assertThat(ddl).doesNotContain("\"extract\"");
    }

    @Test
    void createsReadingsWithoutAKeyIndexAndTheOffsetsWithTheirs() throws Exception {
        try (Warehouse w = new Warehouse(file())) {
            assertThat(w.count("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'readings'"
                    + " AND constraint_type = 'PRIMARY KEY'")).isZero();
            assertThat(w.count("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'ami_consumer_offsets'"
                    + " AND constraint_type = 'PRIMARY KEY'")).isOne();
        }
    }

    @Test
    void boundsDuckDbsMemoryTo256MbUnlessAPropertySaysOtherwise() throws Exception {
        try (Warehouse w = new Warehouse(file())) {
            // DuckDB reads 256MB as 256,000,000 bytes and shows it in MiB
            assertThat(w.rows("SELECT current_setting('memory_limit') AS memory_limit"))
                    .singleElement().extracting(row -> row.get("memory_limit")).isEqualTo("244.1 MiB");
        }
    }

    @Test
    void runsDuckDbOnOneThreadPerCoreUnlessAPropertySaysOtherwise() throws Exception {
        try (Warehouse w = new Warehouse(file())) {
            assertThat(w.count("SELECT current_setting('threads')"))
                    .isEqualTo(DuckDbSink.threads().orElse(Runtime.getRuntime().availableProcessors()));
        }
        assertThat(DuckDbSink.threads(null)).isEmpty();
        assertThat(DuckDbSink.threads(" 3 ")).hasValue(3);
    }

    @Test
    void refusesAThreadsPropertyThatIsNotAWholeNumberOfAtLeastOneAndNamesIt() {
        for (String bad : List.of("two", "0", "-1", "")) {
            assertThatThrownBy(() -> DuckDbSink.threads(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-Damiconnect.duckdb.threads").hasMessageContaining("'" + bad + "'");
        }
    }
}
