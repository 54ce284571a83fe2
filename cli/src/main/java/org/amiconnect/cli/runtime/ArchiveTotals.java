package org.amiconnect.cli.runtime;

import java.io.PrintWriter;
import java.util.Map;

import org.amiconnect.archiver.Archiver;
import org.amiconnect.archiver.ArchiverStats;
import org.amiconnect.archiver.format.ArchiveKey;
import org.amiconnect.archiver.format.ObjectSummary;
import org.amiconnect.archiver.store.ArchiveStore;
import org.amiconnect.archiver.store.ArchiveStores;
import org.amiconnect.core.config.ArchiveSettings;
import org.amiconnect.core.kafka.ConsumerGroupLag;
import org.apache.kafka.common.TopicPartition;

/**
 * What the archive got from one {@code run --once} and what it holds in all, and whether it holds every record the
 * runs extracted.
 *
 * @param location the archive's root, for the summary
 * @param runRecords raw records stored by this process
 * @param runObjects objects stored by this process
 * @param failures objects the archiver failed to store in this process
 * @param allRecords raw records in every object of the archive (-1 when it could not be listed)
 * @param allObjects objects in the archive (-1 when it could not be listed)
 * @param archivedRunRecords whether the archiver committed past every record of the runs (it commits only what it stored)
 */
public record ArchiveTotals(String location, long runRecords, long runObjects, long failures, long allRecords,
        long allObjects, boolean archivedRunRecords, String lastError) {

    /**
     * Counts after the pipeline was closed (the archiver stores its open objects and commits their offsets on close).
     *
     * @param runEnds per raw partition, the offset after the last record of the runs
     */
    public static ArchiveTotals after(Pipeline pipeline, Map<TopicPartition, Long> runEnds) {
        Archiver archiver = pipeline.archiver();
        ArchiverStats stats = archiver.stats();
        boolean archived;
        try (ConsumerGroupLag lag = new ConsumerGroupLag(pipeline.infrastructure().clients())) {
            archived = lag.reached(archiver.consumerGroup(), runEnds);
        }
        ArchiveSettings settings = pipeline.infrastructure().config().archive();
        long allRecords = -1;
        long allObjects = -1;
        String location = settings.type().equals("local") ? String.valueOf(settings.localPath())
                : "s3://" + settings.bucket() + "/" + settings.prefix();
        try (ArchiveStore store = ArchiveStores.open(settings)) {
            location = store.location();
            long records = 0;
            long objects = 0;
            for (ArchiveStore.StoredObject o : store.list("")) {
                if (ArchiveKey.isKey(o.key())) {
                    objects++;
                    records += store.summary(ArchiveKey.parse(o.key())).map(ObjectSummary::recordCount).orElse(0L);
                }
            }
            allRecords = records;
            allObjects = objects;
        } catch (RuntimeException e) {
            // the totals are informative; a failure to list is reported in their place
        }
        return new ArchiveTotals(location, stats.records(), stats.objects(), stats.failures(), allRecords, allObjects,
                archived, stats.lastError());
    }

    /** Every record of the runs is in the archive and no object failed to be stored. */
    public boolean complete() {
        return archivedRunRecords && failures == 0;
    }

    /** E.g. {@code Archive (data/archive): 0 raw records in 0 objects this run; 30 in 3 objects in all}. */
    public void print(PrintWriter out) {
        out.printf("Archive (%s): %,d raw records in %,d objects this run; %s%n", location, runRecords, runObjects,
                allObjects < 0 ? "cannot list the archive" : String.format("%,d in %,d objects in all", allRecords,
                        allObjects));
        if (failures > 0) {
            out.printf("  %,d object(s) failed to be stored; last error: %s%n", failures, lastError);
        }
        if (!archivedRunRecords) {
            out.println("  not every record of this run's extracts was archived (the archiver did not commit past them)");
        }
        out.flush();
    }
}
