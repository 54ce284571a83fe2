package org.amiconnect.core.vendorfile;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening vendor files a utility hands in: plain or gzip-compressed (as the predecessor stored its outputs in S3). */
public final class VendorFiles {

    private VendorFiles() {
    }

    /**
     * The bytes of {@code file}, decompressed when it starts with the gzip magic bytes 1F 8B.
     *
     * @throws IOException when the file cannot be read (the message names it)
     */
    public static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 64 * 1024) : in;
    }

    /** Whether {@code file} holds newline-delimited JSON (the predecessor's {@code .json} extract outputs) rather than CSV. */
    public static boolean isJsonLines(Path file) throws IOException {
        try (InputStream in = open(file)) {
            int b;
            do {
                b = in.read();
            } while (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == 0xEF || b == 0xBB || b == 0xBF);
            return b == '{';
        }
    }

    /**
     * How a handed-in file is named in its records' {@code extract.source}: its file name, or for a Python predecessor
     * extract output ({@code <run_id>/<org_id>/e/<file>}) that path, so the predecessor's run stays traceable.
     */
    public static String sourceName(Path file) {
        Path name = file.getFileName();
        Path e = file.getParent();
        if (e != null && e.getFileName() != null && e.getFileName().toString().equals("e") && e.getParent() != null
                && e.getParent().getParent() != null && e.getParent().getParent().getFileName() != null) {
            Path org = e.getParent();
            return org.getParent().getFileName() + "/" + org.getFileName() + "/e/" + name;
        }
        return String.valueOf(name);
    }
}
