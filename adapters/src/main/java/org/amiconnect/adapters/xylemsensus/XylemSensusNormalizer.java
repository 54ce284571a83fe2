package org.amiconnect.adapters.xylemsensus;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.normalize.Units;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.xylemsensus.XylemSensusIntervalRead;
import org.amiconnect.schemas.raw.xylemsensus.XylemSensusMeterReads;
import org.apache.avro.specific.SpecificRecord;

/**
 * A CMEP MEPMD01 line → one meter and its interval reads (python-ami-connect §2.8).
 *
 * <ul>
 *   <li>a line the extractor could not read (its {@code extract.field_problems["line"]}) is a dead letter naming the
 *       file and line number;</li>
 *   <li>lines without meter_id, with a commodity other than {@code W} (water) or a purpose other than {@code OK} (e.g.
 *       {@code SUMMARY}) are skipped: no meter, no read (their triples counted as skipped reads);</li>
 *   <li>meter: device_id = meter_id = meter_id, account_id = receiver_customer_id, multiplier = calculation_constant;
 *       the rest is not in the file;</li>
 *   <li>each triple is a read: flowtime = its datetime {@code YYYYMMDDHHMM} as local time in the source's zone (the
 *       predecessor kept it naive [quirk]); interval = value in the line's units, in cubic feet; estimated = 1 for code
 *       {@code E}, else 0; an empty value is a triple without a read (skipped);</li>
 *   <li>clock changes are settled within the line, which holds a meter's consecutive intervals: a local time that
 *       occurs twice in the repeated fall-back hour is daylight time the first time and standard time the second; a
 *       spring-forward gap time is moved forward, and if that lands on another triple's time the line is a dead
 *       letter; any other repeated time keeps its last triple (the predecessor's de-duplication);</li>
 *   <li>a datetime, value, unit or calculation_constant that cannot be read is a dead letter naming the file, line,
 *       org, meter and field. An empty datetime (CMEP's relative-time form) is not supported, as in the predecessor.</li>
 * </ul>
 */
public final class XylemSensusNormalizer implements Normalizer {

    /** The commodity of water lines. */
    public static final String WATER = "W";
    /** The purpose of regular reads. */
    public static final String PURPOSE_OK = "OK";
    /** The code of an estimated interval. */
    public static final String ESTIMATED = "E";

    private static final DateTimeFormatter CMEP_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmm")
            .withResolverStyle(ResolverStyle.STRICT);

    private final ZoneId zone;

