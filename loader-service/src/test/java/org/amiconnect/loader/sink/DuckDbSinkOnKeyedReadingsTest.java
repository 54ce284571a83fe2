package org.amiconnect.loader.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/**
 * The sink contract on a file created when {@code readings} still had its primary key: the sink keeps the key,
 * appends new readings (the key rejecting existing ones) and merges the rest, with the same results as on a new file.
 */
class DuckDbSinkOnKeyedReadingsTest extends DuckDbSinkContract {

    @Override
    WarehouseSink openSink() throws Exception {
        String keyless = new DuckDbDialect().createTable(WarehouseTables.READINGS).get(0);
        String keyed = keyless.substring(0, keyless.lastIndexOf("\n)"))
                + ",\n    PRIMARY KEY (\"org_id\", \"device_id\", \"flowtime\")\n)";
        Files.createDirectories(file().getParent());
        try (Warehouse w = new Warehouse(file())) {
            w.execute(keyed);
        }
        return super.openSink();
    }

    @Test
    void keepsThePrimaryKeyOfReadings() throws Exception {
        try (Warehouse w = new Warehouse(file())) {
            assertThat(w.count("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'readings'"
                    + " AND constraint_type = 'PRIMARY KEY'")).isOne();
        }
    }
}
