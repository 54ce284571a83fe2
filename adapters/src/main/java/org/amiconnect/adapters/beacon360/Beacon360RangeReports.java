package org.amiconnect.adapters.beacon360;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets every report of one window: from the raw-report cache when it keeps the range ({@link Beacon360ReportCache}),
 * else from Beacon, in as many ranges as Beacon's row cap needs (python-ami-connect §2.2).
 *
 * <p>The window is split before asking ({@link Beacon360RangeSplit}) when the number of connections is known: the
 * source's {@code expected_connections}, else the most rows per hour a report of the org held earlier in this process.
 * When it is
 * not, or Beacon still refuses a range as over its cap ({@link Beacon360ReportTooLarge}), that range is asked for again
 * in two halves, down to one hour. Every report is fetched before any is published, so a failure part-way publishes
 * nothing.
 */
final class Beacon360RangeReports {

    private static final Logger log = LoggerFactory.getLogger(Beacon360RangeReports.class);

    /**
     * One report of the window.
     *
     * @param temporary the report's file is a download the caller deletes (false: it belongs to the cache)
     */
    record Fetched(Beacon360RangeSplit.Range range, Beacon360Client.Report report, boolean temporary) {
    }

    private final String orgId;
    private final Beacon360Client client;
    private final Optional<Beacon360ReportCache> cache;
    private final long rowCap;
    private final long expectedConnections;
    /**
     * The most rows per hour a report of each org held in this process: an extractor lives for one run, what it
     * learned serves the org's later runs.
     */
    private static final Map<String, Long> LEARNED_CONNECTIONS = new ConcurrentHashMap<>();

    /**
     * @param expectedConnections the source's connection count, or 0 to learn it from the reports
     */
    Beacon360RangeReports(String orgId, Beacon360Client client, Optional<Beacon360ReportCache> cache, long rowCap,
            long expectedConnections) {
        this.orgId = orgId;
        this.client = client;
        this.cache = cache;
        this.rowCap = rowCap;
        this.expectedConnections = expectedConnections;
    }

    /**
     * The reports covering [{@code start}, {@code end}) (local wall-clock time), in range order.
     *
     * @throws ExtractException as {@link Beacon360Client#fetchRangeReport} does, or TRANSIENT when the cache cannot
     *     be read or written; no temporary file is left behind then
     */
    List<Fetched> fetch(LocalDateTime start, LocalDateTime end) throws ExtractException, InterruptedException {
        long connections = expectedConnections > 0 ? expectedConnections
                : LEARNED_CONNECTIONS.getOrDefault(orgId, 0L);
        List<Beacon360RangeSplit.Range> ranges = Beacon360RangeSplit.split(start, end, connections, rowCap);
        if (ranges.size() > 1) {
            log.info("beacon_360 source '{}': {} .. {} would hold about {} rows ({} connections), over the cap of {}; "
                    + "asking for {} reports", orgId, start, end, connections * ranges.get(0).hours() * ranges.size(),
                    connections, rowCap, ranges.size());
        }
        List<Fetched> fetched = new ArrayList<>();
        try {
            for (Beacon360RangeSplit.Range range : ranges) {
                fetchRange(range, fetched);
            }
        } catch (ExtractException | InterruptedException | RuntimeException e) {
            deleteTemporary(fetched);
            throw e;
        }
        cache.ifPresent(c -> {
            Set<Path> current = new HashSet<>();
            fetched.forEach(f -> current.add(f.report().file()));
            c.deleteOthers(current);
        });
        return fetched;
    }

    /** What a published report showed: its rows over its range's hours estimate the connections of later ranges. */
    void observed(Beacon360RangeSplit.Range range, long rows) {
        long hours = Math.max(1, range.hours());
        LEARNED_CONNECTIONS.merge(orgId, (rows + hours - 1) / hours, Math::max);
    }

    private void fetchRange(Beacon360RangeSplit.Range range, List<Fetched> fetched)
            throws ExtractException, InterruptedException {
        try {
            if (cache.isPresent()) {
                Optional<Beacon360Client.Report> kept = cache.get().lookup(range.start(), range.end());
                if (kept.isPresent()) {
                    fetched.add(new Fetched(range, kept.get(), false));
                    return;
                }
            }
            Beacon360Client.Report report;
            try {
                report = client.fetchRangeReport(range.start(), range.end());
            } catch (Beacon360ReportTooLarge e) {
                List<Beacon360RangeSplit.Range> halves = Beacon360RangeSplit.halves(range);
                if (halves == null) {
                    throw e;
                }
                log.warn("{}; asking for {} .. {} and {} .. {} instead", e.getMessage(), halves.get(0).start(),
                        halves.get(0).end(), halves.get(1).start(), halves.get(1).end());
                for (Beacon360RangeSplit.Range half : halves) {
                    fetchRange(half, fetched);
                }
                return;
            }
            if (cache.isPresent()) {
                fetched.add(new Fetched(range, cache.get().keep(range.start(), range.end(), report), false));
            } else {
                fetched.add(new Fetched(range, report, true));
            }
        } catch (IOException e) {
            throw new ExtractException(Kind.TRANSIENT, "beacon_360 source '" + orgId + "': cannot use the report cache: "
                    + e, e);
        }
    }

    static void deleteTemporary(List<Fetched> fetched) {
        for (Fetched f : fetched) {
            if (f.temporary()) {
                try {
                    Files.deleteIfExists(f.report().file());
                } catch (IOException e) {
                    log.warn("Cannot delete temporary report {}", f.report().file(), e);
                }
            }
        }
    }
}
