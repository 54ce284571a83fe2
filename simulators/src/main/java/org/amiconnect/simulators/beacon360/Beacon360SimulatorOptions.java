package org.amiconnect.simulators.beacon360;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Consumer;
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
 * @param reportRowCap                the most rows one report may hold (meters × hours of its range); a larger
 *                                    report ends in state "exception", as Beacon caps reports at about 1.2 million
 *                                    rows (python-ami-connect §2.2)
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
        VendorQuirks quirks,
        long reportRowCap) {

    public static final String DEFAULT_USERNAME = "beacon-user";
    public static final String DEFAULT_PASSWORD = "beacon-password";
    /** Beacon's documented cap on the rows of one report. */
    public static final long DEFAULT_REPORT_ROW_CAP = 1_200_000L;

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
        if (reportRowCap < 1) {
            throw new IllegalArgumentException("reportRowCap must be >= 1 but was " + reportRowCap);
        }
    }

    /** Loopback on a free port, 100 meters (seed 42) in America/Los_Angeles, two polls, no faults, system clock. */
    public static Beacon360SimulatorOptions defaults() {
        return new Beacon360SimulatorOptions("127.0.0.1", 0, DEFAULT_USERNAME, DEFAULT_PASSWORD,
                new UtilityGenerator(42L, 100, ZoneId.of("America/Los_Angeles")), 2, 0, 1, null, 0, false, 0, 0,
                Clock.systemUTC(), VendorQuirks.none(), DEFAULT_REPORT_ROW_CAP);
    }

    public Beacon360SimulatorOptions withHost(String host) {
        return edit(draft -> draft.host = host);
    }

    public Beacon360SimulatorOptions withPort(int port) {
        return edit(draft -> draft.port = port);
    }

    public Beacon360SimulatorOptions withGenerator(UtilityGenerator generator) {
        return edit(draft -> draft.generator = generator);
    }

    public Beacon360SimulatorOptions withPollsBeforeDone(int pollsBeforeDone) {
        return edit(draft -> draft.pollsBeforeDone = pollsBeforeDone);
    }

    public Beacon360SimulatorOptions withRateLimitEveryNthRequest(int rateLimitEveryNthRequest) {
        return edit(draft -> draft.rateLimitEveryNthRequest = rateLimitEveryNthRequest);
    }

    public Beacon360SimulatorOptions withRetryAfterSeconds(int retryAfterSeconds) {
        return edit(draft -> draft.retryAfterSeconds = retryAfterSeconds);
    }

    public Beacon360SimulatorOptions withFailReportWith(String failReportWith) {
        return edit(draft -> draft.failReportWith = failReportWith);
    }

    public Beacon360SimulatorOptions withFailNextDownloads(int failNextDownloads) {
        return edit(draft -> draft.failNextDownloads = failNextDownloads);
    }

    public Beacon360SimulatorOptions withShuffleColumns(boolean shuffleColumns) {
        return edit(draft -> draft.shuffleColumns = shuffleColumns);
    }

    public Beacon360SimulatorOptions withUnknownFlowUnitEveryNthRow(int unknownFlowUnitEveryNthRow) {
        return edit(draft -> draft.unknownFlowUnitEveryNthRow = unknownFlowUnitEveryNthRow);
    }

    public Beacon360SimulatorOptions withMissingReadTimeEveryNthRow(int missingReadTimeEveryNthRow) {
        return edit(draft -> draft.missingReadTimeEveryNthRow = missingReadTimeEveryNthRow);
    }

    public Beacon360SimulatorOptions withClock(Clock clock) {
        return edit(draft -> draft.clock = clock);
    }

    public Beacon360SimulatorOptions withQuirks(VendorQuirks quirks) {
        return edit(draft -> draft.quirks = quirks);
    }

    public Beacon360SimulatorOptions withReportRowCap(long reportRowCap) {
        return edit(draft -> draft.reportRowCap = reportRowCap);
    }

    public Beacon360SimulatorOptions withCredentials(String username, String password) {
        return edit(draft -> {
            draft.username = username;
            draft.password = password;
        });
    }

    /** Shorthand for {@code withGenerator(new UtilityGenerator(seed, meterCount, zone))}. */
    public Beacon360SimulatorOptions withUtility(long seed, int meterCount, ZoneId zone) {
        return withGenerator(new UtilityGenerator(seed, meterCount, zone));
    }

    /** A copy with the changes {@code change} makes to a draft of these options; the constructor checks the result. */
    private Beacon360SimulatorOptions edit(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** The options as mutable fields, so that each {@code with…} method names only the field it changes. */
    private static final class Draft {
        private String host;
        private int port;
        private String username;
        private String password;
        private UtilityGenerator generator;
        private int pollsBeforeDone;
        private int rateLimitEveryNthRequest;
        private int retryAfterSeconds;
        private String failReportWith;
        private int failNextDownloads;
        private boolean shuffleColumns;
        private int unknownFlowUnitEveryNthRow;
        private int missingReadTimeEveryNthRow;
        private Clock clock;
        private VendorQuirks quirks;
        private long reportRowCap;

        private Draft(Beacon360SimulatorOptions from) {
            host = from.host;
            port = from.port;
            username = from.username;
            password = from.password;
            generator = from.generator;
            pollsBeforeDone = from.pollsBeforeDone;
            rateLimitEveryNthRequest = from.rateLimitEveryNthRequest;
            retryAfterSeconds = from.retryAfterSeconds;
            failReportWith = from.failReportWith;
            failNextDownloads = from.failNextDownloads;
            shuffleColumns = from.shuffleColumns;
            unknownFlowUnitEveryNthRow = from.unknownFlowUnitEveryNthRow;
            missingReadTimeEveryNthRow = from.missingReadTimeEveryNthRow;
            clock = from.clock;
            quirks = from.quirks;
            reportRowCap = from.reportRowCap;
        }

        private Beacon360SimulatorOptions build() {
            return new Beacon360SimulatorOptions(host, port, username, password, generator, pollsBeforeDone,
                    rateLimitEveryNthRequest, retryAfterSeconds, failReportWith, failNextDownloads, shuffleColumns,
                    unknownFlowUnitEveryNthRow, missingReadTimeEveryNthRow, clock, quirks, reportRowCap);
        }
    }

    private static void requireAtLeastZero(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
        }
    }
}
