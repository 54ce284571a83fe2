package org.amiconnect.core.vendorfile;

import java.util.List;

/** A vendor file lacks columns its vendor requires; thrown before any row of the file is handed out. */
public class MissingColumnsException extends VendorFileException {

    private final List<String> missing;

    public MissingColumnsException(String message, List<String> missing) {
        super(message);
        this.missing = List.copyOf(missing);
    }

    /** The required columns the file lacks, in declaration order. */
    public List<String> missing() {
        return missing;
    }
}
