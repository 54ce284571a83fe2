package org.amiconnect.loader.sink;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The sink contract on a DuckDB file in a temporary folder that does not exist yet. */
abstract class DuckDbSinkContract extends WarehouseSinkContract {

    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("nested/dir/warehouse.duckdb");
    }

    @Override
    WarehouseSink openSink() throws Exception {
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
}
