package org.amiconnect.loader.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The checks there are, and the selection a sink's config (or the command line) asks for. */
public final class DataQualityChecks {

    /** The predecessor named its checks after its only sink; those names are accepted too. */
    private static final String LEGACY_PREFIX = "snowflake-";

    private DataQualityChecks() {
    }

    public static List<DataQualityCheck> all() {
        return List.of(new MetersUniqueByDevice(), new ReadingsUniqueByDeviceAndFlowtime(), new ReadingsHaveNoDataGaps());
    }

    public static List<String> names() {
        return all().stream().map(DataQualityCheck::name).toList();
    }

    /**
     * The checks with these names, in the order given; every check when the list is empty.
     *
     * @throws IllegalArgumentException naming the unknown check and the known ones
     */
    public static List<DataQualityCheck> named(List<String> names) {
        if (names.isEmpty()) {
            return all();
        }
        List<DataQualityCheck> selected = new ArrayList<>();
        for (String name : names) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            if (wanted.startsWith(LEGACY_PREFIX)) {
                wanted = wanted.substring(LEGACY_PREFIX.length());
            }
            String match = wanted;
            DataQualityCheck check = all().stream().filter(c -> c.name().equals(match)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a data-quality check; known: "
                            + String.join(", ", names())));
            if (selected.stream().noneMatch(c -> c.name().equals(check.name()))) {
                selected.add(check);
            }
        }
        return List.copyOf(selected);
    }
}
