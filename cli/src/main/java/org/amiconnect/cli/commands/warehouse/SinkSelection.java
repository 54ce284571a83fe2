package org.amiconnect.cli.commands.warehouse;

import java.util.List;

import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SinkConfig;

/** Resolves a command's {@code --sink} option against the configured sinks. */
final class SinkSelection {

    private SinkSelection() {
    }

    /** The named sink, or every configured sink when no name is given. */
    static List<SinkConfig> sinks(AmiConnectConfig config, String sinkId) {
        if (sinkId == null) {
            if (config.sinks().isEmpty()) {
                throw new IllegalArgumentException("No sink is configured in " + config.configFile());
            }
            return config.sinks();
        }
        return List.of(config.sink(sinkId).orElseThrow(() -> new IllegalArgumentException("--sink: '" + sinkId
                + "' is not a configured sink; known: " + String.join(", ",
                        config.sinks().stream().map(SinkConfig::id).toList()))));
    }
}
