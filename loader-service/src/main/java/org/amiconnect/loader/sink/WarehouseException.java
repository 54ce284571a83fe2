package org.amiconnect.loader.sink;

/** A warehouse operation failed; any open transaction has been rolled back. */
public class WarehouseException extends RuntimeException {

    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }

    public WarehouseException(String message) {
        super(message);
    }
}
