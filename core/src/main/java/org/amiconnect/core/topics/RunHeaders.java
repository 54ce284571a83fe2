package org.amiconnect.core.topics;

/** Headers stamped on every raw record, so downstream services can attribute it to its run without decoding it. */
public final class RunHeaders {

    public static final String RUN_ID = "ami.run-id";
    public static final String ORG_ID = "ami.org-id";

    private RunHeaders() {
    }
}
