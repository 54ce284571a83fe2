package org.amiconnect.adapters.beacon360;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.normalize.LocalTimeMarks;
import org.amiconnect.core.normalize.MeterSizes;
import org.amiconnect.core.normalize.Units;
import org.amiconnect.core.normalize.VendorTimestamps;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.apache.avro.specific.SpecificRecord;

/**
 * Beacon 360 report row → one meter and at most one read (python-ami-connect §2.2).
 *
 * <ul>
 *   <li>device_id = endpoint_id = Endpoint_SN; account_id = Account_ID up to the first '-' (some utilities write
 *       account-location there);</li>
 *   <li>Read (Read_Unit) is the register, Flow (Flow_Unit) the interval, both converted to cubic feet;</li>
 *   <li>timestamps are naive local time in the source's zone; Read_Time takes the offset the extractor resolved from
 *       the report's other rows (two reads of one meter in the repeated fall-back hour are an hour apart), and a
 *       Read_Time the extractor found to duplicate a real read (a spring-forward gap time) is a dead letter;</li>
 *   <li>a row without Read_Time still describes its meter, but carries no read (counted as skipped);</li>
 *   <li>the meter's observed_at is the read's flowtime (null without Read_Time), so that a re-pull of an older window
 *       is ordered behind newer data in the meter's history (docs/warehouse.md, meter history);</li>
 *   <li>empty cells become null. Unlike the predecessor, an empty Read or Flow is a missing value rather than a
 *       crash, and a value whose unit is empty or unknown is a dead letter rather than a number of unknown unit.</li>
 * </ul>
 */
public final class Beacon360Normalizer implements Normalizer {

    private final ZoneId zone;
    private final LastParsed meterInstall = new LastParsed();
    private final LastParsed endpointInstall = new LastParsed();

    /**
     * The text an install-date column last held and its instant: a report lists a meter's reads together, so its rows
     * repeat them. Shared by the transformer's stream threads without a lock: the pair is immutable and replaced
     * whole, and a pair another thread has not seen yet only costs a parse.
     */
    private static final class LastParsed {
        private record Parsed(String text, Instant instant) {
        }

        private Parsed last = new Parsed(null, null);
    }

