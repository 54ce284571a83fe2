package org.amiconnect.cli.commands.warehouse;

import java.io.PrintWriter;
import java.util.List;

import org.amiconnect.cli.commands.ConfiguredCommand;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.topics.PipelineTopics;
import org.amiconnect.loader.sink.WarehouseSinks;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code amiconnect sql ddl}. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "SQL of the warehouse sinks.",
        subcommands = {SqlCommand.Ddl.class})
public final class SqlCommand {

    @Command(name = "ddl", mixinStandardHelpOptions = true,
            description = {
                "Print the CREATE TABLE statements of a sink's tables: readings, meters (with history), the loader's "
                        + "offsets and run progress, and one raw table per vendor entity of the configured sources.",
                "The loader creates missing tables itself on start unless loader.create-tables is false; use this to "
                        + "create them ahead, e.g. when the loader's role may not run DDL."
            })
    static final class Ddl extends ConfiguredCommand {

        @Option(names = "--sink", paramLabel = "ID",
                description = "The sink whose DDL to print (default: the only configured sink).")
        String sinkId;

        @Option(names = "--type", paramLabel = "TYPE",
                description = "Print the DDL of this sink type (duckdb, postgresql, snowflake) instead of a configured "
                        + "sink's.")
        String type;

        @Override
        public Integer call() {
            AmiConnectConfig config = config();
            AdapterCatalog adapters = adapters();
            if (type != null && sinkId != null) {
                throw new IllegalArgumentException("--sink and --type exclude each other");
            }
            String sinkType = type != null ? type : sink(config).type();
            List<RawEntity> raw = PipelineTopics.rawEntities(config, adapters);
            PrintWriter out = out();
            out.print(WarehouseSinks.dialect(sinkType).ddl(raw));
            out.flush();
            return 0;
        }

        private SinkConfig sink(AmiConnectConfig config) {
            List<SinkConfig> sinks = SinkSelection.sinks(config, sinkId);
            if (sinks.size() > 1) {
                throw new IllegalArgumentException("Several sinks are configured (" + String.join(", ",
                        sinks.stream().map(SinkConfig::id).toList()) + "); choose one with --sink");
            }
            return sinks.get(0);
        }
    }
}
