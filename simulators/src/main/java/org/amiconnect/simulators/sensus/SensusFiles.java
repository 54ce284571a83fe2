package org.amiconnect.simulators.sensus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;

/**
 * Writes Xylem Sensus CMEP files (record {@code MEPMD01}, no header line) as the vendor drops them on the utility's
 * SFTP server: one {@code CMEP_MEPMD01_MMDDYYYY.csv} per local day, one line per meter with that day's hourly
 * intervals as {@code (YYYYMMDDHHMM, code, value)} triples in the meter's flow unit, local time, from the seeded
 * generator. Estimated intervals have code {@code E}, others {@code A}.
 *
 * <p>Like the vendor's: every {@value #LATE_EVERY}th meter gets a second line with its intervals of the two days
 * before (reads 1–2 days older than the file date); each file has a {@code SUMMARY} line and an electric ({@code E})
 * line that a water pipeline skips; the file of the day before the last starts with a UTF-8 byte order mark. With
 * {@code malformedLines}, that many lines per file are broken (a quantity that does not match its triples): dead
 * letters. The record layout is this simulator's own, from the CMEP specification, not the adapter's.
 */
public final class SensusFiles {

    static final int LATE_EVERY = 10;
    private static final DateTimeFormatter NAME_DATE = DateTimeFormatter.ofPattern("MMddyyyy");
    private static final DateTimeFormatter CMEP_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final UtilityGenerator utility;
    private final int malformedLines;

    /** @param malformedLines broken lines per file (0 for clean files) */
    public SensusFiles(UtilityGenerator utility, int malformedLines) {
        this.utility = utility;
        this.malformedLines = malformedLines;
    }

    /** The file name of {@code day}: {@code CMEP_MEPMD01_MMDDYYYY.csv}. */
    public static String fileName(LocalDate day) {
        return "CMEP_MEPMD01_" + NAME_DATE.format(day) + ".csv";
    }

    /**
     * Writes the files of {@code firstDay} … {@code lastDay} into {@code folder}, each with the intervals ending before
     * {@code until}.
     *
     * @return the files written, oldest first
     */
    public List<Path> write(Path folder, LocalDate firstDay, LocalDate lastDay, Instant until) throws IOException {
        List<Path> files = new ArrayList<>();
        for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
            Path file = folder.resolve(fileName(day));
            writeDay(file, day, until, day.equals(lastDay.minusDays(1)));
            files.add(file);
        }
        return files;
    }

    private void writeDay(Path file, LocalDate day, Instant until, boolean byteOrderMark) throws IOException {
        Instant from = day.atStartOfDay(utility.zone()).toInstant();
        Instant to = min(day.plusDays(1).atStartOfDay(utility.zone()).toInstant(), until);
        Instant lateFrom = day.minusDays(2).atStartOfDay(utility.zone()).toInstant();
        String stamp = CMEP_TIME.format(day.atTime(23, 0));
        try (OutputStream out = Files.newOutputStream(file);
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            if (byteOrderMark) {
                out.write(BOM);
            }
            int broken = 0;
            for (SimulatedMeter meter : utility.meters()) {
                if (from.isBefore(to)) {
                    String line = line(meter, stamp, "OK", "W", utility.reads(meter, from, to).toList());
                    if (broken < malformedLines && meter.index() % 13 == 3) {
                        line = line.replaceFirst(",OK,W,([A-Z]+),1\\.0,60,(\\d+),", ",OK,W,$1,1.0,60,999,");
                        broken++;
                    }
                    w.write(line);
                    w.write("\r\n");
                }
                if (meter.index() % LATE_EVERY == 0 && lateFrom.isBefore(from)) {
                    w.write(line(meter, stamp, "OK", "W", utility.reads(meter, lateFrom, min(from, to)).toList()));
                    w.write("\r\n");
                }
                if (meter.index() == 4) {
                    List<SimulatedRead> reads = utility.reads(meter, from, to).limit(1).toList();
                    w.write(line(meter, stamp, "SUMMARY", "W", reads));
                    w.write("\r\n");
                    w.write(line(meter, stamp, "OK", "E", reads));
                    w.write("\r\n");
                }
            }
        }
    }

    private static String line(SimulatedMeter meter, String stamp, String purpose, String commodity,
            List<SimulatedRead> reads) {
        StringBuilder sb = new StringBuilder(64 + reads.size() * 24);
        String units = cmepUnit(meter.flowUnit());
        sb.append("MEPMD01,19970819,SENSUS,SENSUSCUST,UTILITY,").append(meter.accountId()).append(',').append(stamp)
                .append(',').append(meter.meterSn()).append(',').append(purpose).append(',').append(commodity)
                .append(',').append(units).append(",1.0,60,").append(reads.size());
        for (SimulatedRead read : reads) {
            sb.append(',').append(CMEP_TIME.format(read.localTime())).append(',')
                    .append(read.estimated() ? "E" : "A").append(',').append(read.flowString());
        }
        return sb.toString();
    }

    /** CMEP unit codes of the generator's flow units. */
    private static String cmepUnit(String flowUnit) {
        return switch (flowUnit.toUpperCase(java.util.Locale.ROOT)) {
            case "GALLONS", "GALLON" -> "GAL";
            case "CCF" -> "CCF";
            case "KGAL" -> "KGAL";
            default -> "CF";
        };
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
