package org.amiconnect.adapters.aclara;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.normalize.MeterSizes;
import org.amiconnect.core.normalize.Units;
import org.amiconnect.core.normalize.VendorTimestamps;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.aclara.AclaraMeterRead;
import org.apache.avro.specific.SpecificRecord;

/**
 * Aclara file row → one meter and at most one read (python-ami-connect §2.1).
 *
 * <ul>
 *   <li>rows with AccountType {@code DETECTOR CHECK} are no meter and no read: nothing (counted as a skipped read);</li>
 *   <li>device_id = meter_id = MeterSN; account_id = AccountNumber; endpoint_id = MTUID; no location id; manufacturer
 *       = Vendor; multiplier = Scalar; address from Address1, City, State, Zip;</li>
 *   <li>meter size from Description: its space-separated words 5, 6, 4 then 3 (counted from 1; a double space makes an
 *       empty word) through the shared size table, the first that maps wins ({@link #sizeFromDescription});</li>
 *   <li>flowtime = ReadingTime read as <b>UTC</b> (LocalTime is ignored); register = ScaledRead in cubic feet (already
 *       scaled by the vendor); {@code ERROR} in ScaledRead is a read without a register value; a row without
 *       ReadingTime describes its meter but carries no read;</li>
 *   <li>a ScaledRead or Scalar that is not a number is a dead letter naming the file, row, org and MeterSN.</li>
 * </ul>
 */
public final class AclaraNormalizer implements Normalizer {

    /** The AccountType of rows that test a detector: they describe no meter. */
    public static final String DETECTOR_CHECK = "DETECTOR CHECK";
    /** What ScaledRead holds when the endpoint could not read its register. */
    public static final String ERROR_READ = "ERROR";

    private static final int[] SIZE_WORDS = {4, 5, 3, 2};

    @Override
    public Normalized normalize(SpecificRecord record) throws NormalizationException {
        AclaraMeterRead raw = (AclaraMeterRead) record;
        ExtractMetadata extract = raw.getExtract();
        if (DETECTOR_CHECK.equalsIgnoreCase(strip(raw.getAccountType()))) {
            return new Normalized(List.of(), List.of(), 1);
        }
        String deviceId = blankToNull(raw.getMeterSN());
        if (deviceId == null) {
            throw new NormalizationException("MeterSN", where(extract, null) + "MeterSN is empty; a read cannot be "
                    + "attributed to a meter without it");
        }
        String org = extract.getOrgId();
        String accountId = blankToNull(raw.getAccountNumber());
        Instant flowtime = readingTime(raw.getReadingTime(), extract, deviceId);
        GeneralMeter meter = GeneralMeter.newBuilder()
                .setOrgId(org)
                .setDeviceId(deviceId)
                .setAccountId(accountId)
                .setLocationId(null)
                .setMeterId(deviceId)
                .setEndpointId(blankToNull(raw.getMTUID()))
                .setMeterInstallDate(null)
                .setMeterSize(sizeFromDescription(raw.getDescription()).orElse(null))
                .setMeterManufacturer(blankToNull(raw.getVendor()))
                .setMultiplier(number(raw.getScalar(), "Scalar", extract, deviceId))
                .setLocationAddress(blankToNull(raw.getAddress1()))
                .setLocationCity(blankToNull(raw.getCity()))
                .setLocationState(blankToNull(raw.getState()))
                .setLocationZip(blankToNull(raw.getZip()))
                .setObservedAt(flowtime)
                .build();
        if (flowtime == null) {
            return new Normalized(List.of(meter), List.of(), 1);
        }
        String scaled = strip(raw.getScaledRead());
        Double register = ERROR_READ.equalsIgnoreCase(scaled) ? null : number(scaled, "ScaledRead", extract, deviceId);
        GeneralMeterRead read = GeneralMeterRead.newBuilder()
                .setOrgId(org)
                .setDeviceId(deviceId)
                .setAccountId(accountId)
                .setLocationId(null)
                .setFlowtime(flowtime)
                .setRegisterValue(register == null ? null : Units.toCubicFeet(register, Units.CUBIC_FEET))
                .setRegisterUnit(register == null ? null : Units.CUBIC_FEET)
                .setIntervalValue(null)
                .setIntervalUnit(null)
                .build();
        return new Normalized(List.of(meter), List.of(read), 0);
    }

    /**
     * The meter size in a Description such as {@code Badger M25/LP HRE LCD 5/8x3/4in 9D 0.001CuFt}: the words at
     * 0-based positions 4, 5, 3, 2 (split on single spaces, as the predecessor did), the first the size table knows.
     */
    public static Optional<String> sizeFromDescription(String description) {
        if (description == null) {
            return Optional.empty();
        }
        String[] words = description.split(" ", -1);
        for (int i : SIZE_WORDS) {
            if (i < words.length) {
                Optional<String> size = MeterSizes.normalize(words[i]);
                if (size.isPresent()) {
                    return size;
                }
            }
        }
        return Optional.empty();
    }

    private static Instant readingTime(String text, ExtractMetadata extract, String deviceId)
            throws NormalizationException {
        try {
            return VendorTimestamps.parse(text, ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new NormalizationException(AclaraColumns.READING_TIME, where(extract, deviceId) + "ReadingTime: '"
                    + text + "' is not a timestamp (expected e.g. 2025-05-25 16:00:00.000, UTC)", e);
        }
    }

    private static Double number(String text, String field, ExtractMetadata extract, String deviceId)
            throws NormalizationException {
        String v = blankToNull(text);
        if (v == null) {
            return null;
        }
        try {
            return Double.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw new NormalizationException(field, where(extract, deviceId) + field + ": '" + text
                    + "' is not a number");
        }
    }

    private static String where(ExtractMetadata e, String deviceId) {
        StringBuilder sb = new StringBuilder(e.getSource());
        if (e.getSourceRecord() != null) {
            sb.append(" row ").append(e.getSourceRecord());
        }
        sb.append(" (org ").append(e.getOrgId());
        if (deviceId != null) {
            sb.append(", MeterSN ").append(deviceId);
        }
        return sb.append("): ").toString();
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
