package org.amiconnect.core.vendorfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.config.ConfigErrors;
import org.amiconnect.core.config.ConfigNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextEncodingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "text/csv; charset=windows-1252   | windows-1252",
            "text/csv;charset=\"ISO-8859-1\"  | ISO-8859-1",
            "text/csv; Charset=cp1252         | windows-1252",
            "text/plain; format=x; charset=utf-8 | UTF-8"})
    void readsTheCharsetOfAContentType(String contentType, String charset) {
        assertThat(TextEncoding.ofContentType(contentType)).contains(Charset.forName(charset));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "NULL", value = {"NULL", "text/csv", "text/csv; charset=no-such-set", "text/csv; charset="})
    void contentTypeWithoutAKnownCharsetNamesNone(String contentType) {
        assertThat(TextEncoding.ofContentType(contentType)).isEmpty();
    }

    @Test
    void configuredSetWinsOverTheHttpAnswerWhichWinsOverTheDefault() {
        assertThat(TextEncoding.choose(Optional.of(TextEncoding.WINDOWS_1252), "text/csv; charset=utf-8").charset())
                .isEqualTo(TextEncoding.WINDOWS_1252);
        TextEncoding declared = TextEncoding.choose(Optional.empty(), "text/csv; charset=windows-1252");
        assertThat(declared.charset()).isEqualTo(TextEncoding.WINDOWS_1252);
        assertThat(declared.origin()).contains("Content-Type");
        assertThat(TextEncoding.choose(Optional.empty(), "text/csv")).isEqualTo(TextEncoding.DEFAULT);
        assertThat(TextEncoding.DEFAULT.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void configuredEncodingIsReadAndAnUnknownOneIsAnErrorNamingTheKey() {
        ConfigErrors errors = new ConfigErrors();
        ConfigNode good = ConfigNode.root("config.yaml", Map.of("encoding", "windows-1252"), errors);
        ConfigNode none = ConfigNode.root("config.yaml", Map.of(), errors);
        ConfigNode bad = ConfigNode.root("config.yaml", Map.of("encoding", "latin-nine"), errors);

        assertThat(TextEncoding.configured(good)).contains(TextEncoding.WINDOWS_1252);
        assertThat(TextEncoding.configured(none)).isEmpty();
        assertThat(TextEncoding.configured(bad)).isEmpty();
        assertThat(errors.all()).singleElement().satisfies(e -> assertThat(e.toString())
                .contains("encoding").contains("'latin-nine' is not a character set name"));
    }
}
