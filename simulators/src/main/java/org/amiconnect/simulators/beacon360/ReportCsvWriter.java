package org.amiconnect.simulators.beacon360;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;

/**
 * Streams a report as the vendor writes it: a header line, then one row per (meter, hourly read), every value
 * double-quoted with quotes doubled (RFC 4180), rows separated by LF and no newline after the last row, in UTF-8 unless
 * {@link VendorQuirks} ask for another character set or a byte order mark.
 *
 * <p>Written by hand rather than with a CSV library because reports reach a million rows: the values that never change
 * for a meter are quoted once per meter and only the per-read values are rendered per row.
 */
final class ReportCsvWriter {

    static final String UNKNOWN_FLOW_UNIT = "Pounds";
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final int FLUSH_CHARS = 1 << 15;

    private final UtilityGenerator generator;
    /** The row faults and the character set come from the simulator's options. */
    private final Beacon360SimulatorOptions options;

    ReportCsvWriter(Beacon360SimulatorOptions options) {
        this.generator = options.generator();
        this.options = options;
    }

    /** Writes the whole report and returns the number of data rows. */
    long write(EdsReport report, OutputStream out) throws IOException {
        ZoneId zone = generator.zone();
        List<BeaconColumn> columns = report.columns();
        BeaconColumn[] order = columns.toArray(new BeaconColumn[0]);
        StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 4_096);
        if (options.quirks().byteOrderMark()) {
            buffer.append('\uFEFF');
        }
        for (int i = 0; i < order.length; i++) {
            if (i > 0) {
                buffer.append(',');
            }
            appendQuoted(buffer, order[i].name());
        }

