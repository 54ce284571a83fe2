package org.amiconnect.adapters.beacon360;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.amiconnect.core.concurrent.ReadAhead;
import org.amiconnect.core.files.ScratchFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the reports of one window, one after another, while the caller publishes the ones already at hand: from the
 * raw-report cache when it keeps the range ({@link Beacon360ReportCache}), else from Beacon, in as many ranges as
 * Beacon's row cap needs (python-ami-connect §2.2).
 *
 * <p>The window is split before asking ({@link Beacon360RangeSplit}) when the number of connections is known: the
 * source's {@code expected_connections}, else the most rows per hour a report of the org held earlier in this process.
 * When it is not, or Beacon still refuses a range as over its cap ({@link Beacon360ReportTooLarge}), that range is
 * asked for again in two halves, down to one hour. A refused report has no rows, so nothing of its range has been
 * handed out when it is split: every row of the window is handed out once, in range order.
 *
 * <p>Disk use does not grow with the window: a thread of its own downloads the next report while the caller
 * publishes the current one ({@link ReadAhead}), and at most {@link #REPORTS_AT_ONCE} reports (the one being published
 * and the one being downloaded) exist at a time. Downloads go to a temporary folder of the extract, which
 * {@link Reports#close()} deletes with whatever is left in it; one a killed process left is swept by a later run
 * ({@link ScratchFolders}).
 */
final class Beacon360RangeReports {

    private static final Logger log = LoggerFactory.getLogger(Beacon360RangeReports.class);

    /**
     * The start of the name of every temporary folder of downloads (then the org): a run sweeps those a crashed
     * process left ({@link ScratchFolders}).
     */
    static final String TEMPORARY_KIND = "amiconnect-beacon360-";
    /** The most reports held at once: one handed out (being published) and one being downloaded. */
    static final int REPORTS_AT_ONCE = 2;

    /**
     * One report of the window.
     *
     * @param temporary the report's file is a download, deleted once the report is {@link Reports#done done} (false:
     *     it belongs to the cache)
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
     * Starts getting the reports covering [{@code start}, {@code end}) (local wall-clock time). The caller takes them
     * in range order with {@link Reports#next}, hands each back with {@link Reports#done} once published, and closes
     * the {@link Reports} in any case.
     *
     * @throws ExtractException TRANSIENT when the temporary folder of the downloads cannot be made
     */
    Reports open(LocalDateTime start, LocalDateTime end) throws ExtractException {
        long connections = expectedConnections > 0 ? expectedConnections
                : LEARNED_CONNECTIONS.getOrDefault(orgId, 0L);
        List<Beacon360RangeSplit.Range> ranges = Beacon360RangeSplit.split(start, end, connections, rowCap);
        if (ranges.size() > 1) {
            log.info("beacon_360 source '{}': {} .. {} would hold about {} rows ({} connections), over the cap of {}; "
                    + "asking for {} reports", orgId, start, end, connections * ranges.get(0).hours() * ranges.size(),
                    connections, rowCap, ranges.size());
        }
        Path folder;
        try {
            folder = ScratchFolders.create(TEMPORARY_KIND, orgId);
        } catch (IOException e) {
            throw new ExtractException(Kind.TRANSIENT, "beacon_360 source '" + orgId + "': cannot make a temporary "
                    + "folder for the reports: " + e, e);
        }
        return new Reports(ranges, folder);
    }

    /** What a published report showed: its rows over its range's hours estimate the connections of later ranges. */
    void observed(Beacon360RangeSplit.Range range, long rows) {
        long hours = Math.max(1, range.hours());
        LEARNED_CONNECTIONS.merge(orgId, (rows + hours - 1) / hours, Math::max);
    }

    /**
     * The reports of one window, downloaded one ahead of the caller ({@link ReadAhead}). Not for use by several callers
     * at once.
     */
    final class Reports implements AutoCloseable {

        private final Path folder;
        private final Set<Path> used = new HashSet<>();
        private final ReadAhead<Fetched, ExtractException> ahead;
        private boolean ended;

        private Reports(List<Beacon360RangeSplit.Range> ranges, Path folder) {
            this.folder = folder;
            this.ahead = ReadAhead.start("beacon360-reports-" + orgId, REPORTS_AT_ONCE, new Downloads(ranges, folder),
                    fetched -> {
                        if (fetched.temporary()) {
                            delete(fetched.report().file());
                        }
                    });
        }

        /**
         * The next report in range order, waiting for it while it is generated or downloaded.
         *
         * @param whileWaiting run on the caller's thread about once a second while the wait lasts
         * @return the report, or null after the last one (when a cache is used, its older reports of the org are
         *     deleted then)
         * @throws ExtractException as {@link Beacon360Client#fetchRangeReport} does, or TRANSIENT when the cache
         *     cannot be read or written; reports before the failing one have been handed out before
         */
        Fetched next(Runnable whileWaiting) throws ExtractException, InterruptedException {
            if (ended) {
                return null;
            }
            Optional<Fetched> next;
            try {
                next = ahead.next(whileWaiting);
            } catch (ExtractException | RuntimeException e) {
                ended = true;
                throw e;
            }
            if (next.isPresent()) {
                if (!next.get().temporary()) {
                    used.add(next.get().report().file());
                }
                return next.get();
            }
            ended = true;
            cache.ifPresent(c -> c.deleteOthers(used));
            return null;
        }

        /** Hands a report back once published: a download is deleted, and the next one may start. */
        void done(Fetched fetched) {
            ahead.done(fetched);
        }

        /** The most reports held at once so far (downloaded or being downloaded, not yet done). */
        int mostHeld() {
            return ahead.mostHeld();
        }

        /** Stops the downloads and deletes every temporary file, also of reports not handed back. */
        @Override
        public void close() {
            ahead.close();
            try {
                ScratchFolders.delete(folder);
            } catch (IOException e) {
                log.warn("beacon_360 source '{}': cannot delete the temporary reports in {}: {}", orgId, folder,
                        e.toString());
            }
        }
    }

    /**
     * The reports of the ranges in order, from the cache or downloaded into {@code folder}; a range Beacon refuses as
     * over its cap is replaced by its two halves, asked for next.
     */
    private final class Downloads implements ReadAhead.Source<Fetched, ExtractException> {

        private final Deque<Beacon360RangeSplit.Range> pending;
        private final Path folder;

        Downloads(List<Beacon360RangeSplit.Range> ranges, Path folder) {
            this.pending = new ArrayDeque<>(ranges);
            this.folder = folder;
        }

        @Override
        public Optional<Fetched> next() throws ExtractException, InterruptedException {
            try {
                while (!pending.isEmpty()) {
                    Beacon360RangeSplit.Range range = pending.pop();
                    if (cache.isPresent()) {
                        Optional<Beacon360Client.Report> kept = cache.get().lookup(range.start(), range.end());
                        if (kept.isPresent()) {
                            return Optional.of(new Fetched(range, kept.get(), false));
                        }
                    }
                    Beacon360Client.Report report;
                    try {
                        report = client.fetchRangeReport(range.start(), range.end(), folder);
                    } catch (Beacon360ReportTooLarge e) {
                        List<Beacon360RangeSplit.Range> halves = Beacon360RangeSplit.halves(range);
                        if (halves == null) {
                            throw e;
                        }
                        log.warn("{}; asking for {} .. {} and {} .. {} instead", e.getMessage(), halves.get(0).start(),
                                halves.get(0).end(), halves.get(1).start(), halves.get(1).end());
                        pending.push(halves.get(1));
                        pending.push(halves.get(0));
                        continue;
                    }
                    if (cache.isEmpty()) {
                        return Optional.of(new Fetched(range, report, true));
                    }
                    try {
                        return Optional.of(new Fetched(range, cache.get().keep(range.start(), range.end(), report),
                                false));
                    } catch (IOException e) {
                        delete(report.file());
                        throw e;
                    }
                }
                return Optional.empty();
            } catch (IOException e) {
                throw new ExtractException(Kind.TRANSIENT, "beacon_360 source '" + orgId
                        + "': cannot use the report cache: " + e, e);
            }
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete temporary report {}", file, e);
        }
    }
}
