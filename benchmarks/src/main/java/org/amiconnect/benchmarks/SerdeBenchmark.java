package org.amiconnect.benchmarks;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The Schema Registry wire-format serde on the hot path of every service. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerdeBenchmark {

    private AvroSerializer<GeneralMeterRead> serializer;
    private AvroDeserializer<GeneralMeterRead> deserializer;
    private GeneralMeterRead read;
    private byte[] bytes;

    @Setup
    public void setUp() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        serializer = new AvroSerializer<>(registry);
        deserializer = new AvroDeserializer<>(registry, GeneralMeterRead.class);
        read = GeneralMeterRead.newBuilder().setOrgId("bench_org").setDeviceId("130615549").setAccountId("303022")
                .setLocationId("303022").setFlowtime(Instant.parse("2024-08-01T07:59:00Z")).setRegisterValue(22760.0)
                .setRegisterUnit("CF").setIntervalValue(0.66840273).setIntervalUnit("CF").setBattery("good")
                .setInstallDate(Instant.parse("2024-08-01T07:59:00Z")).setEstimated(0).setConnection("marginal").build();
        bytes = serializer.serialize("ami.meter-reads", read);
    }

    @Benchmark
    public byte[] serializeRead() {
        return serializer.serialize("ami.meter-reads", read);
    }

    @Benchmark
    public GeneralMeterRead deserializeRead() {
        return deserializer.deserialize("ami.meter-reads", bytes);
    }
}
