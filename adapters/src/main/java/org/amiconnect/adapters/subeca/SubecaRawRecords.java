package org.amiconnect.adapters.subeca;

import com.fasterxml.jackson.databind.JsonNode;

import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.subeca.SubecaAccount;
import org.amiconnect.schemas.raw.subeca.SubecaLatestReading;
import org.amiconnect.schemas.raw.subeca.SubecaUsage;

/**
 * Subeca JSON → raw records, flattened as the predecessor's extract files were ({@code meterInfo.meterSize} and the
 * device's fields at the top level of the account; the latest reading on its own, {@code usageTime} being its
 * {@code date}). Every field is the vendor's text: a JSON string as it is, a number in the vendor's digits, null when
 * the vendor sent null or left the field out.
 */
public final class SubecaRawRecords {

    private SubecaRawRecords() {
    }

    /** An account document without its latest reading. */
    public static SubecaAccount account(JsonNode a, ExtractMetadata extract) {
        JsonNode device = a.path("device");
        return SubecaAccount.newBuilder()
                .setAccountId(text(a, "accountId"))
                .setAccountStatus(text(a, "accountStatus"))
                .setMeterSerial(text(a, "meterSerial"))
                .setBillingRoute(text(a, "billingRoute"))
                .setRegisterSerial(text(a, "registerSerial"))
                .setMeterSize(text(a.path("meterInfo"), "meterSize"))
                .setCreatedAt(text(a, "createdAt"))
                .setDeviceId(text(device, "deviceId"))
                .setActiveProtocol(text(device, "activeProtocol"))
                .setInstallationDate(text(device, "installationDate"))
                .setLatestCommunicationDate(text(device, "latestCommunicationDate"))
                .setExtract(extract)
                .build();
    }

    /** The account's {@code device.latestReading}, or null when the document has none. */
    public static SubecaLatestReading latestReading(JsonNode a, ExtractMetadata extract) {
        JsonNode device = a.path("device");
        JsonNode latest = device.path("latestReading");
        if (!latest.isObject()) {
            return null;
        }
        return SubecaLatestReading.newBuilder()
                .setAccountId(text(a, "accountId"))
                .setDeviceId(text(device, "deviceId"))
                .setUsageTime(text(latest, "date"))
                .setUnit(text(latest, "unit"))
                .setValue(text(latest, "value"))
                .setExtract(extract)
                .build();
    }

    /** One entry of {@code data.hourly}: its timestamp and {@code {deviceId, unit, value}}. */
    public static SubecaUsage usage(String accountId, String usageTime, JsonNode entry, ExtractMetadata extract) {
        return SubecaUsage.newBuilder()
                .setAccountId(accountId)
                .setDeviceId(text(entry, "deviceId"))
                .setUsageTime(usageTime)
                .setUnit(text(entry, "unit"))
                .setValue(text(entry, "value"))
                .setExtract(extract)
                .build();
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
