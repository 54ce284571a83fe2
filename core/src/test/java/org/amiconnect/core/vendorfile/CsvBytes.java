package org.amiconnect.core.vendorfile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds vendor files byte by byte for the CSV tests: UTF-8 text with raw (possibly invalid) bytes between. */
final class CsvBytes {

    private CsvBytes() {
    }

    /** {@code text} as UTF-8 bytes. */
    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The parts one after another. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** {@code first}, then {@code rest} as UTF-8. */
    static byte[] concat(byte[] first, String rest) {
        return concat(first, bytes(rest));
    }
}
