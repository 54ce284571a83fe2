package org.amiconnect.simulators.sensus;

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

/** The simulated CMEP files: MEPMD01 lines whose quantity matches their triples, except the broken ones asked for. */
class SensusFilesTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @TempDir
    Path dir;

    @Test
    void everyLineIsAMepmd01RecordWithAsManyTriplesAsItsQuantitySaysButTheBrokenOnes() throws Exception {
        UtilityGenerator utility = new UtilityGenerator(3, 20, LA);
        List<Path> files = new SensusFiles(utility, 1).write(dir, LocalDate.of(2026, 11, 27),
                LocalDate.of(2026, 11, 28), Instant.parse("2026-11-29T08:00:00Z"));

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("CMEP_MEPMD01_11272026.csv",
                "CMEP_MEPMD01_11282026.csv");
        assertThat(Files.readAllBytes(files.get(0))[0]).isEqualTo((byte) 0xEF);
        List<String> lines = Files.readAllLines(files.get(1), StandardCharsets.UTF_8);
        int broken = 0;
        for (String line : lines) {
            String[] f = line.split(",", -1);
            assertThat(f[0]).isEqualTo("MEPMD01");
            if (f.length != 14 + 3 * Integer.parseInt(f[13])) {
                broken++;
            }
        }
        assertThat(broken).isEqualTo(1);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(",SUMMARY,W,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(",OK,E,"));
        assertThat(lines).as("a late line with the intervals of the two days before")
                .anySatisfy(l -> assertThat(l).contains(",48,202611260"));
    }
}
