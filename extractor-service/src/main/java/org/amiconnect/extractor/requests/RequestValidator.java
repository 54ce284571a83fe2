package org.amiconnect.extractor.requests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.extractor.ExtractPlan;
import org.amiconnect.extractor.ExtractTask;
import org.amiconnect.extractor.ExtractorOptions;
import org.amiconnect.extractor.runs.RunIds;
import org.amiconnect.schemas.control.ExtractRequest;

/**
 * Decides whether an extract request can run: its org must be a configured source and its range must be non-empty; a
 * request that carries files runs them whatever its range (the range only labels it); a
 * manual request's range must also be within the source's maximum (scheduled ticks and backfill chunks come from the
 * validated configuration and are not limited).
 */
final class RequestValidator {

    private final Map<String, SourceConfig> sources = new LinkedHashMap<>();
    private final ExtractorOptions options;

    /** A request that can run as {@code task}, or the reason it cannot. */
    record Verdict(Optional<ExtractTask> task, String rejection, String sourceType) {

        boolean rejected() {
            return task.isEmpty();
        }
    }

    RequestValidator(List<SourceConfig> sources, ExtractorOptions options) {
        sources.forEach(s -> this.sources.put(s.orgId(), s));
        this.options = options;
    }

    Verdict validate(ExtractRequest request) {
        SourceConfig source = sources.get(request.getOrgId());
        if (source == null) {
            return reject("unknown org '" + request.getOrgId() + "'; configured sources: "
                    + (sources.isEmpty() ? "none" : String.join(", ", sources.keySet())), "unknown");
        }
        List<Path> files = request.getFiles().stream().map(Path::of).toList();
        if (!files.isEmpty()) {
            // the files are the data: the range only labels the run
            ExtractPlan plan = new ExtractPlan(source, RunIds.extractName(request), request.getRangeStart(),
                    request.getRangeEnd(), Optional.of(request.getRequestId()), files);
            return new Verdict(Optional.of(new ExtractTask(RunIds.forRequest(request), plan, Optional.of(request))),
                    null, source.type());
        }
        if (!request.getRangeEnd().isAfter(request.getRangeStart())) {
            return reject("the range ends (" + request.getRangeEnd() + ") "
                    + (request.getRangeEnd().equals(request.getRangeStart()) ? "where" : "before") + " it starts ("
                    + request.getRangeStart() + ")", source.type());
        }
        Duration range = Duration.between(request.getRangeStart(), request.getRangeEnd());
        Duration max = options.maxRange(source);
        if (request.getExtractName() == null && range.compareTo(max) > 0) {
            return reject("the range of " + days(range) + " is longer than the " + days(max) + " a " + source.type()
                    + " extract of org '" + source.orgId() + "' may cover; split it into several requests",
                    source.type());
        }
        ExtractPlan plan = new ExtractPlan(source, RunIds.extractName(request), request.getRangeStart(),
                request.getRangeEnd(), Optional.of(request.getRequestId()));
        return new Verdict(Optional.of(new ExtractTask(RunIds.forRequest(request), plan, Optional.of(request))), null,
                source.type());
    }

    private static Verdict reject(String why, String sourceType) {
        return new Verdict(Optional.empty(), why, sourceType);
    }

    private static String days(Duration d) {
        long hours = d.toHours();
        if (hours % 24 == 0) {
            return hours / 24 + " days";
        }
        return String.format(java.util.Locale.ROOT, "%.1f days", hours / 24.0);
    }
}
