package org.amiconnect.simulators.aclara;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.amiconnect.simulators.generator.UtilityGenerator;
import org.amiconnect.simulators.sshd.SftpDropSimulator;

/**
 * An Aclara utility's SFTP server: {@link AclaraFiles} for the {@code days} local days up to {@code until} in the
 * {@value SftpDropSimulator#FOLDER} folder of a {@link SftpDropSimulator}, which accepts {@code user}/{@code password}.
 */
public final class AclaraSimulator {

    private AclaraSimulator() {
    }

    /**
     * @param days files written: the day of {@code until} and the {@code days - 1} days before it
     * @param malformedRows rows per file with an unreadable ScaledRead (0 for clean files)
     */
    public static SftpDropSimulator start(long seed, int meters, ZoneId zone, int days, Instant until, int malformedRows,
            String user, String password) {
        UtilityGenerator utility = new UtilityGenerator(seed, meters, zone);
        LocalDate last = LocalDate.ofInstant(until, zone);
        return SftpDropSimulator.start("aclara", user, password,
                folder -> new AclaraFiles(utility, malformedRows).write(folder, last.minusDays(days - 1L), last, until));
    }
}
