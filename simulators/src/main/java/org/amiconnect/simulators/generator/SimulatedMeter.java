package org.amiconnect.simulators.generator;

import java.time.LocalDateTime;

/**
 * One simulated meter with its radio endpoint, account and service location, as a vendor's system would know it.
 * String fields hold exactly what the vendor prints.
 *
 * @param index               position in {@link UtilityGenerator#meters()}; all simulated data derives from (seed, index)
 * @param endpointSn          9-digit radio endpoint serial (the Beacon device id), unique per utility
 * @param meterId             10-digit meter id, unique per utility
 * @param meterSn             meter body serial number
 * @param accountId           6-digit account, 7-digit from meter 900,000 on; about 10% as "NNNNNN-LL"
 *                            (account-location style)
 * @param meterSizeDesc       vendor size text, e.g. {@code 5/8"}, {@code 5/8x3/4}, {@code 8in} (not mappable)
 * @param meterSize           vendor numeric size in inches, e.g. "0.625"
 * @param registerUnit        unit of the cumulative register: CCF, KGAL or CF
 * @param flowUnit            unit of the hourly flow: Gallons, CCF or KGAL
 * @param dials               digits on the register; the raw read wraps like an odometer
 * @param registerResolution  smallest printed register step in {@code registerUnit}, e.g. "0.01"
 * @param readMinute          minute of every hour at which the meter's hourly reads are stamped
 * @param leakProne           the meter has recurring leak windows (constant flow day and night while they last)
 * @param leakRateCfPerHour   leak flow while a leak window runs; 0 when not leak prone
 * @param customerClass       "Residential" or "Commercial"
 * @param averageDailyGallons long-run mean use without leaks
 */
public record SimulatedMeter(
        int index,
        String endpointSn,
        String meterId,
        String meterSn,
        String accountId,
        String locationId,
        String addressLine1,
        String city,
        String state,
        String zip,
        String country,
        double latitude,
        double longitude,
        String manufacturer,
        String model,
        String meterSizeDesc,
        String meterSize,
        String meterSizeUnit,
        LocalDateTime meterInstallDate,
        LocalDateTime endpointInstallDate,
        String registerUnit,
        String flowUnit,
        int dials,
        String registerResolution,
        String batteryLevel,
        String signalStrength,
        int readMinute,
        boolean leakProne,
        double leakRateCfPerHour,
        String customerClass,
        double averageDailyGallons) {

    /** True for the "NNNNNN-LL" account ids some utilities use (account and location joined). */
    public boolean accountLocationStyle() {
        return accountId.indexOf('-') >= 0;
    }

    /** The leak rate per hour in the meter's flow unit, as the vendor prints it; "" when the meter never leaks. */
    public String leakRateInFlowUnit() {
        if (!leakProne) {
            return "";
        }
        VendorUnit unit = VendorUnit.byLabel(flowUnit);
        return DecimalText.decimal(unit.scaled(leakRateCfPerHour, unit.flowDecimals), unit.flowDecimals);
    }

    public boolean commercial() {
        return "Commercial".equals(customerClass);
    }
}
