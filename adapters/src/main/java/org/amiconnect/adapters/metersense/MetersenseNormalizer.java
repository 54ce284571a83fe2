package org.amiconnect.adapters.metersense;

import static org.amiconnect.adapters.jdbc.RawValues.blankToNull;
import static org.amiconnect.adapters.jdbc.RawValues.where;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.amiconnect.adapters.jdbc.RawValues;
import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.normalize.MeterSizes;
import org.amiconnect.core.normalize.Units;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.metersense.MetersenseIntervalRead;
import org.amiconnect.schemas.raw.metersense.MetersenseMeter;
import org.amiconnect.schemas.raw.metersense.MetersenseMeterHistory;
import org.amiconnect.schemas.raw.metersense.MetersenseMeterView;
import org.amiconnect.schemas.raw.metersense.MetersenseRegisterRead;
import org.apache.avro.specific.SpecificRecord;

/**
 * Metersense raw rows → partial meters and half reads (python-ami-connect §2.3); the transformer joins them.
 *
 * <ul>
 *   <li>METERS (water only, {@code commodity_tp = W}; other commodities normalize to nothing): device_id = meter_id =
 *       METER_ID, meter_install_date = ADD_DT (local time), meter_size from METER_TP ({@code W-TRB8} → 8),
 *       multiplier = CHANNEL1_MULTIPLIER, manufacturer none;</li>
 *   <li>METERS_VIEW (water only): endpoint_id = COMM_MODULE_ID;</li>
 *   <li>meter history: account_id, location_id = LOCATION_NO and the location's STREET_NAME (the street name only, as
 *       the predecessor), CITY, STATE, POSTAL_CD, valid from its valid_from (local time; empty = always);</li>
 *   <li>INTERVALREADS: interval = READ_VALUE in UOM → CF at READ_DTM (local time), estimated = 1 when STATUS is 3
 *       (status codes: 1 passed validation, 2 failed, 3 estimated, 4 unused, 5 accepted), else 0;</li>
 *   <li>REGISTERREADS: register = READ_VALUE in UOM → CF. Its estimated stays unset: the predecessor kept the interval
 *       read's flag when both halves exist (PR #100), and the transformer's merge keeps a value the other half lacks;
 *       a register-only read therefore has no estimated flag (the predecessor took the register row's);</li>
 *   <li>LOCATIONS, ACCOUNT_SERVICES and METER_LOCATION_XREF reach meters through the meter history and normalize to
 *       nothing.</li>
 * </ul>
 * An empty METER_ID or READ_DTM, an unparseable number or time, and a value with an empty or unknown unit are dead
 * letters naming table, row, org and meter.
 */
public final class MetersenseNormalizer implements Normalizer {

    static final String ESTIMATED_STATUS = "3";
    static final String WATER = "W";

    private final ZoneId zone;

