package org.amiconnect.cli.runtime;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.amiconnect.archiver.Archiver;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.health.ServiceHealth;
import org.amiconnect.extractor.ExtractorOptions;
import org.amiconnect.extractor.ExtractorService;
import org.amiconnect.loader.LoaderService;
import org.amiconnect.transformer.TransformerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The services in one process, as {@code amiconnect run} runs them: extractor, archiver, transformer, loaders. */
public final class Pipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final Infrastructure infra;
    private final ExtractorService extractor;
    private final TransformerService transformer;
    private final List<LoaderService> loaders = new ArrayList<>();
    private final Archiver archiver;

    public Pipeline(Infrastructure infra, Path stateDir) {
        this.infra = infra;
        AmiConnectConfig config = infra.config();
        this.extractor = new ExtractorService(infra.clients(), infra.topics(), infra.registry(), infra.adapters(),
                Clock.systemUTC(), ExtractorOptions.from(config.extractor()));
        this.transformer = new TransformerService(config.sources(), infra.adapters(), infra.clients(), infra.topics(),
                infra.registry(), stateDir.resolve("streams"), config.transformer());
        for (SinkConfig sink : sinksInUse(config)) {
            loaders.add(new LoaderService(config, sink, infra.clients(), infra.topics(), infra.registry(),
                    infra.rawEntities()));
        }
        this.archiver = new Archiver(config, infra.clients(), infra.topics(), infra.registry(), infra.rawEntities());
    }

    static List<SinkConfig> sinksInUse(AmiConnectConfig config) {
        Set<String> ids = new LinkedHashSet<>();
        for (SourceConfig s : config.sources()) {
            ids.addAll(s.sinks());
        }
        return config.sinks().stream().filter(s -> ids.contains(s.id())).toList();
    }

    public void start() {
        transformer.start();
        loaders.forEach(LoaderService::start);
        archiver.start();
        log.info("Pipeline started: {} source(s), {} sink(s)", infra.config().sources().size(), loaders.size());
    }

    /** Registers the transformer, each loader and the archiver with {@code health} (the extractor is its caller's). */
    public void registerWith(ServiceHealth health) {
        health.register("transformer", transformer::failure);
        loaders.forEach(l -> health.register("loader of sink " + l.sink().id(), l::failure));
        health.register("archiver", archiver::failure);
    }

    public ExtractorService extractor() {
        return extractor;
    }

    public TransformerService transformer() {
        return transformer;
    }

    public List<LoaderService> loaders() {
        return loaders;
    }

    public Archiver archiver() {
        return archiver;
    }

    public Infrastructure infrastructure() {
        return infra;
    }

    @Override
    public void close() {
        extractor.close();
        try {
            // stores and commits what it has read, so run --once leaves every extracted record archived
            archiver.close();
        } catch (RuntimeException e) {
            log.warn("Error while stopping the archiver: {}", e.getMessage());
        }
        for (LoaderService l : loaders) {
            try {
                l.close();
            } catch (RuntimeException e) {
                log.warn("Error while stopping loader: {}", e.getMessage());
            }
        }
        transformer.close();
    }
}
