package org.amiconnect.extractor.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.amiconnect.schemas.control.ExtractRequest;
import org.junit.jupiter.api.Test;

class JsonExtractRequestTest {

    private static final Instant NOW = Instant.parse("2026-11-09T20:00:00Z");

    private static ExtractRequest parse(String json, String key) {
        return JsonExtractRequest.parse(json.getBytes(StandardCharsets.UTF_8), key, "ami.control.extract-requests-1@7",
                org -> org.equals("north") ? Optional.of(ZoneId.of("America/Los_Angeles")) : Optional.empty(), NOW);
    }

    @Test
    void daysAreTheSourcesLocalMidnightsAndThePositionNamesARequestWithoutAnId() {
        ExtractRequest r = parse("{\"org_id\": \"north\", \"start\": \"2026-11-03\", \"end\": \"2026-11-05\"}", null);

        assertThat(r.getOrgId()).isEqualTo("north");
        assertThat(r.getRangeStart()).isEqualTo(Instant.parse("2026-11-03T08:00:00Z"));
        assertThat(r.getRangeEnd()).isEqualTo(Instant.parse("2026-11-05T08:00:00Z"));
        assertThat(r.getRequestId()).isEqualTo("json:ami.control.extract-requests-1@7");
        assertThat(r.getExtractName()).isNull();
        assertThat(r.getRequestedAt()).isEqualTo(NOW);
    }

    @Test
    void instantsFilesReasonAndRequestIdAreTaken() {
        ExtractRequest r = parse("{\"org_id\": \"north\", \"start\": \"2026-11-03T10:00:00Z\", \"end\": "
                + "\"2026-11-03T12:00:00Z\", \"reason\": \"r\", \"requested_by\": \"ops\", \"files\": [\"/in/a.csv\"], "
                + "\"request_id\": \"abc\"}", "north");

        assertThat(r.getRangeStart()).isEqualTo(Instant.parse("2026-11-03T10:00:00Z"));
        assertThat(r.getFiles()).containsExactly("/in/a.csv");
        assertThat(r.getReason()).isEqualTo("r");
        assertThat(r.getRequestedBy()).isEqualTo("ops");
        assertThat(r.getRequestId()).isEqualTo("abc");
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> parse("{\"org_id\": \"north\", \"start\": \"3 Nov\", \"end\": \"2026-11-05\"}", null))
                .hasMessageContaining("start: '3 Nov' is neither a day");
        assertThatThrownBy(() -> parse("{\"org_id\": \"north\", \"end\": \"2026-11-05\"}", null))
                .hasMessage("start: missing");
        assertThatThrownBy(() -> parse("{\"org\": \"north\"}", null)).hasMessageContaining("unknown field 'org'");
        assertThatThrownBy(() -> parse("{\"org_id\": \"north\", \"start\": \"2026-11-03\", \"end\": \"2026-11-05\"}",
                "south")).hasMessageContaining("key 'south' is not its org_id 'north'");
        assertThatThrownBy(() -> parse("{\"org_id\": ", null)).hasMessageStartingWith("not valid JSON");
    }

    @Test
    void onlyValuesStartingWithABraceAreJson() {
        assertThat(JsonExtractRequest.isJson(" {\"a\":1}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(JsonExtractRequest.isJson(new byte[] {0, 0, 0, 0, 1})).isFalse();
        assertThat(JsonExtractRequest.isJson(null)).isFalse();
    }
}
