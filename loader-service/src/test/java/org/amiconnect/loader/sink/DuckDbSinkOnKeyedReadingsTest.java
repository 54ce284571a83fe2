package org.amiconnect.loader.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink contract on a file created when {@code readings} still had its primary key: the sink keeps the key,
 * appends new readings (the key rejecting existing ones) and merges the rest, with the same results as on a new file.
 */
class DuckDbSinkOnKeyedReadingsTest extends WarehouseSinkContract {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("warehouse.duckdb");
    }

    @Override
    WarehouseSink openSink() throws Exception {
        String keyless = new DuckDbDialect().createTable(WarehouseTables.READINGS).get(0);
        String keyed = keyless.substring(0, keyless.lastIndexOf("\n)"))
                + ",\n    PRIMARY KEY (\"org_id\", \"device_id\", \"flowtime\")\n)";
        try (Warehouse w = new Warehouse(file())) {
            w.execute(keyed);
        }
        return new DuckDbSink(file());
    }

    @Override
    Warehouse openReader() throws Exception {
        return new Warehouse(file());
    }

    @Override
    String epochMicros(String column) {
        return "epoch_us(" + column + ")";
    }

    @Test
    void keepsThePrimaryKeyOfReadings() throws Exception {
        try (Warehouse w = new Warehouse(file())) {
            assertThat(w.count("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'readings'"
                    + " AND constraint_type = 'PRIMARY KEY'")).isOne();
        }
    }
}
