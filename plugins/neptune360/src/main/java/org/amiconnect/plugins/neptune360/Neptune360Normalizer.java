package org.amiconnect.plugins.neptune360;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.normalize.MeterSizes;
import org.amiconnect.core.normalize.Units;
import org.amiconnect.core.normalize.VendorTimestamps;
import org.amiconnect.plugins.neptune360.raw.Neptune360Endpoint;
import org.amiconnect.plugins.neptune360.raw.Neptune360Read;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.apache.avro.specific.SpecificRecord;

/**
 * Neptune 360 raw records → the standard model (python-ami-connect §2.9; the field mapping is this plug-in's model).
 *
 * <ul>
 *   <li>An <b>endpoint</b> is a meter: device_id = {@code "{meterNumber}-{miuId}"} ({@link Neptune360DeviceId}),
 *       meter_id = meterNumber, endpoint_id = miuId, account_id = accountNumber, location_id = serviceLocationId,
 *       meter size through {@code MeterSizes}, meterInstallDate a local date in the source's zone, multiplier a
 *       number. It is metadata: the transformer joins the site's reads to it.</li>
 *   <li>A <b>read</b>: reading (readingUnit) is the register, consumption (consumptionUnit) the interval, both
 *       converted to cubic feet ({@code Units}: CF, CCF, GAL/GALLON(S), KGAL); readTime carries its UTC offset (a
 *       naive one is local time in the source's zone); estimated is {@code true}/{@code false} or 1/0; batteryStatus
 *       and signalStrength become battery and connection.</li>
 *   <li>A read without readTime carries nothing and is counted as skipped. Missing meterNumber or miuId, a value
 *       without a unit, an unknown unit, a time or number that does not parse: a dead letter naming the record (its
 *       request and position), the org, the device and the field.</li>
 * </ul>
 * Duplicate endpoints and reads are dropped before they become raw records ({@link Neptune360Duplicates}).
 */
public final class Neptune360Normalizer implements Normalizer {

    private final ZoneId zone;

