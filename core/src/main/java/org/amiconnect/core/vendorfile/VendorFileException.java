package org.amiconnect.core.vendorfile;

/**
 * A vendor file that cannot be used as it is: not valid CSV, or lacking a column the vendor requires. Reading it again
 * gives the same answer, so an extract that meets one fails without retrying. The message names the file.
 */
public class VendorFileException extends IllegalArgumentException {

    public VendorFileException(String message) {
        super(message);
    }

    public VendorFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
