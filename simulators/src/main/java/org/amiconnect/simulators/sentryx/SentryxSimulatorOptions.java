package org.amiconnect.simulators.sentryx;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

import org.amiconnect.simulators.generator.UtilityGenerator;

/**
 * How a {@link SentryxSimulator} behaves. Start from {@link #defaults()} and adjust with the {@code with…} methods.
 *
 * @param host interface to bind, loopback by default
 * @param port port to bind, 0 for a free one
 * @param generator the simulated utility whose devices and reads are served
 * @param utilityName the utility's name in the path ({@code /v1-wm/sites/<utilityName>/…}); others answer 404;
 *     {@link #ANY_UTILITY} serves any name
 * @param apiKey the only {@code Authorization} header value accepted
 * @param clock the vendor's "now": a read is served only once it has arrived (see {@code lateShare})
 * @param unknownDevices devices that report consumption but are missing from the device list
 * @param lateShare share of reads that reach the vendor 1 to 5 days after they were taken
 * @param duplicateShare share of reads the vendor lists twice in a device's data
 * @param emptyReadingShare share of reads whose {@code reading} is empty text (a malformed record: no read)
 * @param unknownUnitDevices devices whose consumption is in {@code Unknown} units (a malformed record: dead letters)
 */
public record SentryxSimulatorOptions(
        String host,
        int port,
        UtilityGenerator generator,
        String utilityName,
        String apiKey,
        Clock clock,
        int unknownDevices,
        double lateShare,
        double duplicateShare,
        double emptyReadingShare,
        int unknownUnitDevices) {

    public static final String DEFAULT_API_KEY = "sentryx-api-key";
    public static final String DEFAULT_UTILITY = "demo-sentryx-utility";
    /** A utility name that makes the simulator serve every site name (for a source whose name it cannot know). */
    public static final String ANY_UTILITY = "*";

    public SentryxSimulatorOptions {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(utilityName, "utilityName");
        Objects.requireNonNull(clock, "clock");
    }

    /** Loopback on a free port, 50 meters (seed 42) in Los Angeles, 2 unlisted devices, a few late, duplicate and
     * empty reads, no unknown units. */
    public static SentryxSimulatorOptions defaults() {
        return new SentryxSimulatorOptions("127.0.0.1", 0, new UtilityGenerator(42, 50, ZoneId.of("America/Los_Angeles")),
                DEFAULT_UTILITY, DEFAULT_API_KEY, Clock.systemUTC(), 2, 0.02, 0.005, 0.002, 0);
    }

    public SentryxSimulatorOptions withUtility(long seed, int meters, ZoneId zone) {
        return new SentryxSimulatorOptions(host, port, new UtilityGenerator(seed, meters, zone), utilityName, apiKey,
                clock, unknownDevices, lateShare, duplicateShare, emptyReadingShare, unknownUnitDevices);
    }

    public SentryxSimulatorOptions withCredentials(String utilityName, String apiKey) {
        return new SentryxSimulatorOptions(host, port, generator, utilityName, apiKey, clock, unknownDevices, lateShare,
                duplicateShare, emptyReadingShare, unknownUnitDevices);
    }

    public SentryxSimulatorOptions withClock(Clock clock) {
        return new SentryxSimulatorOptions(host, port, generator, utilityName, apiKey, clock, unknownDevices, lateShare,
                duplicateShare, emptyReadingShare, unknownUnitDevices);
    }

    /** The vendor's quirks: unlisted devices, shares of late, duplicate and empty reads, devices in unknown units. */
    public SentryxSimulatorOptions withQuirks(int unknownDevices, double lateShare, double duplicateShare,
            double emptyReadingShare, int unknownUnitDevices) {
        return new SentryxSimulatorOptions(host, port, generator, utilityName, apiKey, clock, unknownDevices, lateShare,
                duplicateShare, emptyReadingShare, unknownUnitDevices);
    }
}
