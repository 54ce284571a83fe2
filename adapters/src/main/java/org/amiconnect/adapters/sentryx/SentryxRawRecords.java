package org.amiconnect.adapters.sentryx;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.sentryx.SentryxConsumption;
import org.amiconnect.schemas.raw.sentryx.SentryxDevice;

/**
 * Sentryx JSON items → raw records, each field as the vendor wrote it, as text: a JSON string as it is, a number in
 * the vendor's digits, {@code true}/{@code false}, a nested object or list as its JSON; null when the vendor sent null
 * or left the field out. Fields of a device the predecessor ignored ({@code lastReading}, {@code multiplier}, …) are
 * not kept.
 */
public final class SentryxRawRecords {

    private SentryxRawRecords() {
    }

    /** One item of a devices page. */
    public static SentryxDevice device(JsonNode d, ExtractMetadata extract) {
        return SentryxDevice.newBuilder()
                .setDeviceId(text(d, "deviceId"))
                .setAccountId(text(d, "accountId"))
                .setDeviceStatus(text(d, "deviceStatus"))
                .setServiceStatus(text(d, "serviceStatus"))
                .setStreet(text(d, "street"))
                .setCity(text(d, "city"))
                .setState(text(d, "state"))
                .setZip(text(d, "zip"))
                .setDescription(text(d, "description"))
                .setManufacturer(text(d, "manufacturer"))
                .setInstallNotes(text(d, "installNotes"))
                .setInstallDate(text(d, "installDate"))
                .setMeterSize(text(d, "meterSize"))
                .setExtract(extract)
                .build();
    }

    /**
     * One item of a consumption page: one raw record per point of its {@code data} list, in the vendor's order, each
     * with a copy of {@code extract} whose {@code source_record} is the point's 1-based position.
     */
    public static List<SentryxConsumption> consumption(JsonNode meter, ExtractMetadata extract) {
        JsonNode data = meter.path("data");
        List<SentryxConsumption> points = new ArrayList<>(data.size());
        long position = 0;
        for (JsonNode point : data) {
            ExtractMetadata e = ExtractMetadata.newBuilder(extract).setSourceRecord(++position).build();
            points.add(SentryxConsumption.newBuilder()
                    .setDeviceId(text(meter, "deviceId"))
                    .setBodySerialNumber(text(meter, "bodySerialNumber"))
                    .setMuellerSerialNumber(text(meter, "muellerSerialNumber"))
                    .setRegisterSerialNumber(text(meter, "registerSerialNumber"))
                    .setUnits(text(meter, "units"))
                    .setTimeStamp(text(point, "timeStamp"))
                    .setReading(text(point, "reading"))
                    .setConsumption(text(point, "consumption"))
                    .setExtract(e)
                    .build());
        }
        return points;
    }

    /** The field's text as the vendor wrote it, or null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isBigDecimal()) {
            return v.decimalValue().toPlainString();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
