package org.amiconnect.core.vendorfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns newline-delimited JSON objects of flat fields into a UTF-8 CSV file with one column per field name, so that
 * they are read by {@link VendorCsv} with the vendor's declared columns, like a report. This is the shape of the Python
 * predecessor's extract outputs: one JSON object per vendor row, keyed by the vendor's column names (Beacon 360's
 * {@code meters_and_reads.json}). Field values are written as their text; JSON null and a missing field are empty cells.
 */
public final class JsonLinesAsCsv {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLinesAsCsv() {
    }

    /**
     * Converts {@code jsonLines} (plain or gzip) into {@code csv}.
     *
     * @param source names the file in errors
     * @return the number of rows written
     * @throws VendorFileException when a line is not a JSON object (naming the file and line)
     * @throws IOException when a file cannot be read or written
     */
    public static long convert(Path jsonLines, Path csv, String source) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        eachObject(jsonLines, source, o -> o.fieldNames().forEachRemaining(names::add));
        List<String> header = new ArrayList<>(names);
        long[] rows = new long[1];
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(header);
            List<String> cells = new ArrayList<>(header.size());
            eachObject(jsonLines, source, o -> {
                cells.clear();
                for (String name : header) {
                    JsonNode v = o.get(name);
                    cells.add(v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString());
                }
                try {
                    printer.printRecord(cells);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                rows[0]++;
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return rows[0];
    }

    private static void eachObject(Path file, String source, Consumer<JsonNode> objects) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(VendorFiles.open(file), StandardCharsets.UTF_8))) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    throw new VendorFileException(source + ": line " + number + " is not JSON: " + e.getMessage(), e);
                }
                if (node == null || !node.isObject()) {
                    throw new VendorFileException(source + ": line " + number + " is not a JSON object");
                }
                objects.accept(node);
            }
        }
    }
}
