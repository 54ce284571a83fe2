package org.amiconnect.adapters.xylemdatalake;

import java.time.Instant;
import java.time.ZoneOffset;
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
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeAccount;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeWaterInterval;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeWaterRegister;
import org.apache.avro.specific.SpecificRecord;

/**
 * Xylem Data Lake rows → partial meters and half reads (python-ami-connect §2.6); the transformer joins them on
 * {@code org|device_id} (see {@link XylemDatalakeAdapter#streamPlan()}).
 *
 * <ul>
 *   <li><b>account</b> → the meter: device_id = meter_id = {@code device_id}; account_id; location_id = sdp_id;
 *       endpoint_id = radio_id; meter_size mapped from the text of {@code meter_size} (Superset answers floats such as
 *       1.5; Sensus size codes such as 402 map to null); manufacturer; multiplier = display_multiplier; address.
 *       Only {@code commodity = WATER} accounts describe meters: any other commodity gives nothing (its reads, if any,
 *       never find their meter and become dead letters after the grace).</li>
 *   <li><b>water_intervals</b> → the interval half, <b>water_registers</b> → the register half of the read at
 *       {@code read_time_timestamp}; {@code read_quality}, {@code flag} and {@code read_time_timestamp_local} are not
 *       used, estimated stays unknown.</li>
 *   <li>{@code read_time_timestamp} is naive but UTC, and is read as UTC. <b>Unlike the predecessor</b>, which left
 *       these flowtimes naive (so Snowflake read them in its session's zone), every flowtime here is a UTC instant.</li>
 *   <li>units are converted to cubic feet; {@code GAL} is gallons (the predecessor mapped it to GALLON first). A value
 *       with an empty or unknown unit, an unparseable number or timestamp, or a row without its meter id is a dead
 *       letter naming the field; an empty value is a skipped read, not an error.</li>
 * </ul>
 */
public final class XylemDatalakeNormalizer implements Normalizer {

    static final String WATER = "WATER";

    @Override
    public Normalized normalize(SpecificRecord record) throws NormalizationException {
        if (record instanceof XylemDatalakeAccount account) {
            return account(account);
        }
        if (record instanceof XylemDatalakeWaterInterval interval) {
            return read(interval.getExtract(), interval.getMeterId(), interval.getCommodity(),
                    interval.getReadTimeTimestamp(), interval.getIntervalValue(), "interval_value",
                    interval.getUnitOfMeasure(), false);
        }
        if (record instanceof XylemDatalakeWaterRegister register) {
            return read(register.getExtract(), register.getMeterId(), register.getCommodity(),
                    register.getReadTimeTimestamp(), register.getRegisterValue(), "register_value",
                    register.getUnitOfMeasure(), true);
        }
        throw new NormalizationException("record", "not a Xylem Data Lake record: " + record.getSchema().getFullName());
    }

    private static Normalized account(XylemDatalakeAccount raw) throws NormalizationException {
        ExtractMetadata extract = raw.getExtract();
        String deviceId = blankToNull(raw.getDeviceId());
        if (deviceId == null) {
            throw new NormalizationException("device_id", where(extract, null) + "device_id is empty; an account row "
                    + "cannot describe a meter without it");
        }
        if (!WATER.equals(blankToNull(raw.getCommodity()))) {
            return new Normalized(List.of(), List.of(), 0);
        }
        GeneralMeter meter = GeneralMeter.newBuilder()
                .setOrgId(extract.getOrgId())
                .setDeviceId(deviceId)
                .setAccountId(blankToNull(raw.getAccountId()))
                .setLocationId(blankToNull(raw.getSdpId()))
                .setMeterId(deviceId)
                .setEndpointId(blankToNull(raw.getRadioId()))
                .setMeterInstallDate(null)
                .setMeterSize(MeterSizes.normalize(raw.getMeterSize()).orElse(null))
                .setMeterManufacturer(blankToNull(raw.getMeterManufacturer()))
                .setMultiplier(number(raw.getDisplayMultiplier(), "display_multiplier", extract, deviceId))
                .setLocationAddress(blankToNull(raw.getAssetAddress()))
                .setLocationCity(blankToNull(raw.getAssetCity()))
                .setLocationState(blankToNull(raw.getAssetState()))
                .setLocationZip(blankToNull(raw.getAssetZip()))
                .build();
        return new Normalized(List.of(meter), List.of(), 0);
    }

    private static Normalized read(ExtractMetadata extract, String meterIdText, String commodity, String timestamp,
            String valueText, String valueField, String unit, boolean register) throws NormalizationException {
        String meterId = blankToNull(meterIdText);
        if (meterId == null) {
            throw new NormalizationException("meter_id", where(extract, null) + "meter_id is empty; a read cannot be "
                    + "attributed to a meter without it");
        }
        String c = blankToNull(commodity);
        if (c != null && !WATER.equals(c)) {
            throw new NormalizationException("commodity", where(extract, meterId) + "commodity is '" + c
                    + "' in a water table; only WATER reads are kept");
        }
        Instant flowtime = flowtime(timestamp, extract, meterId);
        Double value = number(valueText, valueField, extract, meterId);
        if (value == null) {
            return new Normalized(List.of(), List.of(), 1);
        }
        if (blankToNull(unit) == null) {
            throw new NormalizationException("unit_of_measure", where(extract, meterId) + "unit_of_measure is empty "
                    + "but " + valueField + " is " + valueText + "; a volume without a unit cannot be converted");
        }
        double cubicFeet;
        try {
            cubicFeet = Units.toCubicFeet(value, unit.trim());
        } catch (Units.UnknownUnitException e) {
            throw new NormalizationException("unit_of_measure", where(extract, meterId) + "unit_of_measure: "
                    + e.getMessage());
        }
        GeneralMeterRead.Builder read = GeneralMeterRead.newBuilder()
                .setOrgId(extract.getOrgId())
                .setDeviceId(meterId)
                .setFlowtime(flowtime);
        if (register) {
            read.setRegisterValue(cubicFeet).setRegisterUnit(Units.CUBIC_FEET);
        } else {
            read.setIntervalValue(cubicFeet).setIntervalUnit(Units.CUBIC_FEET);
        }
        return new Normalized(List.of(), List.of(read.build()), 0);
    }

    /** {@code read_time_timestamp}: naive UTC, {@code T} or space between date and time. */
    private static Instant flowtime(String text, ExtractMetadata extract, String meterId) throws NormalizationException {
        Instant flowtime;
        try {
            flowtime = VendorTimestamps.parse(text, ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new NormalizationException("read_time_timestamp", where(extract, meterId) + "read_time_timestamp: '"
                    + text + "' is not a timestamp (expected e.g. 2026-04-14T08:00:00, UTC)", e);
        }
        if (flowtime == null) {
            throw new NormalizationException("read_time_timestamp", where(extract, meterId)
                    + "read_time_timestamp is empty; a read without its time cannot be kept");
        }
        return flowtime;
    }

    private static Double number(String text, String field, ExtractMetadata extract, String id)
            throws NormalizationException {
        String v = blankToNull(text);
        if (v == null) {
            return null;
        }
        try {
            return Double.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw new NormalizationException(field, where(extract, id) + field + ": '" + text + "' is not a number");
        }
    }

    private static String where(ExtractMetadata e, String id) {
        StringBuilder sb = new StringBuilder(e.getSource());
        if (e.getSourceRecord() != null) {
            sb.append(" row ").append(e.getSourceRecord());
        }
        sb.append(" (org ").append(e.getOrgId());
        if (id != null) {
            sb.append(", meter ").append(id);
        }
        return sb.append("): ").toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
