package org.amiconnect.simulators.subeca;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

import org.amiconnect.simulators.generator.UtilityGenerator;

/**
 * How a {@link SubecaSimulator} behaves. Start from {@link #defaults()} and adjust with the {@code with…} methods.
 *
 * @param host interface to bind, loopback by default
 * @param port port to bind, 0 for a free one
 * @param generator the simulated utility: one account per meter, its device reporting hourly usage
 * @param apiKey the only {@code x-subeca-api-key} accepted
 * @param clock the vendor's "now": the latest reading is the last hour before it; a usage is served once it arrived
 * @param pageSize the largest account page served, whatever {@code pageSize} asks
 * @param vacantAccounts accounts without a device (no meter, no usage), listed after the metered ones
 * @param lateShare share of hourly usages that reach the vendor 1 to 3 days after their hour
 * @param emptyValueShare share of usages whose {@code value} is empty text (skipped by a client)
 * @param noDeviceShare share of usages whose {@code deviceId} is empty (dropped by a client)
 * @param gallonAccountShare share of accounts whose usages come in {@code gal} whatever {@code readUnit} asked
 */
public record SubecaSimulatorOptions(
        String host,
        int port,
        UtilityGenerator generator,
        String apiKey,
        Clock clock,
        int pageSize,
        int vacantAccounts,
        double lateShare,
        double emptyValueShare,
        double noDeviceShare,
        double gallonAccountShare) {

    public static final String DEFAULT_API_KEY = "subeca-api-key";

    public SubecaSimulatorOptions {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(clock, "clock");
    }

    /** Loopback on a free port, 50 meters (seed 42) in Los Angeles, pages of up to 100 accounts, 2 vacant accounts,
     * a few late, empty and deviceless usages, a tenth of the accounts in gallons. */
    public static SubecaSimulatorOptions defaults() {
        return new SubecaSimulatorOptions("127.0.0.1", 0, new UtilityGenerator(42, 50, ZoneId.of("America/Los_Angeles")),
                DEFAULT_API_KEY, Clock.systemUTC(), 100, 2, 0.02, 0.003, 0.002, 0.1);
    }

    public SubecaSimulatorOptions withUtility(long seed, int meters, ZoneId zone) {
        return new SubecaSimulatorOptions(host, port, new UtilityGenerator(seed, meters, zone), apiKey, clock, pageSize,
                vacantAccounts, lateShare, emptyValueShare, noDeviceShare, gallonAccountShare);
    }

    public SubecaSimulatorOptions withApiKey(String apiKey) {
        return new SubecaSimulatorOptions(host, port, generator, apiKey, clock, pageSize, vacantAccounts, lateShare,
                emptyValueShare, noDeviceShare, gallonAccountShare);
    }

    public SubecaSimulatorOptions withClock(Clock clock) {
        return new SubecaSimulatorOptions(host, port, generator, apiKey, clock, pageSize, vacantAccounts, lateShare,
                emptyValueShare, noDeviceShare, gallonAccountShare);
    }

    public SubecaSimulatorOptions withPageSize(int pageSize) {
        return new SubecaSimulatorOptions(host, port, generator, apiKey, clock, pageSize, vacantAccounts, lateShare,
                emptyValueShare, noDeviceShare, gallonAccountShare);
    }

    /** The vendor's quirks: vacant accounts, shares of late, empty and deviceless usages, accounts in gallons. */
    public SubecaSimulatorOptions withQuirks(int vacantAccounts, double lateShare, double emptyValueShare,
            double noDeviceShare, double gallonAccountShare) {
        return new SubecaSimulatorOptions(host, port, generator, apiKey, clock, pageSize, vacantAccounts, lateShare,
                emptyValueShare, noDeviceShare, gallonAccountShare);
    }
}
