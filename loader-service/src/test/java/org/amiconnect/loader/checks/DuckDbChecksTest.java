package org.amiconnect.loader.checks;

import java.nio.file.Path;

import org.amiconnect.loader.sink.DuckDbSink;
import org.amiconnect.loader.sink.Warehouse;
import org.amiconnect.loader.sink.WarehouseSink;
import org.junit.jupiter.api.io.TempDir;

class DuckDbChecksTest extends DataQualityChecksContract {

    @TempDir
    Path dir;

    @Override
    WarehouseSink openSink() {
        return new DuckDbSink(dir.resolve("checks.duckdb"));
    }

    @Override
    Warehouse openReader() throws Exception {
        return new Warehouse(dir.resolve("checks.duckdb"));
    }
}
