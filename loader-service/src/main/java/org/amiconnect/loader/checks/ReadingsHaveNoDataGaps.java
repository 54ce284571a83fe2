package org.amiconnect.loader.checks;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.amiconnect.loader.sink.WarehouseSink;

/**
 * Days with missing or too few readings, per org ({@link DailyGaps}; the predecessor's readings-have-no-data-gaps).
 * Like the predecessor's check it only warns: a gap stays in the history and would otherwise alert every day.
 */
public final class ReadingsHaveNoDataGaps implements DataQualityCheck {

    public static final String NAME = "readings-have-no-data-gaps";
    private static final int EXAMPLES = 20;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(WarehouseSink warehouse, CheckContext context) {
        Map<String, List<DailyGaps.Gap>> gapsByOrg = warehouse.read("daily reading counts", (c, dialect) -> {
            List<String> orgs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(dialect.readingOrgs()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orgs.add(rs.getString(1));
                }
            }
            Map<String, List<DailyGaps.Gap>> found = new TreeMap<>();
            for (String org : orgs) {
                Map<LocalDate, Long> perDay = new HashMap<>();
                try (PreparedStatement ps = c.prepareStatement(dialect.dailyReadingCounts(context.zoneOf(org)))) {
                    ps.setString(1, org);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            perDay.put(LocalDate.parse(rs.getString(1)), rs.getLong(2));
                        }
                    }
                }
                List<DailyGaps.Gap> gaps = DailyGaps.find(perDay);
                if (!gaps.isEmpty()) {
                    found.put(org, gaps);
                }
            }
            return found;
        });
        long days = gapsByOrg.values().stream().mapToLong(List::size).sum();
        if (days == 0) {
            return CheckResult.passed(NAME, "no org has a day with missing or too few readings");
        }
        List<String> examples = new ArrayList<>();
        gapsByOrg.forEach((org, gaps) -> gaps.forEach(g -> {
            if (examples.size() < EXAMPLES) {
                examples.add(org + " " + g);
            }
        }));
        return new CheckResult(NAME, CheckStatus.WARNING, days + " day(s) with missing or too few readings in "
                + gapsByOrg.size() + " org(s): " + String.join(", ", gapsByOrg.keySet()), days, examples);
    }
}
