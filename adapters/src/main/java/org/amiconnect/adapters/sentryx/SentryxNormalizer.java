package org.amiconnect.adapters.sentryx;

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
import org.amiconnect.schemas.raw.sentryx.SentryxConsumption;
import org.amiconnect.schemas.raw.sentryx.SentryxDevice;
import org.apache.avro.specific.SpecificRecord;

/**
 * Sentryx raw records → the standard model (predecessor §2.4).
 *
 * <ul>
 *   <li>A device → a partial meter (metadata): {@code device_id = meter_id = deviceId}, {@code account_id = accountId},
 *       no location or endpoint, install date localized in the source's zone, size mapped ({@code 3/8"} → 0.375),
 *       manufacturer and address as given ({@code city} may be space-padded: kept as the vendor wrote it).</li>
 *   <li>A consumption point → a register read: {@code reading} in {@code units} converted to cubic feet,
 *       {@code flowtime = timeStamp} localized (with the offset the extractor resolved near a clock change); its
 *       account comes from the device (joined by the transformer), or stays null for a device Sentryx did not list
 *       (such reads are kept, as the predecessor kept them). An empty {@code reading} is no read (skipped); a reading
 *       whose unit is empty or unknown (Sentryx writes {@code Unknown}) is a dead letter.</li>
 * </ul>
 */
public final class SentryxNormalizer implements Normalizer {

    private final ZoneId zone;

    public SentryxNormalizer(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Normalized normalize(SpecificRecord raw) throws NormalizationException {
        if (raw instanceof SentryxDevice device) {
            return device(device);
        }
        if (raw instanceof SentryxConsumption point) {
            return point(point);
        }
        throw new NormalizationException(null, "not a Sentryx raw record: " + raw.getSchema().getFullName());
    }

    private Normalized device(SentryxDevice d) throws NormalizationException {
        ExtractMetadata extract = d.getExtract();
        String deviceId = deviceId(d.getDeviceId(), extract);
        GeneralMeter meter = GeneralMeter.newBuilder()
                .setOrgId(extract.getOrgId())
                .setDeviceId(deviceId)
                .setMeterId(deviceId)
                .setAccountId(blankToNull(d.getAccountId()))
                .setMeterInstallDate(time(d.getInstallDate(), "installDate", extract, deviceId, null))
                .setMeterSize(MeterSizes.normalize(d.getMeterSize()).orElse(null))
                .setMeterManufacturer(blankToNull(d.getManufacturer()))
                .setLocationAddress(blankToNull(d.getStreet()))
                .setLocationCity(blankToNull(d.getCity()))
                .setLocationState(blankToNull(d.getState()))
                .setLocationZip(blankToNull(d.getZip()))
                .build();
        return new Normalized(List.of(meter), List.of(), 0);
    }

    private Normalized point(SentryxConsumption p) throws NormalizationException {
        ExtractMetadata extract = p.getExtract();
        String deviceId = deviceId(p.getDeviceId(), extract);
        String field = SentryxExtractor.TIME_STAMP;
        String problem = LocalTimeMarks.problem(extract, field);
        if (problem != null) {
            throw new NormalizationException(field, where(extract, deviceId) + field + ": " + problem);
        }
        Instant flowtime = time(p.getTimeStamp(), field, extract, deviceId, LocalTimeMarks.offset(extract, field));
        String reading = blankToNull(p.getReading());
        if (flowtime == null || reading == null) {
            return new Normalized(List.of(), List.of(), 1);
        }
        double register = cubicFeet(reading, p.getUnits(), extract, deviceId);
        GeneralMeterRead read = GeneralMeterRead.newBuilder()
                .setOrgId(extract.getOrgId())
                .setDeviceId(deviceId)
                .setFlowtime(flowtime)
                .setRegisterValue(register)
                .setRegisterUnit(Units.CUBIC_FEET)
                .build();
        return new Normalized(List.of(), List.of(read), 0);
    }

    private static double cubicFeet(String reading, String unit, ExtractMetadata extract, String deviceId)
            throws NormalizationException {
        double value;
        try {
            value = Double.parseDouble(reading.trim());
        } catch (NumberFormatException e) {
            throw new NormalizationException("reading", where(extract, deviceId) + "reading: '" + reading
                    + "' is not a number");
        }
        if (blankToNull(unit) == null) {
            throw new NormalizationException("units", where(extract, deviceId) + "units is empty but reading is "
                    + reading + "; a volume without a unit cannot be converted to cubic feet");
        }
        try {
            return Units.toCubicFeet(value, unit.trim());
        } catch (Units.UnknownUnitException e) {
            throw new NormalizationException("units", where(extract, deviceId) + "units: " + e.getMessage());
        }
    }

    private Instant time(String text, String field, ExtractMetadata extract, String deviceId, Integer offset)
            throws NormalizationException {
        try {
            return VendorTimestamps.parse(text, zone, offset);
        } catch (DateTimeParseException e) {
            throw new NormalizationException(field, where(extract, deviceId) + field + ": '" + text
                    + "' is not a timestamp (expected e.g. 2024-07-07T01:00:00)", e);
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
