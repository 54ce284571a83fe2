package org.amiconnect.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code transformer:} section of config.yaml: how the Kafka Streams application runs.
 *
 * @param streamThreads stream threads per instance ({@code num.stream.threads}); default 1
 * @param standbyReplicas warm copies of each task's state on other instances ({@code num.standby.replicas}), so a
 *     failed instance's tasks resume without replaying their changelogs; default 0
 * @param stateDir where the local state stores live; empty = {@code <state dir of the command>/streams}
 * @param metadataGrace overrides every vendor's declared wait of a read for its meter's metadata; empty = the vendor's
 * @param halvesGrace overrides every vendor's declared wait of a register or interval half for the other; empty = the
 *     vendor's
 */
public record TransformerSettings(int streamThreads, int standbyReplicas, Optional<Path> stateDir,
        Optional<Duration> metadataGrace, Optional<Duration> halvesGrace) {

    public static final TransformerSettings DEFAULTS = new TransformerSettings(1, 0, Optional.empty(), Optional.empty(),
            Optional.empty());

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stream-threads", streamThreads);
        m.put("standby-replicas", standbyReplicas);
        stateDir.ifPresent(d -> m.put("state-dir", d.toString()));
        metadataGrace.ifPresent(g -> m.put("metadata-grace", g.toString()));
        halvesGrace.ifPresent(g -> m.put("halves-grace", g.toString()));
        return m;
    }
}
