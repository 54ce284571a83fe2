package org.amiconnect.simulators.aclara;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.amiconnect.simulators.generator.UtilityGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated Aclara files look like the vendor's: header, dated names, late reads, vendor oddities. */
class AclaraFilesTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @TempDir
    Path dir;

    @Test
    void oneFilePerDayWithTheVendorsHeaderOddRowsAndOneByteOrderMark() throws Exception {
        UtilityGenerator utility = new UtilityGenerator(3, 20, LA);
        List<Path> files = new AclaraFiles(utility, 1).write(dir, LocalDate.of(2026, 11, 26),
                LocalDate.of(2026, 11, 28), Instant.parse("2026-11-29T08:00:00Z"));

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("CaDC_Readings_11262026.csv",
                "CaDC_Readings_11272026.csv", "CaDC_Readings_11282026.csv");
        byte[] bom = Files.readAllBytes(files.get(1));
        assertThat(bom[0]).as("the second-to-last file starts with a UTF-8 byte order mark").isEqualTo((byte) 0xEF);
        assertThat(Files.readAllBytes(files.get(0))[0]).isEqualTo((byte) 'A');

        List<String> lines = Files.readAllLines(files.get(2), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("AccountNumber,MeterSN,MTUID,Port,AccountType,Address1,City,State,Zip,"
                + "RawRead,ScaledRead,ReadingTime,LocalTime,Active,Scalar,MeterTypeID,Vendor,Model,Description,"
                + "ReadInterval");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(",DETECTOR CHECK,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(",ERROR,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(",n/a,"));
        assertThat(lines).as("reads two days older than the file date")
                .anySatisfy(l -> assertThat(l).contains(",2026-11-26 "));
        // 20 meters x 24 reads, every 10th meter 72, a detector row and the header
        assertThat(lines).hasSize(18 * 24 + 2 * 72 + 1 + 1);
        assertThat(lines.get(1).split(",", -1)).hasSize(20);
    }
}