        LocalDateTime start = report.startInclusive();
        LocalDateTime end = report.endExclusive();
        Instant now = report.requestedAt();
        Instant from = firstInstantAtOrAfter(start, zone);
        Instant to = end.atZone(zone).withLaterOffsetAtOverlap().toInstant();
        Instant afterNow = now.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        if (to.isAfter(afterNow)) {
            to = afterNow;
        }
        long rows = 0;
        if (!from.isBefore(to)) {
            flush(buffer, out);
            return 0;
        }
        String[] meterCells = new String[order.length];
        for (SimulatedMeter meter : generator.meters()) {
            fillMeterCells(meter, order, meterCells);
            Iterator<SimulatedRead> reads = generator.reads(meter, from, to).iterator();
            while (reads.hasNext()) {
                SimulatedRead read = reads.next();
                LocalDateTime local = read.localTime();
                if (local.isBefore(start) || !local.isBefore(end) || read.instant().isAfter(now)) {
                    continue;
                }
                rows++;
                buffer.append('\n');
                appendRow(buffer, rows, read, order, meterCells, zone);
                if (buffer.length() >= FLUSH_CHARS) {
                    flush(buffer, out);
                }
            }
        }
        flush(buffer, out);
        return rows;
    }

    /**
     * The first instant whose local time is {@code local} or later, so that the reads generated for a report are only
     * those of its range (a one-hour report of a million meters renders a million reads, not seven million): in a
     * fall-back overlap the earlier of the two instants, in a spring-forward gap the transition itself (the zone's
     * own adjustment would move a time in the gap forward by the gap's length, past reads that belong to the range).
     * The reads are filtered by local time afterwards; this only bounds what is generated.
     */
    static Instant firstInstantAtOrAfter(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return local.atZone(zone).withEarlierOffsetAtOverlap().toInstant();
    }

    /** Encodes whole chunks at once: far cheaper than a Writer's per-call encoding for mostly-ASCII text. */
    private void flush(StringBuilder buffer, OutputStream out) throws IOException {
        out.write(buffer.toString().getBytes(options.quirks().charset()));
        buffer.setLength(0);
    }

    private void appendRow(StringBuilder row, long rowNumber, SimulatedRead read, BeaconColumn[] order,
                           String[] meterCells, ZoneId zone) {
        boolean unknownFlowUnit = isEveryNth(rowNumber, options.unknownFlowUnitEveryNthRow());
        boolean missingReadTime = isEveryNth(rowNumber, options.missingReadTimeEveryNthRow());
        String readTime = null;
        for (int i = 0; i < order.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            String fixed = meterCells[i];
            if (fixed != null) {
                row.append(fixed);
                continue;
            }
            switch (order[i]) {
                case Current_Leak_Rate:
                    appendQuoted(row, read.leaking() ? read.meter().leakRateInFlowUnit() : "");
                    break;
                case Current_Leak_Start_Date:
                    appendQuoted(row, read.leaking() ? MINUTES.format(read.leakStart().atZone(zone)) : "");
                    break;
                case Estimated_Flag:
                    row.append(read.estimated() ? "\"1\"" : "\"0\"");
                    break;
                case Flow:
                    appendQuoted(row, read.flowString());
                    break;
                case Flow_Unit:
                    appendQuoted(row, unknownFlowUnit ? UNKNOWN_FLOW_UNIT : read.flowUnit());
                    break;
                case Raw_Read:
                    appendQuoted(row, read.rawRead());
                    break;
                case Read:
                    appendQuoted(row, read.readString());
                    break;
                case Read_Time:
                case Flow_Time:
                    if (readTime == null) {
                        readTime = missingReadTime ? "" : read.readTimeText();
                    }
                    appendQuoted(row, readTime);
                    break;
                default:
                    throw new IllegalStateException("no per-read value for column " + order[i]);
            }
        }
    }

    /** Quoted cells for the columns whose value is fixed per meter; null where the value changes per read. */
    private static void fillMeterCells(SimulatedMeter meter, BeaconColumn[] order, String[] cells) {
        for (int i = 0; i < order.length; i++) {
            BeaconColumn column = order[i];
            if (column.perRead()) {
                cells[i] = null;
            } else {
                StringBuilder cell = new StringBuilder();
                appendQuoted(cell, meterValue(meter, column));
                cells[i] = cell.toString();
            }
        }
    }

    private static String meterValue(SimulatedMeter meter, BeaconColumn column) {
        switch (column) {
            case Account_ID:
                return meter.accountId();
            case Battery_Level:
                return meter.batteryLevel();
            case Dials:
                return String.valueOf(meter.dials());
            case Endpoint_Install_Date:
                return MINUTES.format(meter.endpointInstallDate());
            case Endpoint_SN:
                return meter.endpointSn();
            case Location_Address_Line1:
                return meter.addressLine1();
            case Location_City:
                return meter.city();
            case Location_Country:
                return meter.country();
            case Location_ID:
                return meter.locationId();
            case Location_State:
                return meter.state();
            case Location_ZIP:
                return meter.zip();
            case Location_Latitude:
                return String.format(Locale.ROOT, "%.6f", meter.latitude());
            case Location_Longitude:
                return String.format(Locale.ROOT, "%.6f", meter.longitude());
            case Meter_ID:
                return meter.meterId();
            case Meter_Install_Date:
                return MINUTES.format(meter.meterInstallDate());
            case Meter_Manufacturer:
                return meter.manufacturer();
            case Meter_Model:
                return meter.model();
            case Meter_Size:
                return meter.meterSize();
            case Meter_Size_Desc:
                return meter.meterSizeDesc();
            case Meter_Size_Unit:
                return meter.meterSizeUnit();
            case Meter_SN:
                return meter.meterSn();
            case Read_Unit:
                return meter.registerUnit();
            case Register_Resolution:
                return meter.registerResolution();
            case Service_Point_Class_Code:
                return meter.commercial() ? "COM" : "RES";
            case Service_Point_Class_Code_Normalized:
                return meter.customerClass();
            case Signal_Strength:
                return meter.signalStrength();
            default:
                return ""; // the simulated utility keeps no data for this column
        }
    }

    static void appendQuoted(StringBuilder out, String value) {
        out.append('"');
        if (value.indexOf('"') < 0) {
            out.append(value);
        } else {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    out.append('"');
                }
                out.append(c);
            }
        }
        out.append('"');
    }

    /** Whether the fault that comes every {@code n}th row hits this row; {@code n} = 0 means never. */
    private static boolean isEveryNth(long rowNumber, int n) {
        return n > 0 && rowNumber % n == 0;
    }
}
