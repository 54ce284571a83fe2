package org.amiconnect.simulators.beacon360;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import org.amiconnect.simulators.generator.UtilityGenerator;

/**
 * How a {@link Beacon360Simulator} behaves. Start from {@link #defaults()} and adjust with the {@code with…} methods.
 *
 * @param host                        interface to bind, loopback by default
 * @param port                        0 picks a free port
 * @param username                    HTTP Basic user the simulator accepts
 * @param password                    HTTP Basic password the simulator accepts
 * @param generator                   the simulated utility whose meters and reads are reported
 * @param pollsBeforeDone             status polls answered with state "run" before a report is "done"
 * @param rateLimitEveryNthRequest    every Nth POST /v2/eds/range is answered 429; 0 = never
 * @param retryAfterSeconds           seconds named in a 429's Retry-After header and {@code args[2]}
 * @param failReportWith              when not null, reports end in state "exception" with this message
 * @param failNextDownloads           this many report downloads answer HTTP 500 before downloads succeed
 * @param shuffleColumns              report columns come in a different order than requested
 * @param unknownFlowUnitEveryNthRow  every Nth row says Flow_Unit "Pounds"; 0 = never
 * @param missingReadTimeEveryNthRow  every Nth row has empty Read_Time and Flow_Time; 0 = never
 * @param clock                       reads taken after this clock's instant are never reported
 * @param quirks                      how answers depart from the clean protocol (character set, byte order mark,
 *                                    omitted columns, waits as text)
 */
