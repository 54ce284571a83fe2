package org.amiconnect.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional sink keys of data-quality checks: their schedule and the notification hook. */
class SinkChecksConfigTest {

    private static final String SECRETS = ConfigFiles.SMALLEST_SECRETS;

    @TempDir
    java.nio.file.Path dir;

    /** The smallest config.yaml with {@code sinkKeys} added to its sink. */
    private static String config(String sinkKeys) {
        String sinkType = "    type: duckdb\n";
        return ConfigFiles.SMALLEST_CONFIG.replace(sinkType, sinkType + sinkKeys.indent(4));
    }

    @Test
    void schedulesChecksDailyWithoutANotificationHookByDefault() {
        SinkConfig sink = new ConfigFiles(dir).load(config(""), SECRETS).sink("warehouse").orElseThrow();

        assertThat(sink.checks()).isEmpty();
        assertThat(sink.checksSchedule()).contains("0 6 * * *");
        assertThat(sink.notifyCommand()).isEmpty();
        assertThat(sink.notifyUrl()).isEmpty();
    }

    @Test
    void readsTheScheduleTheCommandAndTheUrl() {
        SinkConfig sink = new ConfigFiles(dir).load(config("""
                checks: [meters-unique-by-device-id]
                checks-schedule: "30 7 * * 1-5"
                notify-command: [/usr/local/bin/page-oncall, --team, data]
                notify_url: https://hooks.example.com/services/T000/B000/secret-token
                """), SECRETS).sink("warehouse").orElseThrow();

        assertThat(sink.checks()).containsExactly("meters-unique-by-device-id");
        assertThat(sink.checksSchedule()).contains("30 7 * * 1-5");
        assertThat(sink.notifyCommand()).containsExactly("/usr/local/bin/page-oncall", "--team", "data");
        assertThat(sink.notifyUrl()).contains(URI.create("https://hooks.example.com/services/T000/B000/secret-token"));
    }

    @Test
    void turnsScheduledChecksOffWithOff() {
        SinkConfig sink = new ConfigFiles(dir).load(config("checks-schedule: \"off\""), SECRETS).sink("warehouse")
                .orElseThrow();

        assertThat(sink.checksSchedule()).isEmpty();
        assertThat(sink.describe()).containsEntry("checks-schedule", "off");
    }

    @Test
    void describeShowsWhereTheHookPointsButNotItsToken() {
        SinkConfig sink = new ConfigFiles(dir).load(config("notify-url: https://hooks.example.com/services/secret-token"),
                SECRETS).sink("warehouse").orElseThrow();

        assertThat(sink.describe()).containsEntry("notify-url", "https://hooks.example.com/********");
        assertThat(sink.describe().toString()).doesNotContain("secret-token");
    }

    @Test
    void rejectsAScheduleThatIsNotCron() {
        List<String> errors = new ConfigFiles(dir).errors(config("checks-schedule: daily"), SECRETS);

        assertThat(errors).singleElement().asString()
                .startsWith("config.yaml: sinks[0].checks-schedule: 'daily' is not a five-field cron expression")
                .endsWith("; or 'off' for no scheduled checks");
    }

    @Test
    void rejectsANotifyUrlThatIsNotAbsoluteAndACommandThatIsNotAList() {
        assertThat(new ConfigFiles(dir).errors(config("""
                notify-url: hooks/ami
                notify-command: /usr/local/bin/page-oncall
                """), SECRETS)).containsExactlyInAnyOrder(
                "config.yaml: sinks[0].notify-url: 'hooks/ami' is not an absolute URL",
                "config.yaml: sinks[0].notify-command: expected a list, found '/usr/local/bin/page-oncall'");
    }

    @Test
    void theShortConstructorKeepsTheDefaults() {
        SinkConfig sink = new SinkConfig("w", "duckdb", null, Optional.empty(), List.of(), Map.of());

        assertThat(sink.checksSchedule()).contains(SinkConfig.DEFAULT_CHECKS_SCHEDULE);
        assertThat(sink.notifyCommand()).isEmpty();
        assertThat(sink.notifyUrl()).isEmpty();
    }
}
