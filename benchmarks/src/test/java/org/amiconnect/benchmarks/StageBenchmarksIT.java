package org.amiconnect.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * Each stage benchmark on a tiny utility (50 meters × 1 day = 1,200 reads) finishes, counts every read and appends
 * its result line. Timings are not asserted: the figures come from the full-size runs in the README.
 */
class StageBenchmarksIT {

    private static final String TINY = "--meters=50";
    private static final String ONE_DAY = "--days=1";

    @TempDir
    Path dir;

    @Test
    void extractPublishesEveryReadOfTheRun() throws IOException {
        assertThat(line("extract")).contains("\"stage\":\"extract\"", "\"reads\":1200,");
    }

    @Test
    void normalizeWithTwoStreamThreadsNormalizesEveryRawRecord() throws IOException {
        assertThat(line("normalize", "--stream-threads=2"))
                .contains("\"stage\":\"normalize\"", "\"reads\":1200,", "\"stream_threads\":2", "\"dead_letters\":0");
    }

    @Test
    void loadIntoDuckDbLoadsEveryReading() throws IOException {
        assertThat(line("load", "--sink=duckdb")).contains("\"stage\":\"load\"", "\"reads\":1200,", "\"sink\":\"duckdb\"");
    }

    @Test
    void loadIntoPostgresLoadsEveryReading() throws IOException {
        assertThat(line("load", "--sink=postgresql"))
                .contains("\"stage\":\"load\"", "\"reads\":1200,", "\"sink\":\"postgresql\"", "\"meter_rows\":50");
    }

    @Test
    void continuousModeMeasuresTheLatencyOfEveryPublishedRead() throws IOException {
        String line = line("continuous", "--rate=500", "--duration=2s");
        assertThat(line).contains("\"stage\":\"continuous\"", "\"reads\":1000,", "\"latency_p95_ms\":");
        assertThat(line).doesNotContain("\"latency_p95_ms\":-1");
    }

    @Test
    void endToEndLoadsEveryReadingAndReportsTheBrokerStartUpApart() throws IOException {
        assertThat(line("end-to-end")).contains("\"stage\":\"end-to-end\"", "\"reads\":1200,", "\"exit\":0",
                "\"startup_s\":", "\"cpu_s\":{\"process\":");
    }

    /** Runs one stage on the tiny utility and returns the one line it appended to the results file. */
    private String line(String stage, String... options) throws IOException {
        Path results = dir.resolve("results.jsonl");
        Files.deleteIfExists(results);
        String[] args = new String[options.length + 4];
        args[0] = stage;
        args[1] = TINY;
        args[2] = ONE_DAY;
        args[3] = "--results=" + results;
        System.arraycopy(options, 0, args, 4, options.length);
        assertThat(new CommandLine(new Benchmarks()).execute(args)).isZero();
        List<String> lines = Files.readAllLines(results);
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }
}
