package org.amiconnect.cli.commands.archive;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: columns padded to their widest cell, numbers aligned right. */
final class TextTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    TextTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(c == null ? "-" : c instanceof Number n ? String.format("%,d", n.longValue()) : c.toString());
        }
        rows.add(row);
        return this;
    }

    void print(PrintWriter out, String indent) {
        int[] widths = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            numeric[i] = !rows.isEmpty();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
                numeric[i] &= row.get(i).matches("-|[\\d,]+");
            }
        }
        line(out, indent, headers, widths, numeric);
        for (List<String> row : rows) {
            line(out, indent, row, widths, numeric);
        }
    }

    private static void line(PrintWriter out, String indent, List<String> cells, int[] widths, boolean[] numeric) {
        StringBuilder sb = new StringBuilder(indent);
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            sb.append(numeric[i] ? pad + cell : cell + (i == cells.size() - 1 ? "" : pad));
            if (i < cells.size() - 1) {
                sb.append("  ");
            }
        }
        out.println(sb);
    }
}
