package org.amiconnect.core.vendorfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a file's header lines up with a vendor's declared columns. A header name matches a declared column exactly
 * (after trimming spaces and a stray byte order mark); failing that, it matches when both are equal ignoring case,
 * spaces and punctuation ({@code READ TIME} for {@code Read_Time}) and no other header does, which is named in a warning.
 */
final class HeaderMatch {

    /** For each declared column, the index of its column in the file, or -1. */
    final int[] fileIndexByDeclared;
    final List<String> missingRequired = new ArrayList<>();
    final List<String> missingOptional = new ArrayList<>();
    /** File columns no declared column took: their indexes and names as written (blank names as "column N"). */
    final List<Integer> extraIndexes = new ArrayList<>();
    final List<String> extraNames = new ArrayList<>();
    /** Declared columns matched loosely, e.g. {@code 'READ TIME' as Read_Time}. */
    final List<String> looseMatches = new ArrayList<>();
    final int headerSize;

    private HeaderMatch(List<String> header, VendorColumns columns) {
        headerSize = header.size();
        List<String> names = columns.names();
        fileIndexByDeclared = new int[names.size()];
        Arrays.fill(fileIndexByDeclared, -1);
        boolean[] taken = new boolean[header.size()];
        Map<String, Integer> exact = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            exact.putIfAbsent(clean(header.get(i)), i);
        }
        for (int d = 0; d < names.size(); d++) {
            Integer i = exact.get(names.get(d));
            if (i != null) {
                fileIndexByDeclared[d] = i;
                taken[i] = true;
            }
        }
        for (int d = 0; d < names.size(); d++) {
            if (fileIndexByDeclared[d] >= 0) {
                continue;
            }
            int found = -1;
            int candidates = 0;
            for (int i = 0; i < header.size(); i++) {
                if (!taken[i] && loose(header.get(i)).equals(loose(names.get(d)))) {
                    found = i;
                    candidates++;
                }
            }
            if (candidates == 1) {
                fileIndexByDeclared[d] = found;
                taken[found] = true;
                looseMatches.add("'" + clean(header.get(found)) + "' as " + names.get(d));
            } else if (columns.required(names.get(d))) {
                missingRequired.add(names.get(d));
            } else {
                missingOptional.add(names.get(d));
            }
        }
        for (int i = 0; i < header.size(); i++) {
            if (!taken[i]) {
                String name = clean(header.get(i));
                extraIndexes.add(i);
                extraNames.add(name.isEmpty() ? "column " + (i + 1) : name);
            }
        }
    }

    static HeaderMatch of(List<String> header, VendorColumns columns) {
        return new HeaderMatch(header, columns);
    }

    /** A header name without surrounding spaces and without a byte order mark text decoded elsewhere may still hold. */
    static String clean(String name) {
        String s = name.strip();
        while (s.startsWith("\uFEFF")) {
            s = s.substring(1).strip();
        }
        return s;
    }

    private static String loose(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : clean(name).toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
