package org.amiconnect.cli.http;

/** HTML escaping for text and attribute values. */
final class Html {

    private Html() {
    }

    private static final java.time.format.DateTimeFormatter MINUTES = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

    /** An instant to the minute, UTC, e.g. {@code 2026-11-30 13:10}. */
    static String time(java.time.Instant t) {
        return t == null ? "-" : MINUTES.format(t);
    }

    static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
