package org.amiconnect.adapters.subeca;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.normalize.MeterSizes;
import org.amiconnect.core.normalize.Units;
import org.amiconnect.core.normalize.VendorTimestamps;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.subeca.SubecaAccount;
import org.amiconnect.schemas.raw.subeca.SubecaLatestReading;
import org.amiconnect.schemas.raw.subeca.SubecaUsage;
import org.apache.avro.specific.SpecificRecord;

/**
 * Subeca raw records → the standard model (predecessor §2.5).
 *
 * <ul>
 *   <li>An account → its meter (metadata): {@code device_id = deviceId}, {@code account_id = location_id = accountId},
 *       {@code meter_id = meterSerial}, {@code endpoint_id = registerSerial}, install date from
 *       {@code installationDate} (Subeca writes offsets; a naive time is read in the source's zone), size mapped.</li>
 *   <li>A usage → an interval read at {@code usageTime}, {@code value} in {@code unit} converted to cubic feet.</li>
 *   <li>A latest reading → a register read at its {@code usageTime}; the transformer merges it with the interval read
 *       of the same device and flowtime into one read, whichever arrives first.</li>
 * </ul>
 * Both reads carry the account they were requested for as account and location. An empty {@code value} is no read
 * (skipped, as the predecessor skipped it); a numeric {@code 0} is a read (the predecessor dropped it as falsy, a
 * quirk fixed here). A value with an empty or unknown unit is a dead letter ({@code gal} is accepted and converted).
 */
public final class SubecaNormalizer implements Normalizer {

    private final ZoneId zone;

    public SubecaNormalizer(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Normalized normalize(SpecificRecord raw) throws NormalizationException {
        if (raw instanceof SubecaAccount account) {
            return account(account);
        }
        if (raw instanceof SubecaUsage usage) {
            return read(usage.getExtract(), usage.getAccountId(), usage.getDeviceId(), usage.getUsageTime(),
                    usage.getValue(), usage.getUnit(), false);
        }
        if (raw instanceof SubecaLatestReading latest) {
            return read(latest.getExtract(), latest.getAccountId(), latest.getDeviceId(), latest.getUsageTime(),
                    latest.getValue(), latest.getUnit(), true);
        }
        throw new NormalizationException(null, "not a Subeca raw record: " + raw.getSchema().getFullName());
    }

    private Normalized account(SubecaAccount a) throws NormalizationException {
        ExtractMetadata extract = a.getExtract();
        String deviceId = deviceId(a.getDeviceId(), extract);
        String accountId = blankToNull(a.getAccountId());
        GeneralMeter meter = GeneralMeter.newBuilder()
                .setOrgId(extract.getOrgId())
                .setDeviceId(deviceId)
                .setAccountId(accountId)
                .setLocationId(accountId)
                .setMeterId(blankToNull(a.getMeterSerial()))
                .setEndpointId(blankToNull(a.getRegisterSerial()))
                .setMeterInstallDate(time(a.getInstallationDate(), "installationDate", extract, deviceId))
                .setMeterSize(MeterSizes.normalize(a.getMeterSize()).orElse(null))
                .build();
        return new Normalized(List.of(meter), List.of(), 0);
    }

    private Normalized read(ExtractMetadata extract, String account, String device, String usageTime, String value,
            String unit, boolean register) throws NormalizationException {
        String deviceId = deviceId(device, extract);
        String v = blankToNull(value);
        Instant flowtime = time(usageTime, "usageTime", extract, deviceId);
        if (v == null || flowtime == null) {
            return new Normalized(List.of(), List.of(), 1);
        }
        double cf = cubicFeet(v, unit, extract, deviceId);
        String accountId = blankToNull(account);
        GeneralMeterRead.Builder read = GeneralMeterRead.newBuilder()
                .setOrgId(extract.getOrgId())
                .setDeviceId(deviceId)
                .setAccountId(accountId)
                .setLocationId(accountId)
                .setFlowtime(flowtime);
        if (register) {
            read.setRegisterValue(cf).setRegisterUnit(Units.CUBIC_FEET);
        } else {
            read.setIntervalValue(cf).setIntervalUnit(Units.CUBIC_FEET);
        }
        return new Normalized(List.of(), List.of(read.build()), 0);
    }

    private static double cubicFeet(String value, String unit, ExtractMetadata extract, String deviceId)
            throws NormalizationException {
        double number;
        try {
            number = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new NormalizationException("value", where(extract, deviceId) + "value: '" + value + "' is not a number");
        }
        if (blankToNull(unit) == null) {
            throw new NormalizationException("unit", where(extract, deviceId) + "unit is empty but value is " + value
                    + "; a volume without a unit cannot be converted to cubic feet");
        }
        try {
            return Units.toCubicFeet(number, unit);
        } catch (Units.UnknownUnitException e) {
            throw new NormalizationException("unit", where(extract, deviceId) + "unit: " + e.getMessage());
        }
    }

    private Instant time(String text, String field, ExtractMetadata extract, String deviceId)
            throws NormalizationException {
        try {
            return VendorTimestamps.parse(text, zone);
        } catch (DateTimeParseException e) {
            throw new NormalizationException(field, where(extract, deviceId) + field + ": '" + text
                    + "' is not a timestamp (expected e.g. 2025-08-01T10:00:00+00:00)", e);
        }
    }

    private static String deviceId(String text, ExtractMetadata extract) throws NormalizationException {
        String id = blankToNull(text);
        if (id == null) {
            throw new NormalizationException("deviceId", where(extract, null) + "deviceId is empty");
        }
        return id.trim();
    }

    private static String where(ExtractMetadata e, String deviceId) {
        StringBuilder sb = new StringBuilder(e.getSource());
        if (e.getSourceRecord() != null) {
            sb.append(" item ").append(e.getSourceRecord());
        }
        sb.append(" (org ").append(e.getOrgId());
        if (deviceId != null) {
            sb.append(", deviceId ").append(deviceId);
        }
        return sb.append("): ").toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