    public Beacon360Normalizer(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Normalized normalize(SpecificRecord record) throws NormalizationException {
        Beacon360MeterRead raw = (Beacon360MeterRead) record;
        ExtractMetadata extract = raw.getExtract();
        String deviceId = blankToNull(raw.getEndpointSN());
        if (deviceId == null) {
            throw new NormalizationException("Endpoint_SN", where(extract, null) + "Endpoint_SN is empty; a read "
                    + "cannot be attributed to a meter without it");
        }
        String org = extract.getOrgId();
        String accountId = account(raw.getAccountID());
        String locationId = blankToNull(raw.getLocationID());

        Instant flowtime = readTime(raw.getReadTime(), extract, deviceId);
        // the all-fields constructors rather than the builders: a builder allocates two arrays of the schema's size
        // per record, and every value here is already checked (org_id and device_id, the only required fields, are set)
        GeneralMeter meter = new GeneralMeter(
                org,
                deviceId,
                accountId,
                locationId,
                blankToNull(raw.getMeterID()),
                deviceId, // endpoint_id
                installDate(meterInstall, raw.getMeterInstallDate(), "Meter_Install_Date", extract, deviceId),
                MeterSizes.normalize(raw.getMeterSizeDesc()).orElse(null),
                blankToNull(raw.getMeterManufacturer()),
                null, // multiplier
                blankToNull(raw.getLocationAddressLine1()),
                blankToNull(raw.getLocationCity()),
                blankToNull(raw.getLocationState()),
                blankToNull(raw.getLocationZIP()),
                // the meter looked like this at the read's time: history is ordered by it, not by arrival
                flowtime); // observed_at

        if (flowtime == null) {
            return new Normalized(List.of(meter), List.of(), 1);
        }
        Double register = volume(raw.getRead(), "Read", raw.getReadUnit(), "Read_Unit", extract, deviceId);
        Double interval = volume(raw.getFlow(), "Flow", raw.getFlowUnit(), "Flow_Unit", extract, deviceId);
        GeneralMeterRead read = new GeneralMeterRead(
                org,
                deviceId,
                accountId,
                locationId,
                flowtime,
                register,
                register == null ? null : Units.CUBIC_FEET,
                interval,
                interval == null ? null : Units.CUBIC_FEET,
                blankToNull(raw.getBatteryLevel()),
                installDate(endpointInstall, raw.getEndpointInstallDate(), "Endpoint_Install_Date", extract, deviceId),
                estimated(raw.getEstimatedFlag(), extract, deviceId),
                blankToNull(raw.getSignalStrength()),
                null); // quality: set by the transformer's checks
        return new Normalized(List.of(meter), List.of(read), 0);
    }

    private static String account(String accountId) {
        String a = blankToNull(accountId);
        if (a == null) {
            return null;
        }
        int dash = a.indexOf('-');
        return dash < 0 ? a : a.substring(0, dash);
    }

    /**
     * Read_Time, placed with what the extractor resolved across the report's rows: the offset of one of two reads at the
     * same fall-back time, or the reason a spring-forward gap time is a duplicate (then the record is a dead letter).
     */
    private Instant readTime(String text, ExtractMetadata extract, String deviceId) throws NormalizationException {
        String field = Beacon360Columns.READ_TIME;
        String problem = LocalTimeMarks.problem(extract, field);
        if (problem != null) {
            throw new NormalizationException(field, where(extract, deviceId) + field + ": " + problem);
        }
        try {
            return VendorTimestamps.parse(text, zone, LocalTimeMarks.offset(extract, field));
        } catch (DateTimeParseException e) {
            throw new NormalizationException(field, where(extract, deviceId) + field + ": '" + text
                    + "' is not a timestamp (expected e.g. 2024-08-01 00:59)", e);
        }
    }

    /** {@link #time} of an install-date column, or the instant its previous row's equal text gave. */
    private Instant installDate(LastParsed memo, String text, String field, ExtractMetadata extract, String deviceId)
            throws NormalizationException {
        LastParsed.Parsed last = memo.last;
        if (text != null && text.equals(last.text())) {
            return last.instant();
        }
        Instant parsed = time(text, field, extract, deviceId);
        memo.last = new LastParsed.Parsed(text, parsed);
        return parsed;
    }

    private Instant time(String text, String field, ExtractMetadata extract, String deviceId) throws NormalizationException {
        try {
            return VendorTimestamps.parse(text, zone);
        } catch (DateTimeParseException e) {
            throw new NormalizationException(field, where(extract, deviceId) + field + ": '" + text
                    + "' is not a timestamp (expected e.g. 2024-08-01 00:59)", e);
        }
    }

    private static Double volume(String value, String field, String unit, String unitField, ExtractMetadata extract,
            String deviceId) throws NormalizationException {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        double number;
        try {
            number = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new NormalizationException(field, where(extract, deviceId) + field + ": '" + value + "' is not a number");
        }
        if (blankToNull(unit) == null) {
            throw new NormalizationException(unitField, where(extract, deviceId) + unitField + " is empty but " + field
                    + " is " + v + "; a volume without a unit cannot be converted to cubic feet");
        }
        try {
            return Units.toCubicFeet(number, unit);
        } catch (Units.UnknownUnitException e) {
            throw new NormalizationException(unitField, where(extract, deviceId) + unitField + ": " + e.getMessage());
        }
    }

    private static Integer estimated(String flag, ExtractMetadata extract, String deviceId) throws NormalizationException {
        String f = blankToNull(flag);
        if (f == null) {
            return null;
        }
        try {
            return Integer.valueOf(f);
        } catch (NumberFormatException e) {
            throw new NormalizationException("Estimated_Flag", where(extract, deviceId) + "Estimated_Flag: '" + flag
                    + "' is not 0 or 1");
        }
    }

    private static String where(ExtractMetadata e, String deviceId) {
        StringBuilder sb = new StringBuilder(e.getSource());
        if (e.getSourceRecord() != null) {
            sb.append(" row ").append(e.getSourceRecord());
        }
        sb.append(" (org ").append(e.getOrgId());
        if (deviceId != null) {
            sb.append(", Endpoint_SN ").append(deviceId);
        }
        return sb.append("): ").toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