    public MetersenseNormalizer(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Normalized normalize(SpecificRecord record) throws NormalizationException {
        if (record instanceof MetersenseMeter m) {
            return meter(m);
        }
        if (record instanceof MetersenseMeterView v) {
            return view(v);
        }
        if (record instanceof MetersenseMeterHistory h) {
            return history(h);
        }
        if (record instanceof MetersenseIntervalRead r) {
            return interval(r);
        }
        if (record instanceof MetersenseRegisterRead r) {
            return register(r);
        }
        return new Normalized(List.of(), List.of(), 0);
    }

    private Normalized meter(MetersenseMeter m) throws NormalizationException {
        ExtractMetadata e = m.getExtract();
        String where = where(e, "meter_id", blankToNull(m.getMeterId()));
        if (!WATER.equalsIgnoreCase(String.valueOf(blankToNull(m.getCommodityTp())))) {
            return new Normalized(List.of(), List.of(), 0);
        }
        String id = RawValues.required(m.getMeterId(), "meter_id", where, "a meter cannot be identified without it");
        GeneralMeter meter = GeneralMeter.newBuilder()
                .setOrgId(e.getOrgId())
                .setDeviceId(id)
                .setMeterId(id)
                .setMeterInstallDate(RawValues.time(m.getAddDt(), zone, "add_dt", where))
                .setMeterSize(MeterSizes.normalize(m.getMeterTp()).orElse(null))
                .setMultiplier(RawValues.number(m.getChannel1Multiplier(), "channel1_multiplier", where))
                .build();
        return new Normalized(List.of(meter), List.of(), 0);
    }

    private Normalized view(MetersenseMeterView v) throws NormalizationException {
        ExtractMetadata e = v.getExtract();
        if (!WATER.equalsIgnoreCase(String.valueOf(blankToNull(v.getCommodityTp())))) {
            return new Normalized(List.of(), List.of(), 0);
        }
        String where = where(e, "meter_id", blankToNull(v.getMeterId()));
        String id = RawValues.required(v.getMeterId(), "meter_id", where, "a meter cannot be identified without it");
        return new Normalized(List.of(GeneralMeter.newBuilder().setOrgId(e.getOrgId()).setDeviceId(id)
                .setEndpointId(blankToNull(v.getCommModuleId())).build()), List.of(), 0);
    }

    private Normalized history(MetersenseMeterHistory h) throws NormalizationException {
        ExtractMetadata e = h.getExtract();
        String where = where(e, "meter_id", blankToNull(h.getMeterId()));
        String id = RawValues.required(h.getMeterId(), "meter_id", where, "a meter cannot be identified without it");
        Instant from = RawValues.time(h.getValidFrom(), zone, "valid_from", where);
        GeneralMeter meter = GeneralMeter.newBuilder()
                .setOrgId(e.getOrgId())
                .setDeviceId(id)
                .setAccountId(blankToNull(h.getAccountId()))
                .setLocationId(blankToNull(h.getLocationNo()))
                .setLocationAddress(blankToNull(h.getStreetName()))
                .setLocationCity(blankToNull(h.getCity()))
                .setLocationState(blankToNull(h.getState()))
                .setLocationZip(blankToNull(h.getPostalCd()))
                .build();
        return new Normalized(List.of(meter), List.of(), 0, from);
    }

    private Normalized interval(MetersenseIntervalRead r) throws NormalizationException {
        ExtractMetadata e = r.getExtract();
        String where = where(e, "meter_id", blankToNull(r.getMeterId()));
        GeneralMeterRead.Builder read = read(e, r.getMeterId(), r.getReadDtm(), where);
        Double cf = RawValues.cubicFeet(r.getReadValue(), "read_value", r.getUom(), "uom", where);
        read.setIntervalValue(cf).setIntervalUnit(cf == null ? null : Units.CUBIC_FEET)
                .setEstimated(ESTIMATED_STATUS.equals(blankToNull(r.getStatus())) ? 1 : 0);
        return new Normalized(List.of(), List.of(read.build()), 0);
    }

    private Normalized register(MetersenseRegisterRead r) throws NormalizationException {
        ExtractMetadata e = r.getExtract();
        String where = where(e, "meter_id", blankToNull(r.getMeterId()));
        GeneralMeterRead.Builder read = read(e, r.getMeterId(), r.getReadDtm(), where);
        Double cf = RawValues.cubicFeet(r.getReadValue(), "read_value", r.getUom(), "uom", where);
        read.setRegisterValue(cf).setRegisterUnit(cf == null ? null : Units.CUBIC_FEET);
        return new Normalized(List.of(), List.of(read.build()), 0);
    }

    private GeneralMeterRead.Builder read(ExtractMetadata e, String meterId, String readDtm, String where)
            throws NormalizationException {
        String id = RawValues.required(meterId, "meter_id", where, "a read cannot be attributed to a meter without it");
        Instant flowtime = RawValues.time(readDtm, zone, "read_dtm", where);
        if (flowtime == null) {
            throw new NormalizationException("read_dtm", where + "read_dtm is empty; a read needs its time");
        }
        return GeneralMeterRead.newBuilder().setOrgId(e.getOrgId()).setDeviceId(id).setFlowtime(flowtime);
    }
}
