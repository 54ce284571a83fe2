package org.amiconnect.adapters.aclara;

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
import org.amiconnect.schemas.raw.aclara.AclaraMeterRead;

/**
 * Aclara (readings files on the utility's SFTP server): config type {@code aclara}. Settings and secrets are the
 * predecessor's {@code sftp_*} keys ({@link SftpSourceSettings}).
 */
public final class AclaraAdapter implements SourceAdapter {

    public static final String TYPE = "aclara";
    public static final String VENDOR = "aclara";

    /** Rows of the readings files; one row = one meter's read. Raw table keyed as the predecessor's. */
    public static final RawEntity METER_READ = new RawEntity(VENDOR, "meter-read", AclaraMeterRead.class,
            "aclara_base", Map.of("device_id", "MeterSN"), List.of("device_id", "ReadingTime"));

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
        return SftpSourceSettings.parse(source, secrets, "Aclara");
    }

    @Override
    public List<RawEntity> rawEntities() {
        return List.of(METER_READ);
    }

    /** The predecessor's one extract: the last 2 days, daily at 12:00 in the source's zone. */
    @Override
    public List<ScheduledExtract> scheduledExtracts() {
        return List.of(new ScheduledExtract("standard", Duration.ofDays(2), Duration.ZERO, "0 12 * * *"));
    }

    @Override
    public Extractor extractor(SourceConfig source) {
        return new AclaraExtractor(source, METER_READ, Clock.systemUTC());
    }

    /** Aclara readings files a utility holds, as on the SFTP server (CSV, plain or gzip). */
    @Override
    public boolean readsFiles() {
        return true;
    }

    @Override
    public Extractor fileExtractor(SourceConfig source, List<Path> files) {
        return new AclaraFileExtractor(source, METER_READ, files, Clock.systemUTC());
    }

    @Override
    public Normalizer normalizer(SourceConfig source) {
        return new AclaraNormalizer();
    }
}
