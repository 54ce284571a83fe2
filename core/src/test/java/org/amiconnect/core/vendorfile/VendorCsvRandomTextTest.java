package org.amiconnect.core.vendorfile;

import static org.amiconnect.core.vendorfile.CsvBytes.allCells;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Random short texts made of the characters that matter to CSV are read as Commons CSV's RFC 4180 reading with a
 * header reads them (same cells, or both fail), beyond the hand-picked files of {@link VendorCsvQuotingTest}.
 */
class VendorCsvRandomTextTest {

    private static final String ALPHABET = "a,,\"\"\n\r \t";
    private static final String FAILS = "fails";

    @Test
    void twentyThousandRandomTextsReadAsCommonsCsvReadsThem() {
        Random random = new Random(20261130);
        for (int n = 0; n < 20_000; n++) {
            String body = randomText(random);
            String text = "Meter,Time,Read\n" + body;
            assertThat(read(text)).as("%s", shown(text)).isEqualTo(commons(text));
            // the header line itself random: only whether the file fails is compared, columns differ
            assertThat(read(body) == FAILS).as("%s", shown(body)).isEqualTo(commons(body) == FAILS);
        }
    }

    /**
     * With control characters and Unicode spaces in the texts, the reading is Commons CSV's except for the
     * characters between a closing quote and the delimiter: where Commons CSV dropped some (Java whitespace) and
     * failed on others, every one of them fails the file. So a text fails exactly when Commons CSV fails on it with
     * each such character turned into a letter; otherwise the cells are Commons CSV's.
     */
    @Test
    void twentyThousandRandomTextsWithControlCharactersAndUnicodeSpaces() {
        String alphabet = ALPHABET + "\u0001\u000B\u001F\u2000\u3000";
        Random random = new Random(20261201);
        for (int n = 0; n < 20_000; n++) {
            String text = "Meter,Time,Read\n" + randomText(random, alphabet);
            String lettered = text.replaceAll("[\u0001\u000B\u001F\u2000\u3000]", "x");
            Object expected = commons(lettered) == FAILS ? FAILS : commons(text);
            assertThat(read(text)).as("%s", shown(text)).isEqualTo(expected);
        }
    }

    private static String randomText(Random random) {
        return randomText(random, ALPHABET);
    }

    private static String randomText(Random random, String alphabet) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String shown(String text) {
        StringBuilder shown = new StringBuilder();
        for (char c : text.toCharArray()) {
            shown.append(c == '\r' ? "\\r" : c == '\n' ? "\\n" : c < ' ' || c > '~' ? String.format("\\u%04X", (int) c)
                    : String.valueOf(c));
        }
        return shown.toString();
    }

    /** Every row's cells ({@link CsvBytes#allCells}), or {@link #FAILS}. */
    private static Object read(String csv) {
        try {
            return allCells(csv);
        } catch (VendorFileException e) {
            return FAILS;
        }
    }

    private static Object commons(String csv) {
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180.builder()
                .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get())) {
            return parser.stream().map(CSVRecord::toList).toList();
        } catch (IOException | RuntimeException e) {
            return FAILS;
        }
    }
}
