package org.amiconnect.simulators.sensus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.amiconnect.simulators.generator.UtilityGenerator;
import org.amiconnect.simulators.sshd.SftpDropSimulator;

/**
 * A Xylem Sensus utility's SFTP server: {@link SensusFiles} for the {@code days} local days up to {@code until} in the
 * {@value SftpDropSimulator#FOLDER} folder of a {@link SftpDropSimulator}, which accepts {@code user}/{@code password}.
 */
public final class SensusSimulator {

    private SensusSimulator() {
    }

    /**
     * @param days files written: the day of {@code until} and the {@code days - 1} days before it
     * @param malformedLines broken lines per file (0 for clean files)
     */
    public static SftpDropSimulator start(long seed, int meters, ZoneId zone, int days, Instant until,
            int malformedLines, String user, String password) {
        UtilityGenerator utility = new UtilityGenerator(seed, meters, zone);
        LocalDate last = LocalDate.ofInstant(until, zone);
        return SftpDropSimulator.start("sensus", user, password,
                folder -> new SensusFiles(utility, malformedLines).write(folder, last.minusDays(days - 1L), last,
                        until));
    }
}
