package org.amiconnect.loader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigLoader;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.embedded.registry.KafkaSchemaRegistry;
import org.amiconnect.loader.sink.SinkFaults;
import org.amiconnect.loader.sink.WarehouseSink;
import org.amiconnect.loader.sink.WarehouseSinks;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.testsupport.records.TestRecords;

/**
 * A loader in a process of its own that dies like a killed process ({@link Runtime#halt}: no shutdown hooks, no
 * finally blocks, no rollback) at a chosen point of a chosen batch. Arguments: config file, sink id, crash point
 * ({@code before-warehouse-commit} or {@code before-kafka-commit}), batch number (1-based).
 */
public final class LoaderProcess {

    /** The exit status of a process killed with SIGKILL, which {@link Runtime#halt} imitates. */
    public static final int KILLED = 137;

    private LoaderProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path configFile = Path.of(args[0]);
        String sinkId = args[1];
        String point = args[2];
        int batch = Integer.parseInt(args[3]);
        AmiConnectConfig config = new ConfigLoader(AdapterCatalog.load(), Map.of()).load(configFile, Optional.empty());
        SinkConfig sink = config.sink(sinkId).orElseThrow();
        KafkaClients clients = new KafkaClients(config.kafka());
        Topics topics = new Topics(config.kafka().topicPrefix());
        SchemaRegistry registry = new KafkaSchemaRegistry(clients.common("loader-process-registry"), topics.schemas(), 1);
        WarehouseSink warehouse = WarehouseSinks.open(sink);
        AtomicInteger batches = new AtomicInteger();
        Runnable killAtBatch = () -> {
            if (batches.incrementAndGet() == batch) {
                System.out.println("killed " + point + " of batch " + batch);
                System.out.flush();
                Runtime.getRuntime().halt(KILLED);
            }
        };
        if (point.equals("before-warehouse-commit")) {
            SinkFaults.beforeCommit(warehouse, killAtBatch);
        }
        LoaderService loader = new LoaderService(config, sink, clients, topics, registry, List.of(TestRecords.BEACON_READS),
                warehouse);
        if (point.equals("before-kafka-commit")) {
            loader.afterWarehouseCommit(killAtBatch);
        }
        loader.start();
        Thread.sleep(120_000);
        System.out.println("not killed: the loader wrote fewer than " + batch + " batches");
        System.exit(1);
    }
}
