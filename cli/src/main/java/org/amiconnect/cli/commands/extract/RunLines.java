package org.amiconnect.cli.commands.extract;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.amiconnect.extractor.runs.RunStates;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;

/** How run states read on the terminal. */
final class RunLines {

    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private RunLines() {
    }

    /** One line for a state seen while following a run. */
    static String progress(ExtractRun run) {
        return switch (run.getState()) {
            case QUEUED -> "  queued on " + run.getInstance() + (run.getError() == null ? "" : " (" + run.getError() + ")");
            case RUNNING -> {
                if (run.getError() != null) {
                    yield "  " + run.getError();
                }
                if (run.getTransactionsCommitted() > 0) {
                    yield String.format("  running: %,d raw records committed in %d transaction(s)",
                            RunStates.totalRecords(run), run.getTransactionsCommitted());
                }
                yield "  running on " + run.getInstance() + (run.getAttempt() > 1 ? ", attempt " + run.getAttempt() : "");
            }
            default -> "  " + run.getState().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The final line of a run. */
    static String outcome(ExtractRun run) {
        StringBuilder b = new StringBuilder("Run ").append(run.getRunId()).append(' ').append(run.getState());
        if (run.getState() == ExtractRunState.SUCCEEDED) {
            b.append(String.format(": %,d raw records", RunStates.totalRecords(run)));
            if (!run.getRecordsPublished().isEmpty()) {
                b.append(" (").append(topics(run.getRecordsPublished())).append(')');
            }
            b.append(" in ").append(seconds(Duration.between(run.getCreatedAt(), run.getUpdatedAt())));
            if (run.getAttempt() > 1) {
                b.append(", attempt ").append(run.getAttempt());
            }
        } else if (run.getError() != null) {
            b.append(": ").append(run.getError());
        }
        return b.toString();
    }

    static String topics(Map<String, Long> published) {
        return new TreeMap<>(published).entrySet().stream()
                .map(e -> String.format("%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
