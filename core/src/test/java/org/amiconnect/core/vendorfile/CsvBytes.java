package org.amiconnect.core.vendorfile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds vendor files byte by byte for the CSV tests (UTF-8 text with raw, possibly invalid, bytes between) and reads
 * them back cell by cell.
 */
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

    /**
     * Every cell of each row of {@code csv} (header Meter,Time,Read), extra ones included, as written (bytes decoded
     * as UTF-8); trailing missing cells are dropped.
     *
     * @throws VendorFileException when the file is not read
     */
    static List<List<String>> allCells(String csv) {
        VendorColumns three = VendorColumns.of("Acme", List.of("Meter", "Time", "Read"), List.of());
        List<List<String>> rows = new ArrayList<>();
        VendorCsv.read(new ByteArrayInputStream(bytes(csv)), TextEncoding.DEFAULT, three, "f.csv", row -> {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                cells.add(row.get(i));
            }
            var extra = row.extraColumns();
            if (extra != null) {
                cells.addAll(extra.values());
            }
            while (!cells.isEmpty() && cells.get(cells.size() - 1) == null) {
                cells.remove(cells.size() - 1);
            }
            rows.add(cells);
        });
        return rows;
    }
}
