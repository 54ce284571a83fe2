package org.amiconnect.simulators.beacon360;

import static org.amiconnect.simulators.beacon360.EdsTestClient.json;
import static org.amiconnect.simulators.beacon360.EdsTestClient.rangeQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Beacon360SimulatorTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final UtilityGenerator UTILITY = new UtilityGenerator(11L, 20, LOS_ANGELES);
    private static final Clock NEW_YEAR_2025 = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String START = "2024-08-01 00:00:00";
    private static final String END = "2024-08-03 00:00:00";
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final List<Beacon360Simulator> started = new ArrayList<>();

    @AfterEach
    void stopSimulators() {
        started.forEach(Beacon360Simulator::close);
    }

    private Beacon360Simulator start(Beacon360SimulatorOptions options) {
        Beacon360Simulator simulator = Beacon360Simulator.start(options);
        started.add(simulator);
        return simulator;
    }

    private static Beacon360SimulatorOptions options() {
        return Beacon360SimulatorOptions.defaults().withGenerator(UTILITY).withClock(NEW_YEAR_2025);
    }

    private static EdsTestClient client(Beacon360Simulator simulator) {
        return new EdsTestClient(simulator.baseUrl(), simulator.options().username(), simulator.options().password());
    }

    @Test
    void listsThe48ColumnsInThePredecessorsOrder() {
        assertThat(Beacon360Simulator.ALL_COLUMNS).hasSize(48).doesNotHaveDuplicates()
                .startsWith("Account_ID", "Battery_Level", "Current_Leak_Rate")
                .endsWith("Service_Point_Class_Code_Normalized", "Signal_Strength");
        assertThat(Beacon360Simulator.ALL_COLUMNS.indexOf("Location_Latitude"))
                .isLessThan(Beacon360Simulator.ALL_COLUMNS.indexOf("Location_Longitude"));
    }

    @Test
    void requestPollAndDownloadGivesOneRowPerMeterAndHourWithTheGeneratorsValues() {
        Beacon360Simulator simulator = start(options());
        EdsTestClient client = client(simulator);

        HttpResponse<String> accepted = client.postRange(rangeQuery(START, END, Beacon360Simulator.ALL_COLUMNS));
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode acceptedBody = json(accepted);
        String uuid = acceptedBody.get("edsUUID").asText();
        assertThat(acceptedBody.get("statusUrl").asText()).isEqualTo("/v2/eds/status/" + uuid);

        for (int poll = 1; poll <= 2; poll++) {
            JsonNode running = json(client.get("/v2/eds/status/" + uuid));
            assertThat(running.get("state").asText()).isEqualTo("run");
            assertThat(running.at("/progress/percentComplete").asInt()).isBetween(1, 99);
            assertThat(running.get("queueTime").asText()).isNotBlank();
            assertThat(running.get("message").asText()).isNotBlank();
        }
        JsonNode done = json(client.get("/v2/eds/status/" + uuid));
        assertThat(done.get("state").asText()).isEqualTo("done");
        String reportUrl = done.get("reportUrl").asText();
        assertThat(reportUrl).matches("/v1/content/" + uuid + "/users/" + simulator.options().username() + "/export\\d+");
        assertThat(done.get("endTime").asText()).isNotBlank();
        assertThat(done.get("lastMeterId").asText()).isEqualTo(UTILITY.meter(UTILITY.meterCount() - 1).endpointSn());

        HttpResponse<String> report = client.get(reportUrl);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type")).hasValue("text/csv");
        List<CSVRecord> rows = EdsTestClient.parse(report.body());

        List<SimulatedRead> expected = expectedReads(START, END, NEW_YEAR_2025.instant());
        assertThat(expected).hasSize(20 * 48);
        assertThat(rows).hasSize(expected.size());
        assertThat(rows.get(0).getParser().getHeaderNames()).isEqualTo(Beacon360Simulator.ALL_COLUMNS);
        for (int i = 0; i < rows.size(); i++) {
            assertRowShowsRead(rows.get(i), expected.get(i));
        }
        assertThat(simulator.rangeRequests()).isEqualTo(1);
        assertThat(simulator.statusPolls()).isEqualTo(3);
        assertThat(simulator.downloads()).isEqualTo(1);
        assertThat(simulator.rateLimitedResponses()).isZero();
    }

    @Test
    void quotesEveryValueAndDoublesQuotesInsideValuesLikeTheVendor() {
        UtilityGenerator utility = new UtilityGenerator(11L, 60, LOS_ANGELES);
        Beacon360Simulator simulator = start(options().withGenerator(utility));
        EdsTestClient client = client(simulator);

        String body = client.get(client.requestAndAwait(START, "2024-08-01 01:00:00", Beacon360Simulator.ALL_COLUMNS))
                .body();

        String[] lines = body.split("\n", -1);
        assertThat(lines).hasSize(1 + 60);
        assertThat(lines).allMatch(line -> line.startsWith("\"") && line.endsWith("\""));
        assertThat(lines[0]).startsWith("\"Account_ID\",\"Battery_Level\",\"Current_Leak_Rate\"");
        assertThat(body).contains(",\"5/8\"\"\",").doesNotEndWith("\n");
        List<CSVRecord> rows = EdsTestClient.parse(body);
        assertThat(rows).extracting(row -> row.get("Meter_Size_Desc")).contains("5/8\"", "5/8x3/4");
        assertThat(rows).allMatch(row -> row.get("Location_Address_Line2").isEmpty() && row.get("SA_Start_Date").isEmpty());
    }

    @Test
    void rejectsRequestsWithoutOrWithWrongCredentials() {
        Beacon360Simulator simulator = start(options());
        EdsTestClient wrongPassword = new EdsTestClient(simulator.baseUrl(), simulator.options().username(), "guess");
        EdsTestClient anonymous = client(simulator);
        HttpRequest.Builder noAuthorization = HttpRequest.newBuilder(simulator.baseUrl().resolve(
                        "/v2/eds/range?Start_Date=2024-08-01+00%3A00%3A00&End_Date=2024-08-02+00%3A00%3A00"
                                + "&Resolution=hourly&Header_Columns=Account_ID"))
                .POST(HttpRequest.BodyPublishers.noBody());

        HttpResponse<String> unauthenticated = anonymous.send(noAuthorization);
        HttpResponse<String> wrong = wrongPassword.postRange(rangeQuery(START, END, Beacon360Simulator.ALL_COLUMNS));
        String statusUrl = json(anonymous.postRange(rangeQuery(START, END, List.of("Endpoint_SN")))).get("statusUrl")
                .asText();
        HttpResponse<String> wrongStatus = wrongPassword.get(statusUrl);

        for (HttpResponse<String> response : List.of(unauthenticated, wrong, wrongStatus)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Basic"));
        }
        assertThat(simulator.rangeRequests()).isEqualTo(1);
        assertThat(simulator.statusPolls()).isZero();
    }

    @Test
    void rateLimitsEveryNthRangeRequestWithRetryAfter() {
        Beacon360Simulator simulator = start(options().withRateLimitEveryNthRequest(3).withRetryAfterSeconds(7));
        EdsTestClient client = client(simulator);

        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = client.postRange(rangeQuery(START, END, Beacon360Simulator.ALL_COLUMNS));
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }

        assertThat(statuses).containsExactly(202, 202, 429, 202, 202, 429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
        JsonNode body = json(limited);
        assertThat(body.get("args").get(2).asInt()).isEqualTo(7);
        assertThat(body.get("args").get(0).isNull()).isTrue();
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(simulator.rangeRequests()).isEqualTo(6);
        assertThat(simulator.rateLimitedResponses()).isEqualTo(2);
    }

    @Test
    void reportsExceptionStateWhenConfiguredToFail() {
        Beacon360Simulator simulator = start(options().withPollsBeforeDone(1).withFailReportWith("Report storage unavailable"));
        EdsTestClient client = client(simulator);
        String statusUrl = json(client.postRange(rangeQuery(START, END, Beacon360Simulator.ALL_COLUMNS)))
                .get("statusUrl").asText();

        assertThat(json(client.get(statusUrl)).get("state").asText()).isEqualTo("run");
        JsonNode failed = json(client.get(statusUrl));

        assertThat(failed.get("state").asText()).isEqualTo("exception");
        assertThat(failed.get("message").asText()).isEqualTo("Report storage unavailable");
        assertThat(failed.has("reportUrl")).isFalse();
    }

    @Test
    void failedDownloadsAnswer500ThenTheSameReportSucceeds() {
        Beacon360Simulator simulator = start(options().withFailNextDownloads(1));
        EdsTestClient client = client(simulator);
        String reportUrl = client.requestAndAwait(START, END, Beacon360Simulator.ALL_COLUMNS);

        HttpResponse<String> failed = client.get(reportUrl);
        HttpResponse<String> retried = client.get(reportUrl);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(EdsTestClient.parse(retried.body())).hasSize(20 * 48);
        assertThat(simulator.downloads()).isEqualTo(2);

        simulator.failNextDownloads(2);
        assertThat(client.get(reportUrl).statusCode()).isEqualTo(500);
        assertThat(client.get(reportUrl).statusCode()).isEqualTo(500);
        assertThat(client.get(reportUrl).body()).isEqualTo(retried.body());
    }

    @Test
    void shuffledColumnsKeepEveryValueUnderItsHeader() {
        Beacon360Simulator simulator = start(options().withShuffleColumns(true));
        EdsTestClient client = client(simulator);

        List<CSVRecord> rows = client.fetchReport(START, END, Beacon360Simulator.ALL_COLUMNS);

        List<String> header = rows.get(0).getParser().getHeaderNames();
        assertThat(header).containsExactlyInAnyOrderElementsOf(Beacon360Simulator.ALL_COLUMNS)
                .isNotEqualTo(Beacon360Simulator.ALL_COLUMNS);
        List<SimulatedRead> expected = expectedReads(START, END, NEW_YEAR_2025.instant());
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            assertRowShowsRead(rows.get(i), expected.get(i));
        }
    }

    @Test
    void returnsOnlyTheRequestedColumns() {
        Beacon360Simulator simulator = start(options());
        List<String> columns = List.of("Read_Time", "Endpoint_SN", "Read", "Flow_Unit");

        List<CSVRecord> rows = client(simulator).fetchReport(START, END, columns);

        assertThat(rows.get(0).getParser().getHeaderNames()).isEqualTo(columns);
        assertThat(rows).hasSize(20 * 48).allMatch(row -> row.size() == 4);
    }

    @Test
    void neverReportsReadsTakenAfterTheClock() {
        Instant now = Instant.parse("2024-08-02T12:30:00Z"); // 05:30 local on Aug 2
        Beacon360Simulator simulator = start(options().withClock(Clock.fixed(now, ZoneOffset.UTC)));

        List<CSVRecord> rows = client(simulator).fetchReport(START, END, Beacon360Simulator.ALL_COLUMNS);

        List<SimulatedRead> expected = expectedReads(START, END, now);
        assertThat(expected.size()).isBetween(20 * 29, 20 * 30);
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            assertRowShowsRead(rows.get(i), expected.get(i));
            LocalDateTime readTime = LocalDateTime.parse(rows.get(i).get("Read_Time").replace(' ', 'T'));
            assertThat(readTime).isBeforeOrEqualTo(LocalDateTime.ofInstant(now, LOS_ANGELES));
        }
    }

    @Test
    void fallBackDayHasTwoRowsWithTheSameNaiveReadTime() {
        Beacon360Simulator simulator = start(options());
        SimulatedMeter meter = UTILITY.meters().stream().filter(m -> m.readMinute() == 59).findFirst().orElseThrow();

        List<CSVRecord> rows = client(simulator).fetchReport("2024-11-03 00:00:00", "2024-11-04 00:00:00",
                Beacon360Simulator.ALL_COLUMNS);

        List<CSVRecord> meterRows = rows.stream().filter(row -> row.get("Endpoint_SN").equals(meter.endpointSn())).toList();
        assertThat(meterRows).hasSize(25);
        List<CSVRecord> repeated = meterRows.stream().filter(row -> row.get("Read_Time").equals("2024-11-03 01:59")).toList();
        assertThat(repeated).hasSize(2);
        assertThat(repeated.get(0).get("Read")).isNotNull();
        assertThat(rows).hasSize(expectedReads("2024-11-03 00:00:00", "2024-11-04 00:00:00", NEW_YEAR_2025.instant()).size());
    }

    @Test
    void oneHourReportsAcrossBothDstChangesHoldEveryReadOfTheirLocalHour() {
        Beacon360Simulator simulator = start(options());
        EdsTestClient client = client(simulator);
        // 02:00-03:00 does not exist on 2024-03-10 in Los Angeles; 01:00-02:00 happens twice on 2024-11-03
        String[][] hours = {{"2024-03-10 01:00:00", "2024-03-10 02:00:00"}, {"2024-03-10 02:00:00", "2024-03-10 03:00:00"},
                {"2024-03-10 02:30:00", "2024-03-10 03:30:00"}, {"2024-03-10 03:00:00", "2024-03-10 04:00:00"},
                {"2024-11-03 00:00:00", "2024-11-03 01:00:00"}, {"2024-11-03 01:00:00", "2024-11-03 02:00:00"},
                {"2024-11-03 01:30:00", "2024-11-03 02:30:00"}, {"2024-11-03 02:00:00", "2024-11-03 03:00:00"}};
        for (String[] hour : hours) {
            List<CSVRecord> rows = client.fetchReport(hour[0], hour[1], Beacon360Simulator.ALL_COLUMNS);
            List<SimulatedRead> expected = expectedReads(hour[0], hour[1], NEW_YEAR_2025.instant());
            assertThat(rows).as("report [%s, %s)", hour[0], hour[1]).hasSize(expected.size());
            for (int i = 0; i < rows.size(); i++) {
                assertRowShowsRead(rows.get(i), expected.get(i));
            }
        }
        assertThat(expectedReads("2024-03-10 02:00:00", "2024-03-10 03:00:00", NEW_YEAR_2025.instant())).isEmpty();
        assertThat(expectedReads("2024-11-03 01:00:00", "2024-11-03 02:00:00", NEW_YEAR_2025.instant()))
                .hasSize(2 * UTILITY.meterCount());
    }

    @Test
    void injectsUnknownFlowUnitsAndMissingReadTimesOnSchedule() {
        Beacon360Simulator simulator = start(options().withUnknownFlowUnitEveryNthRow(5).withMissingReadTimeEveryNthRow(7));

        List<CSVRecord> rows = client(simulator).fetchReport(START, END, Beacon360Simulator.ALL_COLUMNS);

        for (int i = 0; i < rows.size(); i++) {
            int rowNumber = i + 1;
            CSVRecord row = rows.get(i);
            assertThat(row.get("Flow_Unit").equals("Pounds")).isEqualTo(rowNumber % 5 == 0);
            assertThat(row.get("Read_Time").isEmpty()).isEqualTo(rowNumber % 7 == 0);
            assertThat(row.get("Flow_Time").isEmpty()).isEqualTo(rowNumber % 7 == 0);
            assertThat(row.get("Endpoint_SN")).isNotEmpty();
        }
    }

    @Test
    void windows1252ReportsWriteEnyeAsOneByteAndMayNameTheirCharset() throws Exception {
        UtilityGenerator utility = new UtilityGenerator(11L, 60, LOS_ANGELES);
        List<String> spanish = utility.meters().stream().map(SimulatedMeter::addressLine1).filter(a -> a.contains("Ñ"))
                .toList();
        assertThat(spanish).as("addresses with Ñ in the simulated utility").isNotEmpty();
        Beacon360Simulator quiet = start(options().withGenerator(utility)
                .withQuirks(VendorQuirks.none().withCharset(WINDOWS_1252, false)));
        Beacon360Simulator declared = start(options().withGenerator(utility)
                .withQuirks(VendorQuirks.none().withCharset(WINDOWS_1252, true)));

        HttpResponse<byte[]> report = download(quiet, START, "2024-08-01 01:00:00");
        HttpResponse<byte[]> named = download(declared, START, "2024-08-01 01:00:00");

        assertThat(report.headers().firstValue("Content-Type")).hasValue("text/csv");
        assertThat(named.headers().firstValue("Content-Type")).hasValue("text/csv; charset=windows-1252");
        byte[] bytes = report.body();
        assertThat(bytes).contains((byte) 0xD1);
        assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)))
                .isInstanceOf(CharacterCodingException.class);
        List<CSVRecord> rows = EdsTestClient.parse(new String(bytes, WINDOWS_1252));
        assertThat(rows).extracting(row -> row.get("Location_Address_Line1")).containsAll(spanish);
    }

    @Test
    void utf8ReportsWriteEnyeAsTwoBytesAndMayStartWithAByteOrderMark() {
        UtilityGenerator utility = new UtilityGenerator(11L, 60, LOS_ANGELES);
        Beacon360Simulator simulator = start(options().withGenerator(utility)
                .withQuirks(VendorQuirks.none().withByteOrderMark(true)));

        byte[] bytes = download(simulator, START, "2024-08-01 01:00:00").body();

        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) '"', (byte) 'A');
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).contains("Ñ").startsWith("\"Account_ID\"");
        assertThatThrownBy(() -> VendorQuirks.none().withCharset(WINDOWS_1252, false).withByteOrderMark(true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void omittedColumnsAreLeftOutThoughRequested() {
        Beacon360Simulator simulator = start(options()
                .withQuirks(VendorQuirks.none().withOmittedColumns("Read_Time", "Signal_Strength")));

        List<CSVRecord> rows = client(simulator).fetchReport(START, END, Beacon360Simulator.ALL_COLUMNS);

        List<String> header = rows.get(0).getParser().getHeaderNames();
        assertThat(header).hasSize(46).doesNotContain("Read_Time", "Signal_Strength").contains("Flow_Time", "Read");
        assertThat(rows).hasSize(20 * 48);
    }

    @Test
    void rateLimitCanNameItsWaitAsTextWithoutRetryAfter() {
        Beacon360Simulator simulator = start(options().withRateLimitEveryNthRequest(1).withRetryAfterSeconds(3)
                .withQuirks(VendorQuirks.none().withRetryWaitAsText(true)));

        HttpResponse<String> limited = client(simulator).postRange(rangeQuery(START, END, Beacon360Simulator.ALL_COLUMNS));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
        JsonNode wait = json(limited).get("args").get(2);
        assertThat(wait.isTextual()).isTrue();
        assertThat(wait.asText()).isEqualTo("3");
    }

    private static HttpResponse<byte[]> download(Beacon360Simulator simulator, String start, String end) {
        EdsTestClient client = client(simulator);
        return client.getBytes(client.requestAndAwait(start, end, Beacon360Simulator.ALL_COLUMNS));
    }

    @Test
    void rejectsInvalidRangeRequestsWithTheReason() {
        Beacon360Simulator simulator = start(options());
        EdsTestClient client = client(simulator);
        List<String> all = Beacon360Simulator.ALL_COLUMNS;

        Map<String, String> missingStart = rangeQuery(START, END, all);
        missingStart.remove("Start_Date");
        Map<String, String> daily = rangeQuery(START, END, all);
        daily.put("Resolution", "daily");
        Map<String, Map<String, String>> invalid = new HashMap<>();
        invalid.put("Start_Date", missingStart);
        invalid.put("not a date", rangeQuery("2024-08-01", END, all));
        invalid.put("before Start_Date", rangeQuery(END, START, all));
        invalid.put("'Meter_Colour'", rangeQuery(START, END, List.of("Endpoint_SN", "Meter_Colour")));
        invalid.put("Resolution", daily);

        invalid.forEach((reason, query) -> {
            HttpResponse<String> response = client.postRange(query);
            assertThat(response.statusCode()).as(reason).isEqualTo(400);
            assertThat(json(response).get("message").asText()).contains(reason);
        });
        assertThat(client.postRange(rangeQuery("2024-08-01 00:00:00.123456", END, all)).statusCode())
                .as("Python's str(datetime) with microseconds").isEqualTo(202);
    }

    @Test
    void answers404ForUnknownReportsAndUnfinishedDownloads() {
        Beacon360Simulator simulator = start(options().withPollsBeforeDone(5));
        EdsTestClient client = client(simulator);
        String uuid = json(client.postRange(rangeQuery(START, END, Beacon360Simulator.ALL_COLUMNS))).get("edsUUID").asText();

        assertThat(client.get("/v2/eds/status/no-such-report").statusCode()).isEqualTo(404);
        assertThat(client.get("/v1/content/" + uuid + "/users/" + simulator.options().username() + "/export90000")
                .statusCode()).isEqualTo(404);
        assertThat(client.get("/v2/other").statusCode()).isEqualTo(404);
    }

    @Test
    void servesSeveralReportsConcurrently() throws Exception {
        Beacon360Simulator simulator = start(options());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Integer>> reports = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                EdsTestClient client = client(simulator);
                reports.add(CompletableFuture.supplyAsync(
                        () -> client.fetchReport(START, END, Beacon360Simulator.ALL_COLUMNS).size(), pool));
            }
            for (CompletableFuture<Integer> report : reports) {
                assertThat(report.get(30, TimeUnit.SECONDS)).isEqualTo(20 * 48);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(simulator.downloads()).isEqualTo(4);
    }

    /** The generator's reads whose local time falls in [start, end) and that were taken by {@code now}. */
    private static List<SimulatedRead> expectedReads(String start, String end, Instant now) {
        LocalDateTime from = LocalDateTime.parse(start.replace(' ', 'T'));
        LocalDateTime to = LocalDateTime.parse(end.replace(' ', 'T'));
        Instant padFrom = from.atZone(LOS_ANGELES).toInstant().minusSeconds(86_400);
        Instant padTo = to.atZone(LOS_ANGELES).toInstant().plusSeconds(86_400);
        return UTILITY.reads(padFrom, padTo)
                .filter(read -> !read.localTime().isBefore(from) && read.localTime().isBefore(to))
                .filter(read -> !read.instant().isAfter(now))
                .toList();
    }

    private static void assertRowShowsRead(CSVRecord row, SimulatedRead read) {
        SimulatedMeter meter = read.meter();
        assertThat(row.get("Endpoint_SN")).isEqualTo(meter.endpointSn());
        assertThat(row.get("Read_Time")).isEqualTo(read.readTimeText());
        assertThat(row.get("Flow_Time")).isEqualTo(read.readTimeText());
        assertThat(row.get("Read")).isEqualTo(read.readString());
        assertThat(row.get("Read_Unit")).isEqualTo(read.readUnit());
        assertThat(row.get("Raw_Read")).isEqualTo(read.rawRead());
        assertThat(row.get("Flow")).isEqualTo(read.flowString());
        assertThat(row.get("Flow_Unit")).isEqualTo(read.flowUnit());
        assertThat(row.get("Estimated_Flag")).isEqualTo(String.valueOf(read.estimatedFlag()));
        assertThat(row.get("Account_ID")).isEqualTo(meter.accountId());
        assertThat(row.get("Location_ID")).isEqualTo(meter.locationId());
        assertThat(row.get("Meter_ID")).isEqualTo(meter.meterId());
        assertThat(row.get("Meter_SN")).isEqualTo(meter.meterSn());
        assertThat(row.get("Meter_Size_Desc")).isEqualTo(meter.meterSizeDesc());
        assertThat(row.get("Meter_Size")).isEqualTo(meter.meterSize());
        assertThat(row.get("Meter_Size_Unit")).isEqualTo("INCHES");
        assertThat(row.get("Meter_Manufacturer")).isEqualTo(meter.manufacturer());
        assertThat(row.get("Location_Address_Line1")).isEqualTo(meter.addressLine1());
        assertThat(row.get("Location_City")).isEqualTo(meter.city());
        assertThat(row.get("Location_State")).isEqualTo("CA");
        assertThat(row.get("Location_ZIP")).isEqualTo(meter.zip());
        assertThat(row.get("Location_Country")).isEqualTo("US");
        assertThat(row.get("Battery_Level")).isEqualTo(meter.batteryLevel());
        assertThat(row.get("Signal_Strength")).isEqualTo(meter.signalStrength());
        assertThat(row.get("Endpoint_Install_Date")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        assertThat(row.get("Current_Leak_Rate").isEmpty()).isEqualTo(!read.leaking());
    }
}
