package org.amiconnect.cli.http;

import java.time.LocalDate;
import java.util.Map;

/**
 * An inline SVG bar chart of one org's readings per day over the last {@code days} days: one bar per day, the
 * newest on the right, the day's count in each bar's tooltip ({@code <title>}). No script; scales with its container,
 * so it stays readable on a phone.
 */
final class ReadsChart {

    private static final int WIDTH = 600;
    private static final int HEIGHT = 120;
    private static final int TOP = 14;

    private ReadsChart() {
    }

    /**
     * @param perDay readings per UTC day (days absent count 0)
     * @param lastDay the chart's last (rightmost) day
     */
    static String svg(String org, Map<LocalDate, Long> perDay, LocalDate lastDay, int days) {
        long max = Math.max(1, perDay.values().stream().mapToLong(Long::longValue).max().orElse(0));
        double bar = (double) WIDTH / days;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT + 16)
                .append("\" role=\"img\" aria-label=\"reads loaded per day for ").append(Html.escape(org))
                .append(", last ").append(days).append(" days\">");
        b.append("<text x=\"0\" y=\"10\" font-size=\"10\">max ").append(String.format("%,d", max))
                .append("/day</text>");
        for (int i = 0; i < days; i++) {
            LocalDate day = lastDay.minusDays(days - 1 - i);
            long n = perDay.getOrDefault(day, 0L);
            double h = (HEIGHT - TOP) * (double) n / max;
            b.append(String.format(java.util.Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %,d reads</title></rect>",
                    i * bar + 1, HEIGHT - h, bar - 2, h, day, n));
        }
        b.append("<line x1=\"0\" y1=\"").append(HEIGHT).append("\" x2=\"").append(WIDTH).append("\" y2=\"")
                .append(HEIGHT).append("\" stroke=\"#888\"/>");
        b.append("<text x=\"0\" y=\"").append(HEIGHT + 13).append("\" font-size=\"10\">")
                .append(lastDay.minusDays(days - 1)).append("</text>");
        b.append("<text x=\"").append(WIDTH).append("\" y=\"").append(HEIGHT + 13)
                .append("\" font-size=\"10\" text-anchor=\"end\">").append(lastDay).append("</text>");
        return b.append("</svg>").toString();
    }
}