    public XylemSensusNormalizer(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Normalized normalize(SpecificRecord record) throws NormalizationException {
        XylemSensusMeterReads raw = (XylemSensusMeterReads) record;
        ExtractMetadata extract = raw.getExtract();
        Map<String, String> problems = extract.getFieldProblems();
        if (problems != null && problems.get(XylemSensusLines.LINE_PROBLEM) != null) {
            throw new NormalizationException(null, where(extract, null) + "not a " + XylemSensusLines.RECORD_TYPE
                    + " record: " + problems.get(XylemSensusLines.LINE_PROBLEM));
        }
        String deviceId = blankToNull(raw.getMeterId());
        if (deviceId == null || !WATER.equals(raw.getCommodity()) || !PURPOSE_OK.equals(raw.getPurpose())) {
            return new Normalized(List.of(), List.of(), raw.getReads().size());
        }
        String org = extract.getOrgId();
        String accountId = blankToNull(raw.getReceiverCustomerId());
        String units = blankToNull(raw.getUnits());

        List<LocalDateTime> locals = new ArrayList<>();
        Map<LocalDateTime, Integer> occurrences = new HashMap<>();
        for (XylemSensusIntervalRead triple : raw.getReads()) {
            LocalDateTime local = localTime(triple.getDatetime(), extract, deviceId);
            locals.add(local);
            occurrences.merge(local, 1, Integer::sum);
        }
        Map<Instant, GeneralMeterRead> reads = new LinkedHashMap<>();
        Map<LocalDateTime, Integer> seen = new HashMap<>();
        int skipped = 0;
        for (int i = 0; i < locals.size(); i++) {
            XylemSensusIntervalRead triple = raw.getReads().get(i);
            LocalDateTime local = locals.get(i);
            int occurrence = seen.merge(local, 1, Integer::sum);
            Instant flowtime = place(local, occurrence, occurrences.get(local));
            boolean inGap = zone.getRules().getValidOffsets(local).isEmpty();
            if (inGap && (reads.containsKey(flowtime) || collidesLater(flowtime, locals, i))) {
                throw new NormalizationException("datetime", where(extract, deviceId) + "datetime "
                        + triple.getDatetime() + " does not exist in " + zone + " (spring-forward gap); moved forward"
                        + " it is the time of another interval of the same meter");
            }
            Double interval = volume(triple.getValue(), units, extract, deviceId);
            if (interval == null) {
                skipped++;
                continue;
            }
            reads.remove(flowtime);
            reads.put(flowtime, GeneralMeterRead.newBuilder()
                    .setOrgId(org)
                    .setDeviceId(deviceId)
                    .setAccountId(accountId)
                    .setLocationId(null)
                    .setFlowtime(flowtime)
                    .setRegisterValue(null)
                    .setRegisterUnit(null)
                    .setIntervalValue(interval)
                    .setIntervalUnit(Units.CUBIC_FEET)
                    .setEstimated(ESTIMATED.equals(blankToNull(triple.getCode())) ? 1 : 0)
                    .build());
        }
        Instant latest = reads.keySet().stream().max(Instant::compareTo).orElse(null);
        GeneralMeter meter = GeneralMeter.newBuilder()
                .setOrgId(org)
                .setDeviceId(deviceId)
                .setAccountId(accountId)
                .setLocationId(null)
                .setMeterId(deviceId)
                .setEndpointId(null)
                .setMeterInstallDate(null)
                .setMeterSize(null)
                .setMeterManufacturer(null)
                .setMultiplier(number(raw.getCalculationConstant(), "calculation_constant", extract, deviceId))
                .setObservedAt(latest)
                .build();
        return new Normalized(List.of(meter), List.copyOf(reads.values()), skipped);
    }

    /** The instant of a local time: in an overlap, daylight time for the first of two occurrences, else standard. */
    private Instant place(LocalDateTime local, int occurrence, int occurrences) {
        ZonedDateTime z = ZonedDateTime.ofLocal(local, zone, null);
        boolean earlier = occurrences >= 2 && occurrence == 1;
        return (earlier ? z.withEarlierOffsetAtOverlap() : z.withLaterOffsetAtOverlap()).toInstant();
    }

    private boolean collidesLater(Instant flowtime, List<LocalDateTime> locals, int index) {
        for (int j = 0; j < locals.size(); j++) {
            if (j != index && zone.getRules().getValidOffsets(locals.get(j)).size() == 1
                    && ZonedDateTime.ofLocal(locals.get(j), zone, null).toInstant().equals(flowtime)) {
                return true;
            }
        }
        return false;
    }

    private static LocalDateTime localTime(String text, ExtractMetadata extract, String deviceId)
            throws NormalizationException {
        String t = blankToNull(text);
        if (t == null) {
            throw new NormalizationException("datetime", where(extract, deviceId) + "a triple has no datetime (CMEP's "
                    + "relative-time form is not supported)");
        }
        try {
            return LocalDateTime.parse(t, CMEP_TIME);
        } catch (DateTimeParseException e) {
            throw new NormalizationException("datetime", where(extract, deviceId) + "datetime '" + text
                    + "' is not YYYYMMDDHHMM", e);
        }
    }

    private static Double volume(String value, String units, ExtractMetadata extract, String deviceId)
            throws NormalizationException {
        Double v = number(value, "value", extract, deviceId);
        if (v == null) {
            return null;
        }
        if (units == null) {
            throw new NormalizationException("units", where(extract, deviceId) + "units is empty but a value is " + v
                    + "; a volume without a unit cannot be converted to cubic feet");
        }
        try {
            return Units.toCubicFeet(v, units);
        } catch (Units.UnknownUnitException e) {
            throw new NormalizationException("units", where(extract, deviceId) + "units: " + e.getMessage());
        }
    }

    private static Double number(String text, String field, ExtractMetadata extract, String deviceId)
            throws NormalizationException {
        String v = blankToNull(text);
        if (v == null) {
            return null;
        }
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            throw new NormalizationException(field, where(extract, deviceId) + field + ": '" + text
                    + "' is not a number");
        }
    }

    private static String where(ExtractMetadata e, String deviceId) {
        StringBuilder sb = new StringBuilder(e.getSource());
        if (e.getSourceRecord() != null) {
            sb.append(" line ").append(e.getSourceRecord());
        }
        sb.append(" (org ").append(e.getOrgId());
        if (deviceId != null) {
            sb.append(", meter_id ").append(deviceId);
        }
        return sb.append("): ").toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