    public Neptune360Normalizer(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Normalized normalize(SpecificRecord record) throws NormalizationException {
        if (record instanceof Neptune360Endpoint endpoint) {
            return new Normalized(List.of(meter(endpoint)), List.of(), 0);
        }
        if (record instanceof Neptune360Read read) {
            return read(read);
        }
        throw new NormalizationException(null, "not a Neptune 360 raw record: " + record.getSchema().getFullName());
    }

    private GeneralMeter meter(Neptune360Endpoint raw) throws NormalizationException {
        ExtractMetadata extract = raw.getExtract();
        String deviceId = deviceId(raw.getMeterNumber(), raw.getMiuId(), extract);
        return GeneralMeter.newBuilder()
                .setOrgId(extract.getOrgId())
                .setDeviceId(deviceId)
                .setAccountId(blankToNull(raw.getAccountNumber()))
                .setLocationId(blankToNull(raw.getServiceLocationId()))
                .setMeterId(raw.getMeterNumber().trim())
                .setEndpointId(raw.getMiuId().trim())
                .setMeterInstallDate(time(raw.getMeterInstallDate(), "meterInstallDate", extract, deviceId))
                .setMeterSize(MeterSizes.normalize(blankToNull(raw.getMeterSize())).orElse(null))
                .setMeterManufacturer(blankToNull(raw.getMeterManufacturer()))
                .setMultiplier(number(raw.getMultiplier(), "multiplier", extract, deviceId))
                .setLocationAddress(blankToNull(raw.getServiceAddress()))
                .setLocationCity(blankToNull(raw.getCity()))
                .setLocationState(blankToNull(raw.getState()))
                .setLocationZip(blankToNull(raw.getZip()))
                .build();
    }

    private Normalized read(Neptune360Read raw) throws NormalizationException {
        ExtractMetadata extract = raw.getExtract();
        String deviceId = deviceId(raw.getMeterNumber(), raw.getMiuId(), extract);
        Instant flowtime = time(raw.getReadTime(), "readTime", extract, deviceId);
        if (flowtime == null) {
            return new Normalized(List.of(), List.of(), 1);
        }
        Double register = volume(raw.getReading(), "reading", raw.getReadingUnit(), "readingUnit", extract, deviceId);
        Double interval = volume(raw.getConsumption(), "consumption", raw.getConsumptionUnit(), "consumptionUnit",
                extract, deviceId);
        GeneralMeterRead read = GeneralMeterRead.newBuilder()
                .setOrgId(extract.getOrgId())
                .setDeviceId(deviceId)
                .setFlowtime(flowtime)
                .setRegisterValue(register)
                .setRegisterUnit(register == null ? null : Units.CUBIC_FEET)
                .setIntervalValue(interval)
                .setIntervalUnit(interval == null ? null : Units.CUBIC_FEET)
                .setBattery(blankToNull(raw.getBatteryStatus()))
                .setEstimated(estimated(raw.getEstimated(), extract, deviceId))
                .setConnection(blankToNull(raw.getSignalStrength()))
                .build();
        return new Normalized(List.of(), List.of(read), 0);
    }

    private static String deviceId(String meterNumber, String miuId, ExtractMetadata extract)
            throws NormalizationException {
        String deviceId = Neptune360DeviceId.of(meterNumber, miuId);
        if (deviceId == null) {
            String field = meterNumber == null || meterNumber.isBlank() ? "meterNumber" : "miuId";
            throw new NormalizationException(field, where(extract, null) + field + " is empty; the device id is "
                    + "meterNumber-miuId, so the item cannot be attributed to a meter");
        }
        return deviceId;
    }

    private Instant time(String text, String field, ExtractMetadata extract, String deviceId)
            throws NormalizationException {
        try {
            return VendorTimestamps.parse(text, zone);
        } catch (DateTimeParseException e) {
            throw new NormalizationException(field, where(extract, deviceId) + field + ": '" + text
                    + "' is not a timestamp (expected e.g. 2026-11-24T13:07:00-08:00 or 2026-11-24)", e);
        }
    }

    private static Double number(String text, String field, ExtractMetadata extract, String deviceId)
            throws NormalizationException {
        String v = blankToNull(text);
        if (v == null) {
            return null;
        }
        try {
            return Double.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw new NormalizationException(field, where(extract, deviceId) + field + ": '" + text + "' is not a number");
        }
    }

    private static Double volume(String value, String field, String unit, String unitField, ExtractMetadata extract,
            String deviceId) throws NormalizationException {
        Double number = number(value, field, extract, deviceId);
        if (number == null) {
            return null;
        }
        if (blankToNull(unit) == null) {
            throw new NormalizationException(unitField, where(extract, deviceId) + unitField + " is empty but " + field
                    + " is " + value.trim() + "; a volume without a unit cannot be converted to cubic feet");
        }
        try {
            return Units.toCubicFeet(number, unit);
        } catch (Units.UnknownUnitException e) {
            throw new NormalizationException(unitField, where(extract, deviceId) + unitField + ": " + e.getMessage());
        }
    }

    private static Integer estimated(String flag, ExtractMetadata extract, String deviceId)
            throws NormalizationException {
        String f = blankToNull(flag);
        if (f == null) {
            return null;
        }
        return switch (f.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> 1;
            case "false", "0" -> 0;
            default -> throw new NormalizationException("estimated", where(extract, deviceId) + "estimated: '" + flag
                    + "' is not true/false or 1/0");
        };
    }

    private static String where(ExtractMetadata e, String deviceId) {
        StringBuilder sb = new StringBuilder(e.getSource());
        if (e.getSourceRecord() != null) {
            sb.append(" item ").append(e.getSourceRecord());
        }
        sb.append(" (org ").append(e.getOrgId());
        if (deviceId != null) {
            sb.append(", device ").append(deviceId);
        }
        return sb.append("): ").toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
