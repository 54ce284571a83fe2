package org.amiconnect.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code --log-format json} in a fresh JVM (the logging configuration is read once per JVM): every log line on stderr
 * is a JSON object, and a line logged inside a run carries its org and run id.
 */
class JsonLogFormatTest {

    @TempDir
    Path dir;

    @Test
    void logLinesAreJsonObjectsCarryingTheRunsOrgAndRunId() throws Exception {
        Path err = dir.resolve("stderr.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
                LogInsideARun.class.getName(), "--log-format", "json")
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        ObjectMapper json = new ObjectMapper();
        assertThat(lines).isNotEmpty();
        JsonNode line = null;
        for (String l : lines) {
            JsonNode node = json.readTree(l);
            if ("inside the run".equals(node.path("message").asText())) {
                line = node;
            }
        }
        assertThat(line).as("the run's line among %s", lines).isNotNull();
        assertThat(line.path("mdc").path("org").asText()).isEqualTo("utility_a");
        assertThat(line.path("mdc").path("run_id").asText()).isEqualTo("utility_a.manual.20261130T000000Z.1");
        assertThat(line.path("level").asText()).isEqualTo("INFO");
    }

    @Test
    void onlyTextAndJsonAreFormats() {
        assertThat(AmiConnect.logFormat("run", "--log-format=json")).contains("json");
        assertThat(AmiConnect.logFormat("transformer", "--log-format", "text")).contains("text");
        assertThat(AmiConnect.logFormat("run")).isEmpty();
        assertThatThrownBy(() -> AmiConnect.logFormat("--log-format", "xml")).hasMessageContaining("'xml'");
    }

    /** Sets the format as {@code amiconnect}'s main does, then logs a line inside a run's log context. */
    public static final class LogInsideARun {
        public static void main(String[] args) {
            AmiConnect.logFormat(args).ifPresent(f -> System.setProperty(AmiConnect.LOG_FORMAT_PROPERTY, f));
            try (MDC.MDCCloseable orgId = MDC.putCloseable("org", "utility_a");
                    MDC.MDCCloseable runId = MDC.putCloseable("run_id", "utility_a.manual.20261130T000000Z.1")) {
                LoggerFactory.getLogger("org.amiconnect.extractor.Run").info("inside the run");
            }
        }
    }
}