public record Beacon360SimulatorOptions(
        String host,
        int port,
        String username,
        String password,
        UtilityGenerator generator,
        int pollsBeforeDone,
        int rateLimitEveryNthRequest,
        int retryAfterSeconds,
        String failReportWith,
        int failNextDownloads,
        boolean shuffleColumns,
        int unknownFlowUnitEveryNthRow,
        int missingReadTimeEveryNthRow,
        Clock clock,
        VendorQuirks quirks) {

    public static final String DEFAULT_USERNAME = "beacon-user";
    public static final String DEFAULT_PASSWORD = "beacon-password";

    public Beacon360SimulatorOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(quirks, "quirks");
        requireAtLeastZero("port", port);
        requireAtLeastZero("pollsBeforeDone", pollsBeforeDone);
        requireAtLeastZero("rateLimitEveryNthRequest", rateLimitEveryNthRequest);
        requireAtLeastZero("retryAfterSeconds", retryAfterSeconds);
        requireAtLeastZero("failNextDownloads", failNextDownloads);
        requireAtLeastZero("unknownFlowUnitEveryNthRow", unknownFlowUnitEveryNthRow);
        requireAtLeastZero("missingReadTimeEveryNthRow", missingReadTimeEveryNthRow);
    }

    /** Loopback on a free port, 100 meters (seed 42) in America/Los_Angeles, two polls, no faults, system clock. */
    public static Beacon360SimulatorOptions defaults() {
        return new Beacon360SimulatorOptions("127.0.0.1", 0, DEFAULT_USERNAME, DEFAULT_PASSWORD,
                new UtilityGenerator(42L, 100, ZoneId.of("America/Los_Angeles")), 2, 0, 1, null, 0, false, 0, 0,
                Clock.systemUTC(), VendorQuirks.none());
    }

    public Beacon360SimulatorOptions withHost(String host) {
        return new Beacon360SimulatorOptions(host, port, username, password, generator, pollsBeforeDone,
                rateLimitEveryNthRequest, retryAfterSeconds, failReportWith, failNextDownloads, shuffleColumns,
                unknownFlowUnitEveryNthRow, missingReadTimeEveryNthRow, clock, quirks);
    }

    public Beacon360SimulatorOptions withPort(int port) {
        return new Beacon360SimulatorOptions(host, port, username, password, generator, pollsBeforeDone,
                rateLimitEveryNthRequest, retryAfterSeconds, failReportWith, failNextDownloads, shuffleColumns,
                unknownFlowUnitEveryNthRow, missingReadTimeEveryNthRow, clock, quirks);
    }

    public Beacon360SimulatorOptions withCredentials(String username, String password) {
        return new Beacon360SimulatorOptions(host, port, username, password, generator, pollsBeforeDone,
                rateLimitEveryNthRequest, retryAfterSeconds, failReportWith, failNextDownloads, shuffleColumns,
                unknownFlowUnitEveryNthRow, missingReadTimeEveryNthRow, clock, quirks);
    }

    public Beacon360SimulatorOptions withGenerator(UtilityGenerator generator) {
        return new Beacon360SimulatorOptions(host, port, username, password, generator, pollsBeforeDone,
                rateLimitEveryNthRequest, retryAfterSeconds, failReportWith, failNextDownloads, shuffleColumns,
                unknownFlowUnitEveryNthRow, missingReadTimeEveryNthRow, clock, quirks);
    }

    /** Shorthand for {@code withGenerator(new UtilityGenerator(seed, meterCount, zone))}. */
    public Beacon360SimulatorOptions withUtility(long seed, int meterCount, ZoneId zone) {
        return withGenerator(new UtilityGenerator(seed, meterCount, zone));
    }

    public Beacon360SimulatorOptions withPollsBeforeDone(int pollsBeforeDone) {
        return new Beacon360SimulatorOptions(host, port, username, password, generator, pollsBeforeDone,
                rateLimitEveryNthRequest, retryAfterSeconds, failReportWith, failNextDownloads, shuffleColumns,
                unknownFlowUnitEveryNthRow, missingReadTimeEveryNthRow, clock, quirks);
    }

    public Beacon360SimulatorOptions withRateLimitEveryNthRequest(int rateLimitEveryNthRequest) {
        return new Beacon360SimulatorOptions(host, port, username, password, generator, pollsBeforeDone,
                rateLimitEveryNthRequest, retryAfterSeconds, failReportWith, failNextDownloads, shuffleColumns,
                unknownFlowUnitEveryNthRow, missingReadTimeEveryNthRow, clock, quirks);
    }

    public Beacon360SimulatorOptions withRetryAfterSeconds(int retryAfterSeconds) {
        return new Beacon360SimulatorOptions(host, port, username, password, generator, pollsBeforeDone,
                rateLimitEveryNthRequest, retryAfterSeconds, failReportWith, failNextDownloads, shuffleColumns,
                unknownFlowUnitEveryNthRow, missingReadTimeEveryNthRow, clock, quirks);
    }

    public Beacon360SimulatorOptions withFailReportWith(String failReportWith) {
        return new Beacon360SimulatorOptions(host, port, username, password, generator, pollsBeforeDone,
                rateLimitEveryNthRequest, retryAfterSeconds, failReportWith, failNextDownloads, shuffleColumns,
                unknownFlowUnitEveryNthRow, missingReadTimeEveryNthRow, clock, quirks);
    }

    public Beacon360SimulatorOptions withFailNextDownloads(int failNextDownloads) {
        return new Beacon360SimulatorOptions(host, port, username, password, generator, pollsBeforeDone,
                rateLimitEveryNthRequest, retryAfterSeconds, failReportWith, failNextDownloads, shuffleColumns,
                unknownFlowUnitEveryNthRow, missingReadTimeEveryNthRow, clock, quirks);
    }

    public Beacon360SimulatorOptions withShuffleColumns(boolean shuffleColumns) {
        return new Beacon360SimulatorOptions(host, port, username, password, generator, pollsBeforeDone,
                rateLimitEveryNthRequest, retryAfterSeconds, failReportWith, failNextDownloads, shuffleColumns,
                unknownFlowUnitEveryNthRow, missingReadTimeEveryNthRow, clock, quirks);
    }

    public Beacon360SimulatorOptions withUnknownFlowUnitEveryNthRow(int unknownFlowUnitEveryNthRow) {
        return new Beacon360SimulatorOptions(host, port, username, password, generator, pollsBeforeDone,
                rateLimitEveryNthRequest, retryAfterSeconds, failReportWith, failNextDownloads, shuffleColumns,
                unknownFlowUnitEveryNthRow, missingReadTimeEveryNthRow, clock, quirks);
    }

    public Beacon360SimulatorOptions withMissingReadTimeEveryNthRow(int missingReadTimeEveryNthRow) {
        return new Beacon360SimulatorOptions(host, port, username, password, generator, pollsBeforeDone,
                rateLimitEveryNthRequest, retryAfterSeconds, failReportWith, failNextDownloads, shuffleColumns,
                unknownFlowUnitEveryNthRow, missingReadTimeEveryNthRow, clock, quirks);
    }

    public Beacon360SimulatorOptions withClock(Clock clock) {
        return new Beacon360SimulatorOptions(host, port, username, password, generator, pollsBeforeDone,
                rateLimitEveryNthRequest, retryAfterSeconds, failReportWith, failNextDownloads, shuffleColumns,
                unknownFlowUnitEveryNthRow, missingReadTimeEveryNthRow, clock, quirks);
    }

    public Beacon360SimulatorOptions withQuirks(VendorQuirks quirks) {
        return new Beacon360SimulatorOptions(host, port, username, password, generator, pollsBeforeDone,
                rateLimitEveryNthRequest, retryAfterSeconds, failReportWith, failNextDownloads, shuffleColumns,
                unknownFlowUnitEveryNthRow, missingReadTimeEveryNthRow, clock, quirks);
    }

    private static void requireAtLeastZero(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
        }
    }
}
