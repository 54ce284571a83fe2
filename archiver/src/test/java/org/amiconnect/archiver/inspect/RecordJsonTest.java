package org.amiconnect.archiver.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.amiconnect.archiver.format.ArchivedRecord;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.WireFormat;
import org.amiconnect.testsupport.records.TestRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class RecordJsonTest {

    private static final String TOPIC = "ami.raw.beacon360.meter-read";
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void printsARecordWithItsValueDecodedByTheArchivedSchema() throws Exception {
        ConsumerRecord<byte[], byte[]> consumed = TestRecords.consumed(registry, TOPIC, 1, 42);
        int id = WireFormat.schemaId(consumed.value());

        JsonNode json = mapper.readTree(new RecordJson(Map.of(id, Beacon360MeterRead.getClassSchema()))
                .line(ArchivedRecord.of(consumed)));

        assertThat(json.get("topic").asText()).isEqualTo(TOPIC);
        assertThat(json.get("partition").asInt()).isEqualTo(1);
        assertThat(json.get("offset").asLong()).isEqualTo(42);
        assertThat(json.get("timestamp").asText()).isEqualTo("2025-03-09T22:00:42Z");
        assertThat(json.get("key").asText()).isEqualTo("utility_a|ep-42");
        assertThat(json.get("headers").get("ami.run-id").asText()).isEqualTo("run-0");
        assertThat(json.get("headers").get("empty").isNull()).isTrue();
        assertThat(json.get("schemaId").asInt()).isEqualTo(id);
        assertThat(json.get("value").get("Endpoint_SN").asText()).isEqualTo("ep-42");
        assertThat(json.get("value").get("Read").asText()).isEqualTo("1042");
        assertThat(json.get("value").get("extract").get("extracted_at").asText())
                .isEqualTo("2025-03-09T12:00:00.000001Z");
    }

    @Test
    void showsAValueWithoutItsSchemaAsBase64WithTheReason() throws Exception {
        ConsumerRecord<byte[], byte[]> consumed = TestRecords.consumed(registry, TOPIC, 0, 1);

        JsonNode json = mapper.readTree(new RecordJson(Map.of()).line(ArchivedRecord.of(consumed)));

        assertThat(json.get("valueError").asText()).contains("does not carry the writer schema of id");
        assertThat(json.get("valueBase64").asText()).isNotEmpty();
        assertThat(json.has("value")).isFalse();
    }
}
