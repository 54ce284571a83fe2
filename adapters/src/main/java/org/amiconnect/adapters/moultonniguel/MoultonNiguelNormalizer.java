package org.amiconnect.adapters.moultonniguel;

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
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelAmi;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelMeter;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelMeterHistory;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelRegisterRead;
import org.apache.avro.specific.SpecificRecord;

/**
 * Xylem Moulton Niguel raw rows → partial meters and half reads (python-ami-connect §2.7); the transformer joins them.
 *
 * <ul>
 *   <li>meter: device_id = meter_id, endpoint_id = ert_id, meter_install_date = start_date (midnight in the source's
 *       zone), meter_size from spd_meter_size, meter_manufacturer, multiplier = spd_meter_mult. The extractor sends
 *       each meter's current row last, so the meter kept is the predecessor's current one;</li>
 *   <li>meter history: location_id = {@code <service_address>-<service_point>} (null when either is missing, where the
 *       predecessor wrote "None"), account_id, location_address = asset_address, location_city = asset_city,
 *       location_zip = asset_zip, location_state none; valid from its valid_from date (empty = always);</li>
 *   <li>ami: interval = consumption (cubic feet) at datetime; register_read: register = reg_read (cubic feet); a
 *       datetime with an offset keeps it, a naive one is local time of the source; estimated is unknown (null);</li>
 *   <li>service_point and customer reach meters through the meter history and normalize to nothing.</li>
 * </ul>
 */
public final class MoultonNiguelNormalizer implements Normalizer {

    private final ZoneId zone;

    public MoultonNiguelNormalizer(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Normalized normalize(SpecificRecord record) throws NormalizationException {
        if (record instanceof MoultonNiguelMeter m) {
            return meter(m);
        }
        if (record instanceof MoultonNiguelMeterHistory h) {
            return history(h);
        }
        if (record instanceof MoultonNiguelAmi a) {
            ExtractMetadata e = a.getExtract();
            String where = where(e, "encid", blankToNull(a.getEncid()));
            Double cf = RawValues.cubicFeet(a.getConsumption(), "consumption", where);
            return new Normalized(List.of(), List.of(read(e, a.getEncid(), a.getDatetime(), where)
                    .setIntervalValue(cf).setIntervalUnit(cf == null ? null : Units.CUBIC_FEET).build()), 0);
        }
        if (record instanceof MoultonNiguelRegisterRead r) {
            ExtractMetadata e = r.getExtract();
            String where = where(e, "encid", blankToNull(r.getEncid()));
            Double cf = RawValues.cubicFeet(r.getRegRead(), "reg_read", where);
            return new Normalized(List.of(), List.of(read(e, r.getEncid(), r.getDatetime(), where)
                    .setRegisterValue(cf).setRegisterUnit(cf == null ? null : Units.CUBIC_FEET).build()), 0);
        }
        return new Normalized(List.of(), List.of(), 0);
    }

    private Normalized meter(MoultonNiguelMeter m) throws NormalizationException {
        ExtractMetadata e = m.getExtract();
        String where = where(e, "meter_id", blankToNull(m.getMeterId()));
        String id = RawValues.required(m.getMeterId(), "meter_id", where, "a meter cannot be identified without it");
        GeneralMeter meter = GeneralMeter.newBuilder()
                .setOrgId(e.getOrgId())
                .setDeviceId(id)
                .setMeterId(id)
                .setEndpointId(blankToNull(m.getErtId()))
                .setMeterInstallDate(RawValues.time(m.getStartDate(), zone, "start_date", where))
                .setMeterSize(MeterSizes.normalize(m.getSpdMeterSize()).orElse(null))
                .setMeterManufacturer(blankToNull(m.getMeterManufacturer()))
                .setMultiplier(RawValues.number(m.getSpdMeterMult(), "spd_meter_mult", where))
                .build();
        return new Normalized(List.of(meter), List.of(), 0);
    }

    private Normalized history(MoultonNiguelMeterHistory h) throws NormalizationException {
        ExtractMetadata e = h.getExtract();
        String where = where(e, "meter_id", blankToNull(h.getMeterId()));
        String id = RawValues.required(h.getMeterId(), "meter_id", where, "a meter cannot be identified without it");
        Instant from = RawValues.time(h.getValidFrom(), zone, "valid_from", where);
        String address = blankToNull(h.getServiceAddress());
        String point = blankToNull(h.getServicePoint());
        GeneralMeter meter = GeneralMeter.newBuilder()
                .setOrgId(e.getOrgId())
                .setDeviceId(id)
                .setAccountId(blankToNull(h.getAccountId()))
                .setLocationId(address == null || point == null ? null : address + "-" + point)
                .setLocationAddress(blankToNull(h.getAssetAddress()))
                .setLocationCity(blankToNull(h.getAssetCity()))
                .setLocationZip(blankToNull(h.getAssetZip()))
                .build();
        return new Normalized(List.of(meter), List.of(), 0, from);
    }

    private GeneralMeterRead.Builder read(ExtractMetadata e, String encid, String datetime, String where)
            throws NormalizationException {
        String id = RawValues.required(encid, "encid", where, "a read cannot be attributed to a meter without it");
        Instant flowtime = RawValues.time(datetime, zone, "datetime", where);
        if (flowtime == null) {
            throw new NormalizationException("datetime", where + "datetime is empty; a read needs its time");
        }
        return GeneralMeterRead.newBuilder().setOrgId(e.getOrgId()).setDeviceId(id).setFlowtime(flowtime);
    }
}
