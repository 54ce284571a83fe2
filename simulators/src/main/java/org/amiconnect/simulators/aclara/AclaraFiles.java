package org.amiconnect.simulators.aclara;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;

/**
 * Writes Aclara readings files as the vendor drops them on the utility's SFTP server: one
 * {@code CaDC_Readings_MMDDYYYY.csv} per local day, each meter's hourly reads of that day (ReadingTime in UTC,
 * LocalTime in the utility's zone, ScaledRead in cubic feet), from the seeded generator.
 *
 * <p>Like the vendor's: every {@value #LATE_EVERY}th meter's reads of the day before and the day before that arrive
 * again in the next files (reads 1–2 days older than the file date); each file has a DETECTOR CHECK row (a detector,
 * no meter) and an ERROR read (an endpoint that could not read its register); the file of the day before the last
 * starts with a UTF-8 byte order mark. With {@code malformedRows}, that many rows per file have a ScaledRead that is
 * no number (dead letters). The column list is this simulator's own, from the vendor's files, not the adapter's.
 */
public final class AclaraFiles {

    /** The vendor's header, in its order. */
    static final List<String> COLUMNS = List.of("AccountNumber", "MeterSN", "MTUID", "Port", "AccountType", "Address1",
            "City", "State", "Zip", "RawRead", "ScaledRead", "ReadingTime", "LocalTime", "Active", "Scalar",
            "MeterTypeID", "Vendor", "Model", "Description", "ReadInterval");

    static final int LATE_EVERY = 10;
    private static final DateTimeFormatter NAME_DATE = DateTimeFormatter.ofPattern("MMddyyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final UtilityGenerator utility;
    private final int malformedRows;

    /** @param malformedRows rows per file with an unreadable ScaledRead (0 for clean files) */
    public AclaraFiles(UtilityGenerator utility, int malformedRows) {
        this.utility = utility;
        this.malformedRows = malformedRows;
    }

    /** The file name of {@code day}: {@code CaDC_Readings_MMDDYYYY.csv}. */
    public static String fileName(LocalDate day) {
        return "CaDC_Readings_" + NAME_DATE.format(day) + ".csv";
    }

    /**
     * Writes the files of {@code firstDay} … {@code lastDay} into {@code folder}, each with the reads taken before
     * {@code until} (so the last day's file holds the day so far).
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
        try (OutputStream out = Files.newOutputStream(file);
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            if (byteOrderMark) {
                out.write(BOM);
            }
            w.write(String.join(",", COLUMNS));
            w.write("\r\n");
            int row = 0;
            int malformed = 0;
            for (SimulatedMeter meter : utility.meters()) {
                Instant start = meter.index() % LATE_EVERY == 0 ? lateFrom : from;
                if (!start.isBefore(to)) {
                    continue;
                }
                int ofMeter = 0;
                for (SimulatedRead read : (Iterable<SimulatedRead>) utility.reads(meter, start, to)::iterator) {
                    row++;
                    ofMeter++;
                    String scaled = scaled(read);
                    if (meter.index() == 1 && ofMeter == 5) {
                        scaled = "ERROR";
                    } else if (malformed < malformedRows && row % 97 == 0) {
                        scaled = "n/a";
                        malformed++;
                    }
                    w.write(row(meter, read, scaled));
                    w.write("\r\n");
                }
                if (meter.index() == 2) {
                    w.write(detectorCheck(meter, from));
                    w.write("\r\n");
                }
            }
        }
    }

    private String row(SimulatedMeter meter, SimulatedRead read, String scaled) {
        String[] cells = {
            meter.accountId(), meter.meterSn(), meter.endpointSn(), "1",
            meter.commercial() ? "COMMERCIAL" : "RESIDENTIAL", meter.addressLine1(), meter.city(), meter.state(),
            meter.zip(), rawRead(read), scaled, TIME.format(read.instant().atOffset(ZoneOffset.UTC)),
            TIME.format(read.localTime()), "1", "0.001", "2212", vendorWord(meter), meter.model(),
            description(meter), "60"};
        return csv(cells);
    }

    private String detectorCheck(SimulatedMeter meter, Instant at) {
        String[] cells = {"DC" + meter.accountId(), "", "", "1", "DETECTOR CHECK", meter.addressLine1(), meter.city(),
            meter.state(), meter.zip(), "", "", TIME.format(at.atOffset(ZoneOffset.UTC)),
            TIME.format(at.atZone(utility.zone()).toLocalDateTime()), "1", "", "", "", "", "", "60"};
        return csv(cells);
    }

    /** The register in cubic feet to the thousandth, zero-padded as the vendor prints it: {@code 023497.071}. */
    private static String scaled(SimulatedRead read) {
        BigDecimal cf = BigDecimal.valueOf(read.registerCf()).setScale(3, RoundingMode.HALF_EVEN);
        String text = cf.toPlainString();
        int dot = text.indexOf('.');
        return "0".repeat(Math.max(0, 6 - dot)) + text;
    }

    private static String rawRead(SimulatedRead read) {
        return BigDecimal.valueOf(read.registerCf()).movePointRight(3).setScale(0, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    private static String vendorWord(SimulatedMeter meter) {
        String m = meter.manufacturer();
        int space = m.indexOf(' ');
        return (space < 0 ? m : m.substring(0, space)).toUpperCase(java.util.Locale.ROOT);
    }

    /** As the vendor writes it: {@code Badger M25/LP HRE LCD 5/8x3/4in 9D 0.001CuFt} (the size is the 5th word). */
    private static String description(SimulatedMeter meter) {
        String size = meter.meterSizeDesc().replace("\"", "in");
        return vendorWord(meter) + " M25/LP HRE LCD " + size + " " + meter.dials() + "D 0.001CuFt";
    }

    private static String csv(String[] cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells[i] == null ? "" : cells[i];
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
