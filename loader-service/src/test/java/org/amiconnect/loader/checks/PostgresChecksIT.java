package org.amiconnect.loader.checks;

import org.amiconnect.loader.sink.PostgresSink;
import org.amiconnect.loader.sink.Warehouse;
import org.amiconnect.loader.sink.WarehouseSink;
import org.amiconnect.testsupport.postgres.ScratchSchema;
import org.junit.jupiter.api.AfterEach;

/** The checks against the PostgreSQL server on 127.0.0.1:5432, each test in its own scratch schema. */
class PostgresChecksIT extends DataQualityChecksContract {

    private ScratchSchema schema;

    @Override
    WarehouseSink openSink() throws Exception {
        schema = ScratchSchema.create("checks_it");
        return new PostgresSink(schema.url(), null, null);
    }

    @Override
    Warehouse openReader() throws Exception {
        return new Warehouse(schema.url());
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }
}
