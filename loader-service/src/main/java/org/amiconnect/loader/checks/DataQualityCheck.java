package org.amiconnect.loader.checks;

import org.amiconnect.loader.sink.WarehouseSink;

/** One of the predecessor's data-quality checks (python-ami-connect §4.6), run against a warehouse sink. */
public interface DataQualityCheck {

    /** The name used in config.yaml {@code sinks[].checks} and {@code amiconnect checks run --check}. */
    String name();

    /**
     * @throws org.amiconnect.loader.sink.WarehouseException when the warehouse cannot answer (the check then neither
     *     passed nor failed)
     */
    CheckResult run(WarehouseSink warehouse, CheckContext context);
}
