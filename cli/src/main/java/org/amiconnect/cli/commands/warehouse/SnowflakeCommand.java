package org.amiconnect.cli.commands.warehouse;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.amiconnect.cli.commands.ConfiguredCommand;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.loader.connector.SnowflakeConnectorConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code amiconnect snowflake connector-config}. */
@Command(name = "snowflake", mixinStandardHelpOptions = true,
        description = "Snowflake helpers.",
        subcommands = {SnowflakeCommand.ConnectorConfig.class})
public final class SnowflakeCommand {

    @Command(name = "connector-config", mixinStandardHelpOptions = true,
            description = {
                "Write the configuration of the Snowflake Connector for Kafka v4 (Snowpipe Streaming) that loads the "
                        + "normalized topics into landing tables of a snowflake sink, with the Avro converter pointed "
                        + "at the schema registry. It replaces the loader for that sink; see docs/warehouse.md.",
                "Secrets are not written: the private key is a ${file:...} reference to "
                        + SnowflakeConnectorConfig.SECRETS_FILE + " on the Connect workers."
            })
    static final class ConnectorConfig extends ConfiguredCommand {

        @Option(names = "--sink", paramLabel = "ID",
                description = "The snowflake sink (default: the only snowflake sink configured).")
        String sinkId;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "Write the config to FILE instead of standard output.")
        Path output;

        @Option(names = "--format", paramLabel = "FORMAT",
                description = "properties (for connect-standalone) or json (for the Connect REST API). Default: json "
                        + "when FILE ends in .json, else properties.")
        String format;

        @Option(names = "--name", paramLabel = "NAME",
                description = "The connector's name (default: amiconnect-snowflake-<sink id>).")
        String name;

        @Override
        public Integer call() throws Exception {
            AmiConnectConfig config = config();
            SinkConfig sink = SnowflakeConnectorConfig.snowflakeSink(config, sinkId);
            Map<String, String> settings = SnowflakeConnectorConfig.settings(config, sink,
                    name != null ? name : "amiconnect-snowflake-" + sink.id());
            String chosen = format != null ? format.toLowerCase(Locale.ROOT)
                    : output != null && output.toString().endsWith(".json") ? "json" : "properties";
            String text = switch (chosen) {
                case "json" -> SnowflakeConnectorConfig.json(settings);
                case "properties" -> SnowflakeConnectorConfig.properties(settings, sink);
                default -> throw new IllegalArgumentException("--format: '" + format
                        + "' is not a format; expected properties or json");
            };
            PrintWriter out = out();
            if (output == null) {
                out.print(text);
            } else {
                Path dir = output.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                Files.writeString(output, text);
                out.printf("Wrote the Snowflake Kafka connector config of sink %s to %s (%s)%n", sink.id(), output,
                        chosen);
            }
            out.flush();
            return 0;
        }
    }
}
