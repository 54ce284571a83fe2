package org.amiconnect.adapters.xylemsensus;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.amiconnect.adapters.sftpvendor.SftpSourceSettings;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.SourceAdapter;
import org.amiconnect.core.config.ConfigNode;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.config.SourceSettings;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.schemas.raw.xylemsensus.XylemSensusMeterReads;

/**
 * Xylem Sensus (CMEP MEPMD01 files on the utility's SFTP server): config type {@code xylem_sensus}. Settings and
 * secrets are the predecessor's {@code sftp_*} keys, as for Aclara ({@link SftpSourceSettings}).
 */
public final class XylemSensusAdapter implements SourceAdapter {

    public static final String TYPE = "xylem_sensus";
    public static final String VENDOR = "xylemsensus";

    /**
     * One CMEP line: a meter and its interval triples. The raw table keeps the predecessor's name; a line is
     * identified by its meter, time_stamp and its file and line number (one file may hold several lines of a meter).
     */
    public static final RawEntity METER_READS = new RawEntity(VENDOR, "meter-reads", XylemSensusMeterReads.class,
            "xylem_sensus_meter_and_reads_base", Map.of(), List.of("meter_id", "time_stamp", "source",
            "source_record"));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public SourceSettings parseSettings(ConfigNode source, ConfigNode secrets) {
        return SftpSourceSettings.parse(source, secrets, "Xylem Sensus");
    }

    @Override
    public List<RawEntity> rawEntities() {
        return List.of(METER_READS);
    }

    /** The predecessor's one extract: the last 2 days, daily at 12:00 in the source's zone. */
    @Override
    public List<ScheduledExtract> scheduledExtracts() {
        return List.of(new ScheduledExtract("standard", Duration.ofDays(2), Duration.ZERO, "0 12 * * *"));
    }

    @Override
    public Extractor extractor(SourceConfig source) {
        return new XylemSensusExtractor(source, METER_READS, Clock.systemUTC());
    }

    /** CMEP files a utility holds, as on the SFTP server (plain or gzip). */
    @Override
    public boolean readsFiles() {
        return true;
    }

    @Override
    public Extractor fileExtractor(SourceConfig source, List<Path> files) {
        return new XylemSensusFileExtractor(source, METER_READS, files, Clock.systemUTC());
    }

    @Override
    public Normalizer normalizer(SourceConfig source) {
        return new XylemSensusNormalizer(source.timezone());
    }
}
