package org.amiconnect.plugins.neptune360.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;

/**
 * The items of the simulated site's listings, rendered from the seeded generator as the modelled API writes them.
 * The field names are written out here and not taken from the plug-in's raw schemas, so that the simulator stays an
 * independent oracle of the client (a misreading of the format must not be written once and agreed with twice).
 *
 * <p>Endpoints: {@code meterNumber} (the meter id), {@code miuId} (the radio's serial), {@code accountNumber},
 * {@code serviceLocationId}, {@code meterSize} (the vendor's text, e.g. {@code 5/8"}), {@code meterManufacturer},
 * {@code meterInstallDate} (a local date), {@code multiplier}, {@code serviceAddress}, {@code city}, {@code state},
 * {@code zip}. Reads: {@code meterNumber}, {@code miuId}, {@code readTime} (local time with its UTC offset),
 * {@code reading} and {@code readingUnit} (the cumulative register), {@code consumption} and {@code consumptionUnit}
 * (use in the hour before), {@code estimated} (boolean), {@code batteryStatus}, {@code signalStrength}. Duplicates
 * are appended at the end of a listing, so they come on a later page than the original.
 */
final class SiteListings {

    private final Neptune360SimulatorOptions options;
    private final ObjectMapper json;
    private final List<ObjectNode> endpoints;

    SiteListings(Neptune360SimulatorOptions options, ObjectMapper json) {
        this.options = options;
        this.json = json;
        List<ObjectNode> items = new ArrayList<>();
        for (SimulatedMeter meter : options.generator().meters()) {
            items.add(endpoint(meter));
        }
        this.endpoints = withDuplicates(items, options.duplicateEndpointEveryNth());
    }

    List<ObjectNode> endpoints() {
        return endpoints;
    }

    /** Reads taken in [start, end) and not after the simulator's clock, by meter then time, duplicates at the end. */
    List<ObjectNode> reads(Instant start, Instant end) {
        Instant now = options.clock().instant();
        Instant until = end.isAfter(now) ? now.plusNanos(1) : end;
        UtilityGenerator generator = options.generator();
        ZoneId zone = generator.zone();
        List<ObjectNode> items = new ArrayList<>();
        if (until.isAfter(start)) {
            generator.reads(start, until).forEach(read -> items.add(read(read, zone)));
        }
        return withDuplicates(items, options.duplicateReadEveryNth());
    }

    private ObjectNode endpoint(SimulatedMeter meter) {
        ObjectNode item = json.createObjectNode();
        item.put("meterNumber", meter.meterId());
        item.put("miuId", meter.endpointSn());
        item.put("accountNumber", meter.accountId());
        item.put("serviceLocationId", meter.locationId());
        item.put("meterSize", meter.meterSizeDesc());
        item.put("meterManufacturer", meter.manufacturer());
        item.put("meterInstallDate", meter.meterInstallDate().toLocalDate().toString());
        item.put("multiplier", 1);
        item.put("serviceAddress", meter.addressLine1());
        item.put("city", meter.city());
        item.put("state", meter.state());
        item.put("zip", meter.zip());
        return item;
    }

    private ObjectNode read(SimulatedRead read, ZoneId zone) {
        SimulatedMeter meter = read.meter();
        ObjectNode item = json.createObjectNode();
        item.put("meterNumber", meter.meterId());
        item.put("miuId", meter.endpointSn());
        item.put("readTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(read.instant(), zone)));
        item.put("reading", new BigDecimal(read.readString()));
        item.put("readingUnit", unit(read.readUnit()));
        item.put("consumption", new BigDecimal(read.flowString()));
        item.put("consumptionUnit", unit(read.flowUnit()));
        item.put("estimated", read.estimated());
        item.put("batteryStatus", meter.batteryLevel());
        item.put("signalStrength", meter.signalStrength());
        return item;
    }

    /** The generator's unit labels as this API writes them: gallons as {@code GAL}. */
    private static String unit(String generatorLabel) {
        return "Gallons".equals(generatorLabel) ? "GAL" : generatorLabel;
    }

    private static List<ObjectNode> withDuplicates(List<ObjectNode> items, int everyNth) {
        if (everyNth <= 0) {
            return List.copyOf(items);
        }
        List<ObjectNode> out = new ArrayList<>(items);
        for (int i = everyNth - 1; i < items.size(); i += everyNth) {
            out.add(items.get(i).deepCopy());
        }
        return List.copyOf(out);
    }
}
