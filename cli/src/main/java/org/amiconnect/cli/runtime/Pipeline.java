package org.amiconnect.cli.runtime;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.extractor.ExtractorService;
import org.amiconnect.loader.LoaderService;
import org.amiconnect.transformer.TransformerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The three services in one process, as {@code amiconnect run} runs them. */
public final class Pipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final Infrastructure infra;
    private final ExtractorService extractor;
    private final TransformerService transformer;
    private final List<LoaderService> loaders = new ArrayList<>();

    public Pipeline(Infrastructure infra, Path stateDir) {
        this.infra = infra;
        AmiConnectConfig config = infra.config();
        this.extractor = new ExtractorService(infra.clients(), infra.topics(), infra.registry(), infra.adapters(),
                Clock.systemUTC());
        this.transformer = new TransformerService(config.sources(), infra.adapters(), infra.clients(), infra.topics(),
                infra.registry(), stateDir.resolve("streams"));
        for (SinkConfig sink : sinksInUse(config)) {
            loaders.add(new LoaderService(config, sink, infra.clients(), infra.topics(), infra.registry(),
                    infra.rawEntities()));
        }
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
        log.info("Pipeline started: {} source(s), {} sink(s)", infra.config().sources().size(), loaders.size());
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

    public Infrastructure infrastructure() {
        return infra;
    }

    @Override
    public void close() {
        extractor.close();
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
